import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { bandComparison, factsOfCriterion, placedCriteria, type Bloc, type Comparator, type Condition, type Criterion, type PlacedCriterion } from '../model/scorecard.js';

/** What a compiled rule stands for: a criterion, and which step, item or entry of its method. */
export interface RuleTag {
  criterion: string;
  index: number;
}

/** A bloc's scorecard as json-rules-engine rules, in one engine built once and reused for every unit. */
export interface CompiledBloc {
  bloc: Bloc;
  engine: Engine;
  /** The facts each criterion reads, by criterion id. */
  reads: Map<string, string[]>;
  /** Every criterion with its place, in order: computed once, read for every unit. */
  placed: PlacedCriterion[];
}

const BAND_OPERATORS: Record<Comparator, string> = {
  atMost: 'lessThanInclusive',
  below: 'lessThan',
  atLeast: 'greaterThanInclusive',
  above: 'greaterThan',
  equals: 'equal',
};

/** Operator of the rules that only read a number for a formula (`linear`, `deduct`, `count`). */
export const READ_NUMBER = 'isNumber';

/** Compiles every criterion of a validated bloc into json-rules-engine rules. */
export function compileBloc(bloc: Bloc): CompiledBloc {
  // Every fact a rule reads is given for every unit: an absent one is a bug, not a silent false.
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addOperator(READ_NUMBER, (a: unknown) => typeof a === 'number' && Number.isFinite(a));
  const reads = new Map<string, string[]>();
  const placed = placedCriteria(bloc);
  for (const { criterion } of placed) {
    const rules = rulesOf(criterion);
    for (const rule of rules) engine.addRule(rule);
    reads.set(criterion.id, factsOfCriterion(criterion));
  }
  return { bloc, engine, reads, placed };
}

function rule(criterion: Criterion, index: number, conditions: TopLevelCondition): RuleProperties {
  const tag: RuleTag = { criterion: criterion.id, index };
  return { name: `${criterion.id}#${index}`, conditions, event: { type: 'criterion', params: tag } };
}

const leaf = (fact: string, operator: string, value: unknown): TopLevelCondition =>
  ({ all: [{ fact, operator, value }] }) as TopLevelCondition;

function rulesOf(c: Criterion): RuleProperties[] {
  const s = c.score;
  if ('bands' in s) {
    return s.bands.steps.flatMap((step, i) => {
      if ('otherwise' in step) return [];
      const [cmp, value] = bandComparison(step);
      return [rule(c, i, leaf(s.bands.fact, BAND_OPERATORS[cmp], value))];
    });
  }
  if ('linear' in s) return [rule(c, 0, leaf(s.linear.fact, READ_NUMBER, true))];
  if ('deduct' in s) return [rule(c, 0, leaf(s.deduct.fact, READ_NUMBER, true))];
  if ('count' in s) return [rule(c, 0, leaf(s.count.fact, READ_NUMBER, true))];
  if ('check' in s) return [rule(c, 0, leaf(s.check.fact, 'equal', s.check.expect ?? true))];
  if ('checklist' in s) return s.checklist.items.map((item, i) => rule(c, i, leaf(item.fact, 'equal', true)));
  if ('rules' in s) return s.rules.list.map((entry, i) => rule(c, i, topLevel(entry.when)));
  return [];
}

/** json-rules-engine wants all / any / not at the top; a single comparison is wrapped in `all`. */
function topLevel(when: Condition): TopLevelCondition {
  return ('all' in when || 'any' in when || 'not' in when ? when : { all: [when] }) as TopLevelCondition;
}
