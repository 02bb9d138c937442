import { diagnostic, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/yaml-file.js';
import { TOTAL_KEYS, type TestCase, type TestFile } from '../model/scorecard-test.js';
import { factsOfCriterion, placedCriteria, type Bloc, type Criterion, type Rules } from '../model/scorecard.js';
import { valueProblem } from './evidence.js';
import { validateSchema } from './schema.js';
import { closest } from './suggest.js';

/** A test case that can run: its bloc, where it is written, and the criteria it checks. */
export interface CheckedCase {
  file: string;
  bloc: Bloc;
  test: TestCase;
  at: Location;
  /** Where each expected key is written. */
  expectAt: Map<string, Location>;
  /** The criteria whose points the expectations depend on: each has all it reads. */
  checked: Set<string>;
}

/**
 * Checks a scorecard test file against validated rules. Returns the cases that can run and
 * every problem; a case with a problem does not run (the caller counts it failed).
 */
export function validateTestFile(source: SourceFile, rules: Rules): { cases: CheckedCase[]; failed: number; diagnostics: Diagnostic[] } {
  const schema = validateSchema('tests', source);
  const data = source.data as TestFile;
  const caseOf = (path: readonly (string | number)[]) => (path[0] === 'cases' && path.length >= 2 ? Number(path[1]) : undefined);
  // A problem outside the cases stops the file (it counts as its cases, at least one);
  // a problem inside one case stops that case only.
  if (schema.violations.some((v) => caseOf(v.path) === undefined)) {
    const count = Array.isArray(data?.cases) ? data.cases.length : 0;
    return { cases: [], failed: Math.max(1, count), diagnostics: schema.diagnostics };
  }
  const broken = new Set(schema.violations.map((v) => caseOf(v.path)));
  const bloc = rules.blocs.find((b) => b.bloc === data.bloc);
  if (!bloc) {
    const hint = closest(data.bloc, rules.blocs.map((b) => b.bloc));
    return { cases: [], failed: data.cases.length, diagnostics: [diagnostic('TEST_UNKNOWN_BLOC', source.locate(['bloc']), { bloc: data.bloc, ...(hint ? { hint } : {}) })] };
  }
  const diagnostics: Diagnostic[] = [...schema.diagnostics];
  const cases: CheckedCase[] = [];
  let failed = 0;
  data.cases.forEach((test, i) => {
    if (broken.has(i)) {
      failed++;
      return;
    }
    const at = (path: (string | number)[], target?: 'value' | 'key') => source.locate(['cases', i, ...path], target);
    const problems = checkCase(test, bloc, rules, at);
    if (problems.diagnostics.length > 0) {
      diagnostics.push(...problems.diagnostics);
      failed++;
      return;
    }
    const expectAt = new Map(Object.keys(test.expect).map((k) => [k, at(['expect', k])]));
    cases.push({ file: source.file, bloc, test, at: at(['name']), expectAt, checked: problems.checked });
  });
  return { cases, failed, diagnostics };
}

type At = (path: (string | number)[], target?: 'value' | 'key') => Location;

function checkCase(test: TestCase, bloc: Bloc, rules: Rules, at: At): { checked: Set<string>; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const placed = placedCriteria(bloc);
  const criteria = new Map(placed.map((p) => [p.criterion.id, p.criterion]));
  for (const [name, value] of Object.entries(test.facts ?? {})) {
    const fact = Object.hasOwn(bloc.facts, name) ? bloc.facts[name] : undefined;
    if (!fact) {
      const hint = closest(name, Object.keys(bloc.facts));
      out.push(diagnostic('EVIDENCE_UNKNOWN_FACT', at(['facts', name], 'key'), { fact: name, bloc: bloc.bloc, ...(hint ? { hint } : {}) }));
      continue;
    }
    const problem = valueProblem(fact, value);
    if (problem) out.push(diagnostic(problem.code, at(['facts', name]), { fact: name, value: String(value), ...problem.params }));
  }
  for (const [id, m] of Object.entries(test.manual ?? {})) {
    const c = criteria.get(id);
    if (!c || !('manual' in c.score)) out.push(diagnostic('EVIDENCE_MANUAL', at(['manual', id], 'key'), { criterion: id, problem: 'method' }));
    else if (m.points > c.max) out.push(diagnostic('EVIDENCE_MANUAL', at(['manual', id, 'points']), { criterion: id, problem: 'max', points: m.points, max: c.max }));
  }
  (test.not_applicable ?? []).forEach((id, k) => {
    const c = criteria.get(id);
    if (!c?.allowNotApplicable) out.push(diagnostic('EVIDENCE_NOT_APPLICABLE', at(['not_applicable', k]), { criterion: id, problem: c ? 'not_allowed' : 'unknown' }));
  });

  const checked = new Set<string>();
  const grades = rules.scheme.grades.map((g) => g.label);
  const sectionIds = bloc.sections.map((s) => s.id);
  for (const [key, value] of Object.entries(test.expect)) {
    const cover = (list: Criterion[]) => list.forEach((c) => checked.add(c.id));
    if (key === 'grade') {
      if (typeof value !== 'string') out.push(diagnostic('TEST_EXPECT', at(['expect', key]), { key, problem: 'type' }));
      else if (!grades.includes(value)) out.push(diagnostic('TEST_EXPECT', at(['expect', key]), { key, value, problem: 'grade', known: grades.join(', ') }));
      cover(placed.map((p) => p.criterion));
      continue;
    }
    if (typeof value !== 'number') {
      if (criteria.has(key) || sectionIds.includes(key) || (TOTAL_KEYS as readonly string[]).includes(key)) {
        out.push(diagnostic('TEST_EXPECT', at(['expect', key]), { key, problem: 'type' }));
        continue;
      }
    }
    if (criteria.has(key)) checked.add(key);
    else if (sectionIds.includes(key)) cover(bloc.sections.find((s) => s.id === key)!.criteria);
    else if (key === 'base') cover(bloc.sections.flatMap((s) => s.criteria));
    else if (key === 'bonus') cover(bloc.bonus ?? []);
    else if (key === 'penalty') cover(bloc.penalty ?? []);
    else if (key === 'score') cover(placed.map((p) => p.criterion));
    else {
      const hint = closest(key, [...criteria.keys(), ...sectionIds, ...TOTAL_KEYS]);
      out.push(diagnostic('TEST_EXPECT', at(['expect', key], 'key'), { key, problem: 'unknown', ...(hint ? { hint } : {}) }));
    }
  }
  for (const id of checked) {
    if (test.not_applicable?.includes(id)) continue;
    const c = criteria.get(id)!;
    if ('manual' in c.score) {
      if (!test.manual?.[id]) out.push(diagnostic('TEST_MISSING', at(['name']), { criterion: id }));
      continue;
    }
    for (const fact of factsOfCriterion(c)) {
      if (!Object.hasOwn(test.facts ?? {}, fact)) out.push(diagnostic('TEST_MISSING', at(['name']), { criterion: id, fact }));
    }
  }
  return { checked, diagnostics: out };
}
