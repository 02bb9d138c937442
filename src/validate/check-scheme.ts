import { diagnostic, where, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/yaml-file.js';
import type { Bloc, Grade, GradeCondition, Unit, YearSettings } from '../model/scorecard.js';
import { closest } from './suggest.js';

/**
 * Grades top-down with strictly falling minima, only the last without one, each label once; the
 * last grade (which takes every unit refused above it) with no quota and no condition; each
 * condition one penalty or one quarter grade. `at` is where the list is: `['grades']`, or
 * `['year', 'grades']`.
 */
export function checkGrades(grades: Grade[], source: SourceFile, at: (string | number)[] = ['grades']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const last = grades.length - 1;
  let previous: number | undefined;
  const labels = new Map<string, string>();
  grades.forEach((g, i) => {
    const path = [...at, i];
    const first = labels.get(g.label);
    if (first) out.push(diagnostic('SCORECARD_GRADE_DUPLICATE', source.locate([...path, 'label']), { label: g.label, first }));
    else labels.set(g.label, where(source.locate([...path, 'label'])));
    if (i === last) {
      for (const key of ['maxShare', 'unless'] as const) {
        if (g[key] !== undefined) out.push(diagnostic('SCORECARD_GRADE_CONDITION', source.locate([...path, key], 'key'), { problem: 'last', key }));
      }
    }
    (g.unless ?? []).forEach((c, k) => {
      const has = (key: string) => Object.hasOwn(c, key);
      const problem = has('quarterGrade') && (has('penalty') || has('above')) ? 'both' : !has('penalty') && !has('quarterGrade') ? 'neither' : undefined;
      if (problem) out.push(diagnostic('SCORECARD_GRADE_CONDITION', source.locate([...path, 'unless', k]), { problem }));
    });
    if (g.min === undefined) {
      if (i !== last) out.push(diagnostic('SCORECARD_GRADES_LAST', source.locate(path), { problem: 'middle' }));
      return;
    }
    if (i === last) out.push(diagnostic('SCORECARD_GRADES_LAST', source.locate([...path, 'min'], 'key'), { problem: 'last' }));
    if (previous !== undefined && g.min >= previous) {
      out.push(diagnostic('SCORECARD_GRADES_ORDER', source.locate([...path, 'min']), { min: g.min, previous }));
    }
    previous = g.min;
  });
  return out;
}

/**
 * The names a grade list's conditions use: each penalty a criterion of some bloc's `penalty`
 * (a bloc without it cannot be penalised there), each quarter grade one of the quarters' grades.
 * A quarter's grade is a condition of the year's grades only (`quarterGrades` undefined: these
 * are the quarters' own grades), where a quarter of the year has one.
 */
export function checkGradeNames(grades: Grade[], source: SourceFile, at: (string | number)[], blocs: readonly Bloc[], quarterGrades: readonly Grade[] | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const penalties = [...new Set(blocs.flatMap((b) => (Array.isArray(b.penalty) ? b.penalty : []).map((c: { id?: unknown } | null) => c?.id).filter((id): id is string => typeof id === 'string')))].sort();
  const labels = quarterGrades && [...new Set(quarterGrades.map((g) => g.label))];
  grades.forEach((g, i) =>
    (g.unless ?? []).forEach((c: GradeCondition, k) => {
      const path = [...at, i, 'unless', k];
      if ('penalty' in c && typeof c.penalty === 'string' && !('quarterGrade' in c) && !penalties.includes(c.penalty)) {
        out.push(diagnostic('SCORECARD_GRADE_CONDITION', source.locate([...path, 'penalty']), { problem: 'unknownPenalty', id: c.penalty, hint: closest(c.penalty, penalties) ?? '', known: penalties.join(', ') || '—' }));
      }
      if ('quarterGrade' in c && typeof c.quarterGrade === 'string' && !('penalty' in c)) {
        if (!labels) out.push(diagnostic('SCORECARD_GRADE_CONDITION', source.locate([...path, 'quarterGrade'], 'key'), { problem: 'quarterly' }));
        else if (!labels.includes(c.quarterGrade)) out.push(diagnostic('SCORECARD_GRADE_CONDITION', source.locate([...path, 'quarterGrade']), { problem: 'unknownGrade', label: c.quarterGrade, known: labels.join(', ') }));
      }
    }),
  );
  return out;
}

/** `year:`: weights with `weighted` only, four of them, not all zero. */
export function checkYear(year: Partial<YearSettings>, source: SourceFile): Diagnostic[] {
  const weighted = year.method === 'weighted';
  const weights = year.weights;
  if (weighted && weights === undefined) return [diagnostic('SCORECARD_YEAR_WEIGHTS', source.locate(['year', 'method']), { problem: 'missing' })];
  if (weights === undefined) return [];
  if (!weighted) return [diagnostic('SCORECARD_YEAR_WEIGHTS', source.locate(['year', 'weights'], 'key'), { problem: 'unused' })];
  if (weights.length !== 4) return [diagnostic('SCORECARD_YEAR_WEIGHTS', source.locate(['year', 'weights']), { problem: 'length', count: weights.length })];
  if (weights.every((w) => w === 0)) return [diagnostic('SCORECARD_YEAR_WEIGHTS', source.locate(['year', 'weights']), { problem: 'zero' })];
  return [];
}

/** Every bloc listed once. */
export function checkSchemeBlocs(blocs: string[], source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  blocs.forEach((id, i) => {
    const at = source.locate(['blocs', i]);
    const first = seen.get(id);
    if (first) out.push(diagnostic('SCORECARD_DUPLICATE_BLOC', at, { id, first }));
    else seen.set(id, where(at));
  });
  return out;
}

/** Unit ids unique; every unit in a bloc of the scheme; every bloc with a unit. */
export function checkUnits(
  units: Unit[],
  source: SourceFile,
  schemeBlocs: string[] | undefined,
  schemeSource: SourceFile | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  units.forEach((u, i) => {
    const at = source.locate(['units', i, 'id']);
    const first = seen.get(u.id);
    if (first) out.push(diagnostic('SCORECARD_DUPLICATE_UNIT', at, { id: u.id, first }));
    else seen.set(u.id, where(at));
    if (schemeBlocs && !schemeBlocs.includes(u.bloc)) {
      out.push(diagnostic('SCORECARD_UNKNOWN_BLOC', source.locate(['units', i, 'bloc']), { bloc: u.bloc, known: schemeBlocs.join(', ') }));
    }
  });
  if (schemeBlocs && schemeSource) {
    schemeBlocs.forEach((id, i) => {
      if (!units.some((u) => u.bloc === id)) out.push(diagnostic('SCORECARD_BLOC_NO_UNITS', schemeSource.locate(['blocs', i]), { bloc: id }));
    });
  }
  return out;
}
