import { Engine } from 'json-rules-engine';
import type { Path } from '../load/yaml-file.js';
import { valueTypeOf, type Condition } from '../model/scorecard.js';
import { BlocContext, NUMERIC } from './bloc-context.js';
import { closest } from './suggest.js';

interface OperatorLookup {
  get(name: string): unknown;
}

/** json-rules-engine's own operator table is the authority on which operators exist. */
const operators = (new Engine() as unknown as { operators: OperatorLookup }).operators;

const ORDERING = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const EQUALITY = new Set(['equal', 'notEqual']);
const MEMBERSHIP = new Set(['in', 'notIn']);
const SUGGESTIONS = [...ORDERING, ...EQUALITY, ...MEMBERSHIP, 'contains', 'doesNotContain'];
/** Names other rule languages use for the same operators. */
const ALIASES: Record<string, string> = {
  eq: 'equal', equals: 'equal', ne: 'notEqual', notEquals: 'notEqual',
  lt: 'lessThan', lte: 'lessThanInclusive', lessThanOrEqual: 'lessThanInclusive', lessThanOrEquals: 'lessThanInclusive',
  gt: 'greaterThan', gte: 'greaterThanInclusive', greaterThanOrEqual: 'greaterThanInclusive', greaterThanOrEquals: 'greaterThanInclusive',
};

/** Checks a json-rules-engine condition tree: facts declared, operators real and fitting, no `path`. */
export function checkCondition(ctx: BlocContext, cond: Condition, path: Path): void {
  if ('path' in cond) ctx.report('SCORECARD_CONDITION_PATH', [...path, 'path'], {}, 'key');
  if ('all' in cond) cond.all.forEach((c, i) => checkCondition(ctx, c, [...path, 'all', i]));
  else if ('any' in cond) cond.any.forEach((c, i) => checkCondition(ctx, c, [...path, 'any', i]));
  else if ('not' in cond) checkCondition(ctx, cond.not, [...path, 'not']);
  else checkLeaf(ctx, cond, path);
}

function checkLeaf(ctx: BlocContext, cond: Extract<Condition, { fact: string }>, path: Path): void {
  const fact = ctx.readFact(cond.fact, [...path, 'fact'], null, cond.operator);
  const value = cond.value;
  const ref = isFactRef(value) ? ctx.readFact(value.fact, [...path, 'value', 'fact'], null, cond.operator) : undefined;
  if (isFactRef(value) && 'path' in value) ctx.report('SCORECARD_CONDITION_PATH', [...path, 'value', 'path'], {}, 'key');
  if (operators.get(cond.operator) === null) {
    const hint = Object.hasOwn(ALIASES, cond.operator) ? ALIASES[cond.operator] : closest(cond.operator, SUGGESTIONS);
    ctx.report('SCORECARD_UNKNOWN_OPERATOR', [...path, 'operator'], { operator: cond.operator, ...(hint ? { hint } : {}) });
    return;
  }
  if (!fact) return;
  const op = cond.operator;
  const params = { operator: op, fact: cond.fact, type: fact.type };
  const fits = ORDERING.has(op) ? NUMERIC.includes(fact.type) : EQUALITY.has(op) || MEMBERSHIP.has(op);
  if (!fits) {
    ctx.report('SCORECARD_CONDITION_TYPE', [...path, 'operator'], { ...params, problem: 'operator' });
    return;
  }
  if (isFactRef(value)) {
    // A fact holds one value, never the list that `in` and `notIn` look in (json-rules-engine would throw).
    if (MEMBERSHIP.has(op)) {
      ctx.report('SCORECARD_CONDITION_TYPE', [...path, 'value'], { ...params, problem: 'value', expected: 'array' });
    } else if (ref && valueTypeOf(ref) !== valueTypeOf(fact)) {
      ctx.report('SCORECARD_CONDITION_TYPE', [...path, 'value'], { ...params, problem: 'value', expected: valueTypeOf(fact) });
    }
    return;
  }
  const expected = valueTypeOf(fact);
  const ok = MEMBERSHIP.has(op)
    ? Array.isArray(value) && value.every((v) => typeof v === expected)
    : typeof value === expected;
  if (!ok) {
    ctx.report('SCORECARD_CONDITION_TYPE', [...path, 'value'], {
      ...params,
      problem: 'value',
      expected: MEMBERSHIP.has(op) ? 'array' : expected,
    });
  }
}

function isFactRef(value: unknown): value is { fact: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string';
}
