import type { RuleResult } from 'json-rules-engine';
import type { CompiledBloc, RuleTag } from '../compile/compile-bloc.js';
import type { FactValue } from '../model/evidence.js';
import type { CriterionStatus } from '../model/results.js';
import type { Criterion, CriterionPart } from '../model/scorecard.js';
import { roundHalfUp } from '../model/round.js';


/** One unit's quarter as the engine sees it: fact values, manual points, criteria not applicable. */
export interface UnitInput {
  facts: Record<string, FactValue | null>;
  manual: Record<string, number>;
  notApplicable: readonly string[];
  /** Criteria lacking a value, scored 0 (`--missing zero`); their facts are given as null. */
  missing?: ReadonlySet<string>;
}

export interface CriterionResult {
  id: string;
  part: CriterionPart;
  section?: string;
  points: number;
  max: number;
  status: CriterionStatus;
  /** The band step, rule entry or checklist items that matched (0-based), as the engine reported them. */
  matched: number[];
}

/** A json-rules-engine condition as the engine evaluated it: each comparison with the value it read and its result. */
export type ConditionTrace =
  | { all: ConditionTrace[] }
  | { any: ConditionTrace[] }
  | { not: ConditionTrace }
  | { fact: string; operator: string; value: unknown; factResult: unknown; result: boolean };

/** One compiled rule of a criterion (a band step, rule entry, checklist item, or a value read), as the engine ran it. */
export interface RuleTrace {
  index: number;
  result: boolean;
  conditions: ConditionTrace;
}

export interface UnitScore {
  /** When asked for: the engine's own results for each criterion's rules, by criterion id. */
  trace?: Map<string, RuleTrace[]>;
  criteria: CriterionResult[];
  sections: { id: string; points: number; max: number }[];
  base: number;
  bonus: number;
  penalty: number;
  score: number;
}

/**
 * Scores one unit on a compiled bloc. Runs must not overlap on one engine (json-rules-engine
 * issue #303): callers await each unit before the next. Every fact the applicable criteria read
 * must be in `input.facts`; finding the missing ones is the caller's job, before this.
 */
export async function evaluateUnit(compiled: CompiledBloc, input: UnitInput, precision: number, trace = false): Promise<UnitScore> {
  const { bloc, engine } = compiled;
  // The engine keeps its own almanac per run; the facts object is the caller's, made for this unit.
  const run = await engine.run(input.facts as Record<string, unknown>);
  const byCriterion = new Map<string, RuleResult[]>();
  for (const list of [run.results, run.failureResults]) {
    for (const r of list) {
      const tag = r.event?.params as RuleTag;
      const own = byCriterion.get(tag.criterion);
      if (own) own.push(r);
      else byCriterion.set(tag.criterion, [r]);
    }
  }
  const round = (v: number) => roundHalfUp(v, precision);
  const notApplicable = new Set(input.notApplicable);
  const criteria = compiled.placed.map(({ criterion, part, section }): CriterionResult => {
    const id = criterion.id;
    const max = criterion.max;
    if (notApplicable.has(id)) return { id, part, section, max, points: 0, status: 'not_applicable', matched: [] };
    if (input.missing?.has(id)) return { id, part, section, max, points: 0, status: 'missing', matched: [] };
    if ('manual' in criterion.score) return { id, part, section, max, points: round(clamp(input.manual[id] ?? 0, max)), status: 'manual', matched: [] };
    const { points, matched } = pointsOf(criterion, byCriterion.get(id) ?? []);
    return { id, part, section, max, points: round(clamp(points, max)), status: 'scored', matched };
  });

  const applicable = (c: CriterionResult) => c.status !== 'not_applicable';
  const sum = (list: CriterionResult[], key: 'points' | 'max') => round(list.reduce((acc, c) => acc + c[key], 0));
  const sections = bloc.sections.map((s) => {
    const own = criteria.filter((c) => c.section === s.id && applicable(c));
    return { id: s.id, points: sum(own, 'points'), max: sum(own, 'max') };
  });
  const achieved = round(sections.reduce((a, s) => a + s.points, 0));
  const possible = round(sections.reduce((a, s) => a + s.max, 0));
  const base = possible === 0 ? 0 : possible === bloc.total ? achieved : round((achieved / possible) * bloc.total);
  const bonus = sum(criteria.filter((c) => c.part === 'bonus' && applicable(c)), 'points');
  const penalty = sum(criteria.filter((c) => c.part === 'penalty' && applicable(c)), 'points');
  const score = Math.max(0, round(base + bonus - penalty));
  const out: UnitScore = { criteria, sections, base, bonus, penalty, score };
  if (trace) {
    out.trace = new Map(
      [...byCriterion].map(([id, results]) => [
        id,
        results
          .map((r) => ({ index: (r.event?.params as RuleTag).index, result: r.result, conditions: traceOf(r.conditions) }))
          .sort((a, b) => a.index - b.index),
      ]),
    );
  }
  return out;
}

/** The engine's evaluated condition tree as plain data, keeping what it read and decided. */
function traceOf(node: unknown): ConditionTrace {
  const n = node as Record<string, unknown>;
  if (Array.isArray(n.all)) return { all: n.all.map(traceOf) };
  if (Array.isArray(n.any)) return { any: n.any.map(traceOf) };
  if (n.not !== undefined) return { not: traceOf(n.not) };
  return { fact: String(n.fact), operator: String(n.operator), value: n.value, factResult: n.factResult, result: n.result === true };
}

function clamp(points: number, max: number): number {
  return Math.min(max, Math.max(0, points));
}

/** floor(x / per), forgiving binary noise: 0.3 / 0.1 counts 3, not 2.999…. */
function times(x: number, per: number): number {
  return Math.floor(roundHalfUp(x / per, 9));
}

/** The value the engine read for a rule's single comparison. */
function factRead(result: RuleResult | undefined): number {
  const all = (result?.conditions as unknown as { all: { factResult: unknown }[] } | undefined)?.all;
  return all?.[0]?.factResult as number;
}

function pointsOf(c: Criterion, results: RuleResult[]): { points: number; matched: number[] } {
  const s = c.score;
  const indexOf = (r: RuleResult) => (r.event?.params as RuleTag).index;
  const matched = results.filter((r) => r.result).map(indexOf).sort((a, b) => a - b);
  if ('bands' in s) {
    const first = matched[0];
    if (first !== undefined) return { points: (s.bands.steps[first] as { points: number }).points, matched: [first] };
    const otherwise = s.bands.steps.at(-1)!;
    return { points: 'otherwise' in otherwise ? otherwise.otherwise : 0, matched: [] };
  }
  const x = factRead(results[0]);
  if ('linear' in s) {
    const { zeroAt, fullAt } = s.linear;
    return { points: c.max * Math.min(1, Math.max(0, (x - zeroAt) / (fullAt - zeroAt))), matched };
  }
  if ('deduct' in s) {
    const { points, per = 1, floor = 0 } = s.deduct;
    return { points: Math.max(floor, c.max - points * times(x, per)), matched };
  }
  if ('count' in s) return { points: s.count.points * times(x, s.count.per ?? 1), matched };
  if ('check' in s) return { points: matched.length > 0 ? c.max : 0, matched };
  if ('checklist' in s) return { points: matched.reduce((a, i) => a + s.checklist.items[i]!.points, 0), matched };
  if ('rules' in s) {
    if (s.rules.mode === 'first') {
      const first = matched[0];
      return first === undefined ? { points: 0, matched } : { points: s.rules.list[first]!.points, matched: [first] };
    }
    return { points: matched.reduce((a, i) => a + s.rules.list[i]!.points, 0), matched };
  }
  return { points: 0, matched };
}
