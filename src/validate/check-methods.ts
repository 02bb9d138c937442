import type { Path } from '../load/yaml-file.js';
import { bandComparison, valueTypeOf, type BandStep, type Comparator, type Criterion, type Fact } from '../model/scorecard.js';
import { BlocContext, EPSILON, NUMERIC } from './bloc-context.js';
import { checkCondition } from './check-conditions.js';
import { ALL, intersect, isEmpty, IntervalSet, type Interval } from './intervals.js';


/** Checks the scoring method of one criterion against its max and the bloc's facts. */
export function checkMethod(ctx: BlocContext, c: Criterion, path: Path): void {
  const at = [...path, 'score'];
  const aboveMax = (points: number, p: Path): void => {
    if (points > c.max + EPSILON) ctx.report('SCORECARD_POINTS_ABOVE_MAX', p, { points, max: c.max });
  };
  const s = c.score;
  if ('bands' in s) {
    checkBands(ctx, s.bands, [...at, 'bands'], aboveMax);
  } else if ('linear' in s) {
    const p = [...at, 'linear'];
    ctx.readFact(s.linear.fact, [...p, 'fact'], NUMERIC, 'linear');
    if (s.linear.zeroAt === s.linear.fullAt) ctx.report('SCORECARD_LINEAR_FLAT', [...p, 'fullAt'], { value: s.linear.fullAt });
  } else if ('deduct' in s) {
    const p = [...at, 'deduct'];
    ctx.readFact(s.deduct.fact, [...p, 'fact'], NUMERIC, 'deduct');
    aboveMax(s.deduct.points, [...p, 'points']);
    const floor = s.deduct.floor ?? 0;
    if (floor >= c.max) ctx.report('SCORECARD_FLOOR_ABOVE_MAX', [...p, 'floor'], { floor, max: c.max });
  } else if ('count' in s) {
    const p = [...at, 'count'];
    ctx.readFact(s.count.fact, [...p, 'fact'], NUMERIC, 'count');
    aboveMax(s.count.points, [...p, 'points']);
  } else if ('check' in s) {
    ctx.readFact(s.check.fact, [...at, 'check', 'fact'], ['boolean'], 'check');
  } else if ('checklist' in s) {
    const p = [...at, 'checklist', 'items'];
    s.checklist.items.forEach((item, i) => ctx.readFact(item.fact, [...p, i, 'fact'], ['boolean'], 'checklist'));
    const sum = s.checklist.items.reduce((acc, item) => acc + item.points, 0);
    if (Math.abs(sum - c.max) > EPSILON) ctx.report('SCORECARD_CHECKLIST_SUM', p, { sum: round(sum), max: c.max }, 'key');
  } else if ('rules' in s) {
    const p = [...at, 'rules', 'list'];
    s.rules.list.forEach((rule, i) => {
      aboveMax(rule.points, [...p, i, 'points']);
      checkCondition(ctx, rule.when, [...p, i, 'when']);
    });
  }
}

function checkBands(
  ctx: BlocContext,
  spec: { fact: string; steps: BandStep[] },
  path: Path,
  aboveMax: (points: number, p: Path) => void,
): void {
  const steps = spec.steps.map((step, i) => ({ step, path: [...path, 'steps', i] as Path, index: i }));
  const comparisons = steps.filter((s) => !('otherwise' in s.step));
  const otherwise = steps.filter((s) => 'otherwise' in s.step);
  for (const s of steps) {
    aboveMax('otherwise' in s.step ? s.step.otherwise : s.step.points, [...s.path, 'otherwise' in s.step ? 'otherwise' : 'points']);
  }
  otherwise
    .filter((s) => s.index !== steps.length - 1)
    .forEach((s) => ctx.report('SCORECARD_BAND_OTHERWISE', s.path, { problem: 'last' }));

  // The fact must fit every comparison: ordering needs numbers, `equals` needs a value of the fact's type.
  const fact = ctx.readFact(spec.fact, [...path, 'fact'], null, 'bands');
  if (!fact) return;
  let typed = true;
  for (const s of comparisons) {
    const [cmp, value] = bandComparison(s.step);
    if (cmp === 'equals') {
      const expected = valueTypeOf(fact);
      if (typeof value === expected) continue;
      ctx.report('SCORECARD_CONDITION_TYPE', [...s.path, cmp], { problem: 'value', operator: cmp, fact: spec.fact, expected });
    } else {
      if (NUMERIC.includes(fact.type)) continue;
      ctx.report('SCORECARD_FACT_TYPE', [...s.path, cmp], { what: cmp, fact: spec.fact, expected: NUMERIC.join(' | '), actual: fact.type });
    }
    typed = false;
  }
  if (!typed) return;

  // Reachability: a step matches only values no earlier step took, within the fact's declared range.
  const domain = domainOf(fact);
  const covered = new IntervalSet();
  const seen = new Set<unknown>();
  for (const s of comparisons) {
    const [cmp, value] = bandComparison(s.step);
    if (typeof value !== 'number') {
      if (seen.has(value)) ctx.report('SCORECARD_BAND_UNREACHABLE', s.path, { step: s.index + 1, kind: 'covered', fact: spec.fact });
      seen.add(value);
      continue;
    }
    const matched = intersect(stepInterval(cmp, value, fact.type === 'integer'), domain);
    if (covered.covers(matched)) {
      const kind = !isEmpty(matched) ? 'covered' : cmp === 'equals' && fact.type === 'integer' && !Number.isInteger(value) ? 'fraction' : 'domain';
      ctx.report('SCORECARD_BAND_UNREACHABLE', s.path, { step: s.index + 1, kind, fact: spec.fact });
    }
    covered.add(matched);
  }
  const exhaustive = fact.type === 'boolean' ? seen.has(true) && seen.has(false) : fact.type !== 'text' && covered.covers(domain);
  const last = otherwise[otherwise.length - 1];
  if (last && exhaustive) {
    ctx.report('SCORECARD_BAND_UNREACHABLE', last.path, { step: last.index + 1, kind: 'otherwise', fact: spec.fact });
  } else if (!last && !exhaustive) {
    ctx.report('SCORECARD_BAND_OTHERWISE', [...path, 'steps'], { problem: 'missing' }, 'key');
  }
}

/**
 * The values a step matches. Integer facts are modelled on the reals by letting integer n stand
 * for [n − ½, n + ½), so integer steps that touch (≤ 3, ≥ 4) cover everything between them.
 */
function stepInterval(cmp: Comparator, v: number, integer: boolean): Interval {
  if (integer) {
    const lo = (n: number): Interval => ({ lo: n - 0.5, loClosed: true, hi: Infinity, hiClosed: false });
    const hi = (n: number): Interval => ({ lo: -Infinity, loClosed: false, hi: n + 0.5, hiClosed: false });
    switch (cmp) {
      case 'atMost': return hi(Math.floor(v));
      case 'below': return hi(Math.ceil(v) - 1);
      case 'atLeast': return lo(Math.ceil(v));
      case 'above': return lo(Math.floor(v) + 1);
      case 'equals':
        return Number.isInteger(v) ? { lo: v - 0.5, loClosed: true, hi: v + 0.5, hiClosed: false } : { ...ALL, lo: 1, hi: 0 };
    }
  }
  switch (cmp) {
    case 'atMost': return { lo: -Infinity, loClosed: false, hi: v, hiClosed: true };
    case 'below': return { lo: -Infinity, loClosed: false, hi: v, hiClosed: false };
    case 'atLeast': return { lo: v, loClosed: true, hi: Infinity, hiClosed: false };
    case 'above': return { lo: v, loClosed: false, hi: Infinity, hiClosed: false };
    case 'equals': return { lo: v, loClosed: true, hi: v, hiClosed: true };
  }
}

function domainOf(fact: Fact): Interval {
  if (fact.type === 'integer') {
    return {
      lo: fact.min === undefined ? -Infinity : Math.ceil(fact.min) - 0.5,
      loClosed: fact.min !== undefined,
      hi: fact.max === undefined ? Infinity : Math.floor(fact.max) + 0.5,
      hiClosed: false,
    };
  }
  return {
    lo: fact.min ?? -Infinity,
    loClosed: fact.min !== undefined,
    hi: fact.max ?? Infinity,
    hiClosed: fact.max !== undefined,
  };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
