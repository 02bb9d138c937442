import { compileBloc, type CompiledBloc } from './compile/compile-bloc.js';
import type { Lang } from './diagnostics/codes.js';
import type { Location } from './diagnostics/diagnostic.js';
import { evaluateUnit, type CriterionResult } from './evaluate/evaluate-unit.js';
import { reasonOf } from './evaluate/reason.js';
import type { FactValue } from './model/evidence.js';
import { ownOf, setOwn } from './model/own.js';
import { placedCriteria, type Bloc, type Rules } from './model/scorecard.js';
import { gradeUnits, quarterCheck } from './rank/grade-units.js';
import type { CheckedCase } from './validate/tests.js';

/** One expectation that did not hold. */
export interface Failure {
  key: string;
  expected: number | string;
  actual: number | string;
  /** How the criterion's points came about, when the key is a criterion. */
  reason?: string;
  at: Location;
}

export interface CaseOutcome {
  case: CheckedCase;
  failures: Failure[];
  /** Every criterion the case evaluated in full, as the engine scored it. */
  criteria: CriterionResult[];
}

/** Points equal to the cent's rounding noise are equal. */
const TOLERANCE = 1e-9;

/**
 * Runs the scorecard's test cases, each on its bloc's engine (built once per bloc), one after
 * another. Criteria a case does not check are scored as missing, so no value is invented.
 */
export async function runScorecardTests(rules: Rules, cases: readonly CheckedCase[], lang: Lang): Promise<CaseOutcome[]> {
  const engines = new Map<string, CompiledBloc>();
  const out: CaseOutcome[] = [];
  for (const c of cases) {
    const bloc = c.bloc;
    let compiled = engines.get(bloc.bloc);
    if (!compiled) engines.set(bloc.bloc, (compiled = compileBloc(bloc)));
    const facts: Record<string, FactValue | null> = {};
    const given = c.test.facts ?? {};
    // A fact named __proto__ or constructor is a fact like any other.
    for (const name of Object.keys(bloc.facts)) {
      setOwn(facts, name, ownOf(given, name) ?? null);
    }
    const notApplicable = c.test.not_applicable ?? [];
    const missing = new Set(placedCriteria(bloc).map((p) => p.criterion.id).filter((id) => !c.checked.has(id)));
    const manual = Object.fromEntries(Object.entries(c.test.manual ?? {}).map(([id, m]) => [id, m.points]));
    const result = await evaluateUnit(compiled, { facts, manual, notApplicable, missing }, rules.scheme.precision);
    const actual = actualValues(result, rules);
    const failures: Failure[] = [];
    for (const [key, expected] of Object.entries(c.test.expect)) {
      const got = actual.get(key)!;
      const same = typeof expected === 'number' ? Math.abs((got as number) - expected) < TOLERANCE : got === expected;
      if (same) continue;
      const criterion = result.criteria.find((r) => r.id === key);
      const reason = criterion ? reasonOf(placedOf(bloc, key), criterion, bloc, facts, c.test.manual?.[key]?.note, lang) : undefined;
      failures.push({ key, expected, actual: got, at: c.expectAt.get(key)!, ...(reason ? { reason } : {}) });
    }
    out.push({ case: c, failures, criteria: result.criteria.filter((r) => c.checked.has(r.id)) });
  }
  return out;
}

function actualValues(result: Awaited<ReturnType<typeof evaluateUnit>>, rules: Rules): Map<string, number | string> {
  const values = new Map<string, number | string>();
  for (const c of result.criteria) values.set(c.id, c.points);
  for (const s of result.sections) values.set(s.id, s.points);
  values.set('base', result.base);
  values.set('bonus', result.bonus);
  values.set('penalty', result.penalty);
  values.set('score', result.score);
  // One unit alone: its grade's conditions apply, a quota (a share of a bloc) cannot.
  values.set('grade', gradeUnits([{ score: result.score, rank: 1, criteria: result.criteria }], rules.scheme.grades, quarterCheck, { quotas: false })[0]!.grade);
  return values;
}

function placedOf(bloc: Bloc, id: string) {
  return placedCriteria(bloc).find((p) => p.criterion.id === id)!.criterion;
}

/** A thing a case can reach: a criterion, a band step, a rule of a list, a checklist item, a deduction. */
export interface CoverageItem {
  bloc: string;
  criterion: string;
  kind: 'criterion' | 'step' | 'rule' | 'item' | 'deduction';
  /** The step, rule or item, 0-based. */
  index?: number;
  /** Path from the bloc file's root, to place it in the scorecard. */
  path: (string | number)[];
  reached: boolean;
}

/**
 * What the cases reach, per bloc: every criterion scored by some case; every band step
 * (`otherwise` included) taken; every rule of a `rules` list and checklist item met; every
 * `deduct` criterion where some case lost points.
 */
export function coverageOf(rules: Rules, outcomes: readonly CaseOutcome[]): CoverageItem[] {
  const items: CoverageItem[] = [];
  for (const bloc of rules.blocs) {
    const results = outcomes.filter((o) => o.case.bloc.bloc === bloc.bloc).flatMap((o) => o.criteria);
    for (const { criterion, path } of placedCriteria(bloc)) {
      const own = results.filter((r) => r.id === criterion.id && (r.status === 'scored' || r.status === 'manual'));
      const add = (kind: CoverageItem['kind'], reached: boolean, index?: number, sub: (string | number)[] = []) =>
        items.push({ bloc: bloc.bloc, criterion: criterion.id, kind, ...(index !== undefined ? { index } : {}), path: [...path, ...sub], reached });
      add('criterion', own.length > 0);
      const s = criterion.score;
      if ('bands' in s) {
        s.bands.steps.forEach((step, i) => {
          const taken = 'otherwise' in step ? own.some((r) => r.matched.length === 0) : own.some((r) => r.matched[0] === i);
          add('step', taken, i, ['score', 'bands', 'steps', i]);
        });
      } else if ('rules' in s) {
        s.rules.list.forEach((_, i) => add('rule', own.some((r) => r.matched.includes(i)), i, ['score', 'rules', 'list', i]));
      } else if ('checklist' in s) {
        s.checklist.items.forEach((_, i) => add('item', own.some((r) => r.matched.includes(i)), i, ['score', 'checklist', 'items', i]));
      } else if ('deduct' in s) {
        add('deduction', own.some((r) => r.points < r.max), undefined, ['score', 'deduct']);
      }
    }
  }
  return items;
}
