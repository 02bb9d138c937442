/** Types of the scorecard language: what the committee writes in `rules/`. */

export type FactType = 'number' | 'integer' | 'boolean' | 'text';
export type Aggregate = 'mean' | 'median' | 'min' | 'max';

/**
 * What keeps a unit from a grade its score reaches: a penalty's points above a limit (in the
 * quarter, or summed over the year), or a quarter of the year graded `quarterGrade` (annual
 * grades only: a quarter's grade cannot depend on itself).
 */
export type GradeCondition = { penalty: string; above?: number } | { quarterGrade: string };

export interface Grade {
  min?: number;
  label: string;
  /** At most this share of a bloc's units, counted by rank (ties at the edge all refused). */
  maxShare?: number;
  unless?: GradeCondition[];
}

export type YearMethod = 'mean' | 'weighted';

/** How four quarters make the year (`year:` in scheme.yaml). */
export interface YearSettings {
  method: YearMethod;
  /** With `weighted`: one weight per quarter, Q1 to Q4. */
  weights?: number[];
  /** Quarters a unit needs for an annual result without `--allow-missing`. */
  requireQuarters: number;
  /** The annual grades, when they are not the quarters'. */
  grades?: Grade[];
}

export interface Scheme {
  scheme: string;
  organization: string;
  committee: string;
  place: string;
  version: string;
  precision: number;
  grades: Grade[];
  blocs: string[];
  /** Set (with its defaults) once the rules are validated. */
  year?: YearSettings;
}

export interface Unit {
  id: string;
  name: string;
  bloc: string;
}

export interface FromSpec {
  bloc: string;
  aggregate: Aggregate;
  /** `score`, `base`, or a section id of that bloc. */
  of: string;
}

export interface Fact {
  label: string;
  type: FactType;
  min?: number;
  max?: number;
  unit?: string;
  from?: FromSpec;
}

export type Comparator = 'atMost' | 'below' | 'atLeast' | 'above' | 'equals';
export const COMPARATORS: readonly Comparator[] = ['atMost', 'below', 'atLeast', 'above', 'equals'];

/** One step of `bands`: a comparator with its threshold and points, or the final `otherwise`. */
export type BandStep =
  | ({ points: number } & Partial<Record<Comparator, number | boolean | string>>)
  | { otherwise: number };

/** A json-rules-engine condition as written in the scorecard. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; operator: string; value: unknown };

export interface RuleEntry {
  points: number;
  when: Condition;
}

export type ScoreMethod =
  | { bands: { fact: string; steps: BandStep[] } }
  | { linear: { fact: string; zeroAt: number; fullAt: number } }
  | { deduct: { fact: string; points: number; per?: number; floor?: number } }
  | { count: { fact: string; points: number; per?: number } }
  | { check: { fact: string; expect?: boolean } }
  | { checklist: { items: { fact: string; points: number }[] } }
  | { rules: { mode: 'first' | 'sum'; list: RuleEntry[] } }
  | { manual: Record<string, never> };

export type MethodName = 'bands' | 'linear' | 'deduct' | 'count' | 'check' | 'checklist' | 'rules' | 'manual';
export const METHODS: readonly MethodName[] = ['bands', 'linear', 'deduct', 'count', 'check', 'checklist', 'rules', 'manual'];

export interface Criterion {
  id: string;
  name: string;
  max: number;
  score: ScoreMethod;
  guide?: string;
  allowNotApplicable?: boolean;
}

export interface Section {
  id: string;
  name: string;
  criteria: Criterion[];
}

export interface Bloc {
  bloc: string;
  name: string;
  total: number;
  facts: Record<string, Fact>;
  sections: Section[];
  bonus?: Criterion[];
  penalty?: Criterion[];
  tiebreak?: string[];
}

/** The comparator of a band step that is not `otherwise`, with its threshold. */
export function bandComparison(step: BandStep): [Comparator, number | boolean | string] {
  const cmp = COMPARATORS.find((k) => k in step)!;
  return [cmp, (step as Record<Comparator, number | boolean | string>)[cmp]];
}

/** The JavaScript type (`typeof`) of a fact's values. */
export function valueTypeOf(fact: Fact): 'number' | 'boolean' | 'string' {
  return fact.type === 'boolean' ? 'boolean' : fact.type === 'text' ? 'string' : 'number';
}

/** The name of the single method a criterion's `score` uses. */
export function methodOf(score: ScoreMethod): MethodName {
  return Object.keys(score)[0] as MethodName;
}

/** A fully validated rules folder: the scheme, its units, and one scorecard per bloc in scheme order. */
export interface Rules {
  scheme: Scheme;
  units: Unit[];
  blocs: Bloc[];
}

export type CriterionPart = 'section' | 'bonus' | 'penalty';

/** A criterion with where it stands in its bloc file. */
export interface PlacedCriterion {
  criterion: Criterion;
  part: CriterionPart;
  /** Path from the bloc file's root, e.g. `['sections', 0, 'criteria', 2]`. */
  path: (string | number)[];
  /** The section id, for criteria of a section. */
  section?: string;
}

/** Every criterion of a bloc, sections first, then bonus, then penalty. */
export function placedCriteria(bloc: Bloc): PlacedCriterion[] {
  const out: PlacedCriterion[] = [];
  bloc.sections.forEach((s, i) =>
    s.criteria.forEach((criterion, j) =>
      out.push({ criterion, part: 'section', path: ['sections', i, 'criteria', j], section: s.id }),
    ),
  );
  (bloc.bonus ?? []).forEach((criterion, k) => out.push({ criterion, part: 'bonus', path: ['bonus', k] }));
  (bloc.penalty ?? []).forEach((criterion, k) => out.push({ criterion, part: 'penalty', path: ['penalty', k] }));
  return out;
}

/** The facts a criterion's method reads, each once, in the order written. */
export function factsOfCriterion(criterion: Criterion): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'fact' && typeof v === 'string') found.push(v);
        else walk(v);
      }
    }
  };
  walk(criterion.score);
  return [...new Set(found)];
}
