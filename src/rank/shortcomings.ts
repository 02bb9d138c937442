import { roundHalfUp } from '../model/round.js';
import type { BlocOutcome, CriterionOutcome, UnitOutcome } from '../model/results.js';
import { placedCriteria, type Bloc, type CriterionPart, type Grade } from '../model/scorecard.js';

/** A criterion of a section where a unit lost points, or a penalty it was given. */
export interface Shortcoming {
  outcome: CriterionOutcome;
  part: Exclude<CriterionPart, 'bonus'>;
  name: string;
  /** Points lost: max − points for a section's criterion, the deduction for a penalty. */
  lost: number;
}

/**
 * What a unit lost this quarter: every criterion of a section scored below its maximum (missing
 * evidence included, not applicable left out), most points lost first, ties in scorecard order;
 * then the penalties that applied, in scorecard order.
 */
export function shortcomingsOf(bloc: Bloc, unit: UnitOutcome, precision: number): { criteria: Shortcoming[]; penalties: Shortcoming[] } {
  const byId = new Map(unit.criteria.map((c) => [c.id, c]));
  const criteria: Shortcoming[] = [];
  const penalties: Shortcoming[] = [];
  for (const { criterion, part } of placedCriteria(bloc)) {
    const outcome = byId.get(criterion.id);
    if (!outcome || outcome.status === 'not_applicable' || part === 'bonus') continue;
    if (part === 'penalty') {
      if (outcome.points > 0) penalties.push({ outcome, part, name: criterion.name, lost: outcome.points });
      continue;
    }
    const lost = roundHalfUp(outcome.max - outcome.points, precision);
    if (lost > 0) criteria.push({ outcome, part, name: criterion.name, lost });
  }
  // Array.prototype.sort is stable: equal losses keep the scorecard's order.
  criteria.sort((a, b) => b.lost - a.lost);
  return { criteria, penalties };
}

export type Verdict = 'fixed' | 'improved' | 'unchanged' | 'worse' | 'not_applicable';

/** One of last quarter's shortcomings, and what became of it. */
export interface FollowUp {
  id: string;
  name: string;
  part: Exclude<CriterionPart, 'bonus'>;
  /** Points lost last quarter and this one (none when the criterion did not apply). */
  before: number;
  now?: number;
  verdict: Verdict;
}

/**
 * Last quarter's shortcomings of a unit (as `shortcomingsOf` lists them, by this quarter's
 * scorecard: a criterion since removed is not followed up) and the verdict on each this quarter:
 * fixed (nothing lost now), improved (less lost), unchanged, worse (more), or not applicable this
 * quarter. When a criterion's maximum changed between the quarters, the shares of it lost are
 * compared instead of the points.
 */
export function followUpOf(bloc: Bloc, unit: UnitOutcome, previous: UnitOutcome, precision: number): FollowUp[] {
  const then = shortcomingsOf(bloc, previous, precision);
  const now = new Map(unit.criteria.map((c) => [c.id, c]));
  return [...then.criteria, ...then.penalties].map((s) => {
    const id = s.outcome.id;
    const base = { id, name: s.name, part: s.part, before: s.lost };
    const here = now.get(id);
    if (!here || here.status === 'not_applicable') return { ...base, verdict: 'not_applicable' as const };
    const lost = s.part === 'penalty' ? here.points : roundHalfUp(here.max - here.points, precision);
    // The shares lost, cross-multiplied (lost now × max then against lost then × max now) and
    // rounded: 0.3 of 3 and 0.2 of 2 are the same share, which floating division would not say.
    const d = roundHalfUp(lost * s.outcome.max - s.lost * here.max, precision + 2);
    const verdict: Verdict = lost <= 0 ? 'fixed' : d < 0 ? 'improved' : d > 0 ? 'worse' : 'unchanged';
    return { ...base, now: lost, verdict };
  });
}

/** A criterion of a bloc as the quarter's report sums it over the units. */
export interface CriterionTally {
  id: string;
  name: string;
  max: number;
  /** Units it applied to. */
  applicable: number;
  /** Units that lost points on it (section criteria) or earned some (bonus). */
  units: string[];
  /** Points lost in all (section criteria) or earned in all (bonus). */
  points: number;
}

/** The figures of a bloc's quarter: scores, grades, what most units lost and what all achieved. */
export interface BlocSummary {
  count: number;
  mean?: number;
  lowest?: number;
  highest?: number;
  /** Units per grade, in the scheme's order (best first), every grade listed. */
  grades: { label: string; min?: number; count: number }[];
  /** Section criteria some unit lost points on: most units first, then most points lost, then scorecard order. */
  shortcomings: CriterionTally[];
  /** Section criteria every unit they applied to scored in full (at least one did). */
  met: CriterionTally[];
  /** Bonus criteria some unit earned points on, in scorecard order. */
  bonuses: CriterionTally[];
}

/** Sums a bloc's quarter for the committee's report. The mean is rounded half-up to `precision`. */
export function summarizeBloc(bloc: Bloc, outcome: BlocOutcome, grades: Grade[], precision: number): BlocSummary {
  const scores = outcome.units.map((u) => u.score);
  const tallies = placedCriteria(bloc).map(({ criterion, part }) => {
    const tally: CriterionTally & { part: CriterionPart } = { id: criterion.id, name: criterion.name, max: criterion.max, applicable: 0, units: [], points: 0, part };
    for (const unit of outcome.units) {
      const c = unit.criteria.find((x) => x.id === criterion.id);
      if (!c || c.status === 'not_applicable') continue;
      tally.applicable += 1;
      const points = part === 'bonus' ? c.points : part === 'section' ? roundHalfUp(c.max - c.points, precision) : 0;
      if (points > 0) {
        tally.units.push(unit.id);
        tally.points = roundHalfUp(tally.points + points, precision);
      }
    }
    return tally;
  });
  const sections = tallies.filter((t) => t.part === 'section');
  const strip = ({ part: _, ...t }: CriterionTally & { part: CriterionPart }): CriterionTally => t;
  const order = new Map(sections.map((t, i) => [t.id, i]));
  const shortcomings = sections
    .filter((t) => t.units.length > 0)
    .sort((a, b) => b.units.length - a.units.length || b.points - a.points || order.get(a.id)! - order.get(b.id)!)
    .map(strip);
  return {
    count: scores.length,
    mean: scores.length ? roundHalfUp(scores.reduce((s, x) => s + x, 0) / scores.length, precision) : undefined,
    lowest: scores.length ? Math.min(...scores) : undefined,
    highest: scores.length ? Math.max(...scores) : undefined,
    grades: grades.map((g) => ({ label: g.label, min: g.min, count: outcome.units.filter((u) => u.grade === g.label).length })),
    shortcomings,
    met: sections.filter((t) => t.applicable > 0 && t.units.length === 0).map(strip),
    bonuses: tallies.filter((t) => t.part === 'bonus' && t.units.length > 0).map(strip),
  };
}
