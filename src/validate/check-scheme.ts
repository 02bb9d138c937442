import { diagnostic, where, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/yaml-file.js';
import type { Grade, Unit } from '../model/scorecard.js';

/** Grades top-down with strictly falling minima, only the last without one. */
export function checkGrades(grades: Grade[], source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const last = grades.length - 1;
  let previous: number | undefined;
  grades.forEach((g, i) => {
    if (g.min === undefined) {
      if (i !== last) out.push(diagnostic('SCORECARD_GRADES_LAST', source.locate(['grades', i]), { problem: 'middle' }));
      return;
    }
    if (i === last) out.push(diagnostic('SCORECARD_GRADES_LAST', source.locate(['grades', i, 'min'], 'key'), { problem: 'last' }));
    if (previous !== undefined && g.min >= previous) {
      out.push(diagnostic('SCORECARD_GRADES_ORDER', source.locate(['grades', i, 'min']), { min: g.min, previous }));
    }
    previous = g.min;
  });
  return out;
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
