/** Sets of real numbers as unions of intervals, for checking which band steps can match. */

export interface Interval {
  lo: number;
  loClosed: boolean;
  hi: number;
  hiClosed: boolean;
}

export const ALL: Interval = { lo: -Infinity, loClosed: false, hi: Infinity, hiClosed: false };

export function isEmpty(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && !(i.loClosed && i.hiClosed));
}

export function intersect(a: Interval, b: Interval): Interval {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return {
    lo,
    loClosed: (a.lo !== lo || a.loClosed) && (b.lo !== lo || b.loClosed),
    hi,
    hiClosed: (a.hi !== hi || a.hiClosed) && (b.hi !== hi || b.hiClosed),
  };
}

function contains(outer: Interval, inner: Interval): boolean {
  const loOk = outer.lo < inner.lo || (outer.lo === inner.lo && (outer.loClosed || !inner.loClosed));
  const hiOk = outer.hi > inner.hi || (outer.hi === inner.hi && (outer.hiClosed || !inner.hiClosed));
  return loOk && hiOk;
}

/** A union of disjoint, non-touching intervals, kept sorted. */
export class IntervalSet {
  private parts: Interval[] = [];

  /** Whether every point of `i` is already in the set (an empty `i` is always covered). */
  covers(i: Interval): boolean {
    return isEmpty(i) || this.parts.some((p) => contains(p, i));
  }

  add(i: Interval): void {
    if (isEmpty(i)) return;
    const sorted = [...this.parts, i].sort((a, b) => a.lo - b.lo || Number(b.loClosed) - Number(a.loClosed));
    const merged: Interval[] = [];
    for (const p of sorted) {
      const last = merged[merged.length - 1];
      if (last && (p.lo < last.hi || (p.lo === last.hi && (last.hiClosed || p.loClosed)))) {
        if (p.hi > last.hi || (p.hi === last.hi && p.hiClosed)) {
          last.hi = p.hi;
          last.hiClosed = p.hiClosed;
        }
      } else {
        merged.push({ ...p });
      }
    }
    this.parts = merged;
  }
}
