/** Types of a quarter's results: what `cchc score` writes to results.json and the reports read. */
import type { Change, Explanation, Stage } from './appraisal.js';
import type { FactEvidence } from './evidence.js';
import { QUARTER } from './quarter.js';

export type CriterionStatus = 'scored' | 'not_applicable' | 'manual' | 'missing';

export interface CriterionOutcome {
  id: string;
  points: number;
  max: number;
  status: CriterionStatus;
  /** The values the criterion read, with the documents that back them. */
  facts: Record<string, FactEvidence>;
  /** The document behind manual points, when the committee named one. */
  source?: string;
  /** The band step, rule entries or checklist items that matched, 0-based. */
  matched: number[];
  /** How the points came about, in words. */
  reason: string;
  /** With an appraisal: the points the unit's own figures and proposals give. */
  selfPoints?: number;
  /** With an appraisal: what the committee changed of the figures this criterion reads, in order. */
  changes?: Change[];
  /** The explanation asked for or given, and the committee's decision. */
  explanation?: Explanation;
}

export interface SectionOutcome {
  id: string;
  /** Points of the applicable criteria. */
  points: number;
  /** Maximum of the applicable criteria. */
  max: number;
}

export interface UnitOutcome {
  id: string;
  name: string;
  rank: number;
  score: number;
  grade: string;
  /** Why the grade is below the one the score reaches (a grade's condition or quota), in words. */
  gradeReason?: string;
  /** With an appraisal: the score the unit's own figures and proposals give (`score` is the settled one). */
  selfScore?: number;
  base: number;
  bonus: number;
  penalty: number;
  sections: SectionOutcome[];
  criteria: CriterionOutcome[];
  /** The committee's remarks, from the evidence then the appraisal, as given. */
  remarks?: string[];
}

export interface BlocOutcome {
  id: string;
  name: string;
  units: UnitOutcome[];
}

export interface Results {
  scheme: string;
  quarter: string;
  rulesDigest: string;
  /** self without an appraisal; provisional while an explanation waits for a decision. Absent in results written before stages. */
  stage?: Stage;
  blocs: BlocOutcome[];
}

/** Whether a value read from a results.json is a cchc results file: a scheme, a rules digest, blocs, and a quarter `YYYY-Qn`. */
export function isResultsFile(value: unknown): value is Results {
  const r = value as Partial<Record<keyof Results, unknown>> | null | undefined;
  return typeof r === 'object' && r !== null && typeof r.scheme === 'string' && typeof r.rulesDigest === 'string' && Array.isArray(r.blocs) && typeof r.quarter === 'string' && QUARTER.test(r.quarter);
}
