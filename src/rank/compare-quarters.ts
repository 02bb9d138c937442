import { roundHalfUp } from '../model/round.js';
import type { Results } from '../model/results.js';

/** Where a unit stood last quarter in the same bloc, and how it moved since. */
export interface Movement {
  previousScore: number;
  previousRank: number;
  /** Units ranked in the bloc last quarter. */
  previousSize: number;
  /** Positive when the unit climbed: previous rank − rank. */
  rankChange: number;
  scoreChange: number;
}

/** The previous quarter as the reports show it: per unit id, its movement, or none for a unit new to its bloc. */
export interface Comparison {
  quarter: string;
  /** Both quarters were scored with the same scorecard files. */
  sameRules: boolean;
  units: Map<string, Movement>;
}

/**
 * Compares a quarter with an earlier one, unit by unit within each bloc: a unit that was not in
 * the same bloc last quarter (new, or moved from another bloc) has no movement.
 */
export function compareQuarters(current: Results, previous: Results, precision: number): Comparison {
  const units = new Map<string, Movement>();
  for (const bloc of current.blocs) {
    const before = previous.blocs.find((b) => b.id === bloc.id);
    if (!before) continue;
    for (const unit of bloc.units) {
      const then = before.units.find((u) => u.id === unit.id);
      if (!then) continue;
      units.set(unit.id, {
        previousScore: then.score,
        previousRank: then.rank,
        previousSize: before.units.length,
        rankChange: then.rank - unit.rank,
        scoreChange: roundHalfUp(unit.score - then.score, precision),
      });
    }
  }
  return { quarter: previous.quarter, sameRules: previous.rulesDigest === current.rulesDigest, units };
}

/** ▲2, ▼1, = or the word for a unit new to its bloc. */
export function movementMark(movement: Movement | undefined, newWord: string): string {
  if (!movement) return newWord;
  const d = movement.rankChange;
  return d > 0 ? `▲${d}` : d < 0 ? `▼${-d}` : '=';
}
