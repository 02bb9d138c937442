import type { Results } from '../model/results.js';

/**
 * The ids of the units whose score differs between two runs of one quarter, sorted: units
 * scored now whose score is not the one `before` gave them (or that it did not have), and units
 * `before` had that are no longer scored. Every unit is changed when there is no `before`, or
 * when it is another quarter's. `before` is a results.json as read from disk, whatever it holds.
 */
export function changedUnits(before: unknown, after: Results): string[] {
  const then = scoresIn(before, after.quarter);
  const changed = new Set<string>();
  for (const b of after.blocs) {
    for (const u of b.units) {
      if (then.get(u.id) !== u.score) changed.add(u.id);
      then.delete(u.id);
    }
  }
  for (const id of then.keys()) changed.add(id);
  return [...changed].sort();
}

/** By unit id, the scores of a results.json of `quarter`; none for anything else. Only well-formed units are read. */
function scoresIn(results: unknown, quarter: string): Map<string, number> {
  const scores = new Map<string, number>();
  const r = results as { quarter?: unknown; blocs?: unknown } | null | undefined;
  if (r?.quarter !== quarter || !Array.isArray(r.blocs)) return scores;
  for (const b of r.blocs as ({ units?: unknown } | null)[]) {
    if (!Array.isArray(b?.units)) continue;
    for (const u of b.units as ({ id?: unknown; score?: unknown } | null)[]) {
      if (typeof u?.id === 'string' && typeof u.score === 'number') scores.set(u.id, u.score);
    }
  }
  return scores;
}
