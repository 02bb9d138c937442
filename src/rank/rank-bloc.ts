/** What ranking needs of a unit's result. */
export interface Rankable {
  id: string;
  score: number;
  sections: readonly { id: string; points: number }[];
}

/**
 * Ranks units by score, highest first, then by the tiebreak sections' points in order; units
 * still equal share a rank and the next rank skips (1, 2, 2, 4). Returns the units in output
 * order (rank, then unit id) with their rank; the input order never matters.
 */
export function rankBloc<T extends Rankable>(units: readonly T[], tiebreak: readonly string[]): (T & { rank: number })[] {
  const keyOf = (u: T) => [u.score, ...tiebreak.map((id) => u.sections.find((s) => s.id === id)?.points ?? 0)];
  const compare = (a: T, b: T) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
    return 0;
  };
  const sorted = [...units].sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: (T & { rank: number })[] = [];
  sorted.forEach((u, i) => {
    const previous = out[i - 1];
    const rank = previous && compare(previous, u) === 0 ? previous.rank : i + 1;
    out.push({ ...u, rank });
  });
  return out;
}
