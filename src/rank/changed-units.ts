import type { Results } from '../model/results.js';

/**
 * By unit id, the scores a results.json of `quarter` gave, read from whatever the file holds
 * (only well-formed units); none when it is not a results file, or is another quarter's.
 */
export function scoresIn(results: unknown, quarter: string): Map<string, number> {
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

/**
 * The unit ids of a results.json a run replaces, whatever that file holds (`--force` writes
 * over any): only ids that are text, of blocs and units that are lists.
 */
export function unitIdsIn(results: unknown): string[] {
  const blocs = (results as { blocs?: unknown } | null | undefined)?.blocs;
  if (!Array.isArray(blocs)) return [];
  return blocs.flatMap((b: { units?: unknown } | null) => (Array.isArray(b?.units) ? b.units : []).map((u: { id?: unknown } | null) => u?.id).filter((id): id is string => typeof id === 'string'));
}

/**
 * The ids of the units whose score differs between two runs of one quarter, sorted: units
 * scored now whose score is not the one they had `before` (or that had none), and units
 * `before` had that are no longer scored. Every unit, when there is nothing before.
 */
export function changedUnits(before: ReadonlyMap<string, number>, after: Results): string[] {
  const gone = new Map(before);
  const changed = new Set<string>();
  for (const b of after.blocs) {
    for (const u of b.units) {
      if (before.get(u.id) !== u.score) changed.add(u.id);
      gone.delete(u.id);
    }
  }
  for (const id of gone.keys()) changed.add(id);
  return [...changed].sort();
}
