/** Types of the committee's appraisal of a quarter: corrections over the units' self-assessment, and the explanation round. */
import type { FactValue } from './evidence.js';
import { factsOfCriterion, type Criterion } from './scorecard.js';

/** Where a quarter stands: the units' figures only, appraised, waiting on explanations, or settled. */
export type Stage = 'self' | 'appraised' | 'provisional' | 'final';

/** One change the committee made to a unit's own figures: round 1 is the appraisal, round 2 the decision on an explanation. */
export interface Change {
  kind: 'fact' | 'manual' | 'not_applicable';
  /** The fact's id, or the criterion's (manual, not_applicable). */
  id: string;
  /** The unit's figure (a fact's value, its proposed points, false for applicable); null when it gave none. */
  from: FactValue | null;
  to: FactValue;
  /** Always given for facts and manual points; a criterion marked not applicable may go without. */
  reason?: string;
  source?: string;
  round: 1 | 2;
}

/** A criterion the unit was asked to explain, or contested: its explanation and the committee's decision. */
export interface Explanation {
  /** The committee asked the unit to explain this criterion. */
  requested: boolean;
  text?: string;
  /** The supplementary document. */
  source?: string;
  /** Absent while the committee has not decided: the quarter is then provisional. */
  decision?: 'accepted' | 'rejected';
  reason?: string;
}

/** Whether a change touches a criterion: a fact it reads, or its own points or applicability. */
export function touches(ch: Change, cid: string, c: Criterion): boolean {
  return ch.kind === 'fact' ? factsOfCriterion(c).includes(ch.id) : ch.id === cid;
}
