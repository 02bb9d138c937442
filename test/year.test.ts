// The year's roll-up, worked by hand: each expected figure is computed in the comment beside it
// from the quarter scores given, not copied from the program's output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Results, UnitOutcome } from '../src/model/results.js';
import type { Grade, YearSettings } from '../src/model/scorecard.js';
import { gradeUnits, quarterCheck } from '../src/rank/grade-units.js';
import { annualScore, rollUpYear } from '../src/rank/roll-up.js';

const GRADES: Grade[] = [
  { min: 90, label: 'Xuất sắc', maxShare: 0.2, unless: [{ penalty: 'TR.1', above: 0 }, { quarterGrade: 'Yếu' }] },
  { min: 80, label: 'Tốt' },
  { min: 50, label: 'Trung bình' },
  { label: 'Yếu' },
];
const MEAN: YearSettings = { method: 'mean', requireQuarters: 4 };

/** A unit's outcome in a quarter: its score, grade, and TR.1 penalty points. */
function outcome(id: string, score: number, grade = 'Tốt', penalty = 0): UnitOutcome {
  return {
    id,
    name: `Đơn vị ${id}`,
    rank: 1,
    score,
    grade,
    base: score,
    bonus: 0,
    penalty,
    sections: [],
    criteria: [{ id: 'TR.1', points: penalty, max: 5, status: 'scored', facts: {}, matched: [], reason: '' }],
  };
}

/** A quarter's results: per unit id its score (and grade, penalty), all in bloc `b`, or in the bloc given. */
function quarter(q: number, units: Record<string, number | { score: number; grade?: string; penalty?: number; bloc?: string }>): Results {
  const blocs = new Map<string, UnitOutcome[]>();
  for (const [id, u] of Object.entries(units)) {
    const v = typeof u === 'number' ? { score: u } : u;
    const bloc = v.bloc ?? 'b';
    blocs.set(bloc, [...(blocs.get(bloc) ?? []), outcome(id, v.score, v.grade, v.penalty)]);
  }
  return { scheme: 's', quarter: `2019-Q${q}`, rulesDigest: `sha256:${'0'.repeat(64)}`, stage: 'final', blocs: [...blocs].map(([id, list]) => ({ id, name: id, units: list })) };
}

function roll(quarters: (Results | undefined)[], settings: YearSettings = MEAN, grades: Grade[] = GRADES) {
  return rollUpYear({ year: 2019, scheme: 's', blocs: [{ id: 'b', name: 'B' }, { id: 'c', name: 'C' }], settings: { ...settings, grades }, grades, precision: 2, quarters, lang: 'en' });
}

const unitsOf = (y: ReturnType<typeof roll>, bloc = 'b') => y.blocs.find((b) => b.id === bloc)!.units;
const line = (u: { id: string; score: number; rank: number; grade: string }) => `${u.rank} ${u.id} ${u.score} ${u.grade}`;

describe('the annual score', () => {
  it('is the mean of the four quarters, rounded half-up once', () => {
    // A: (80.01 + 80.02 + 80.03 + 80.04) / 4 = 320.10 / 4 = 80.025 → 80.03 (a half, up).
    // B: (80.01 + 80.02 + 80.02 + 80.00) / 4 = 320.05 / 4 = 80.0125 → 80.01.
    // C: (16.84 + 16.85 + 16.84 + 16.85) / 4 = 67.38 / 4 = 16.845 → 16.85 (16.845 is 16.84499… in binary).
    const y = roll([quarter(1, { A: 80.01, B: 80.01, C: 16.84 }), quarter(2, { A: 80.02, B: 80.02, C: 16.85 }), quarter(3, { A: 80.03, B: 80.02, C: 16.84 }), quarter(4, { A: 80.04, B: 80, C: 16.85 })]);
    expect(unitsOf(y).map(line)).toEqual(['1 A 80.03 Tốt', '2 B 80.01 Tốt', '3 C 16.85 Yếu']);
    expect(unitsOf(y)[0]!.quarters).toEqual({ '2019-Q1': 80.01, '2019-Q2': 80.02, '2019-Q3': 80.03, '2019-Q4': 80.04 });
  });

  it('weighted: by the scheme\'s weights, Q1 to Q4', () => {
    const settings: YearSettings = { method: 'weighted', weights: [1, 2, 3, 4], requireQuarters: 4 };
    // A: (88.88×1 + 77.77×2 + 66.66×3 + 99.99×4) / 10 = (88.88 + 155.54 + 199.98 + 399.96) / 10 = 844.36 / 10 = 84.436 → 84.44.
    // B: (90 + 80×2 + 70×3 + 85×4) / 10 = (90 + 160 + 210 + 340) / 10 = 800 / 10 = 80.00.
    const y = roll([quarter(1, { A: 88.88, B: 90 }), quarter(2, { A: 77.77, B: 80 }), quarter(3, { A: 66.66, B: 70 }), quarter(4, { A: 99.99, B: 85 })], settings);
    expect(unitsOf(y).map(line)).toEqual(['1 A 84.44 Tốt', '2 B 80 Tốt']);
    expect(y.weights).toEqual([1, 2, 3, 4]);
  });

  it('weighted with decimal weights: 0.1 + 0.2 add no binary error to the rounding', () => {
    // (70.05×0.1 + 70.05×0.2 + 70.06×0.3 + 70.06×0.4) / 1.0 = 7.005 + 14.01 + 21.018 + 28.024 = 70.057 → 70.06.
    const track = { quarters: [70.05, 70.05, 70.06, 70.06].map((score, index) => ({ index, unit: outcome('A', score) })) };
    expect(annualScore(track, [0.1, 0.2, 0.3, 0.4], 2)).toBe(70.06);
    // (10.01×0.1 + 10.02×0.1) / 0.2 = 10.015 → 10.02 (a half, up, though 0.1 is not exact in binary).
    const two = { quarters: [10.01, 10.02].map((score, index) => ({ index, unit: outcome('A', score) })) };
    expect(annualScore(two, [0.1, 0.1, 0, 0], 2)).toBe(10.02);
  });

  it('a missing quarter: the mean of the quarters there are (the weights of those there are)', () => {
    // Q4 missing. A: (90 + 80 + 70) / 3 = 240 / 3 = 80.00; B: (85.5 + 85.5 + 85.51) / 3 = 256.51 / 3 = 85.50333… → 85.50.
    const y = roll([quarter(1, { A: 90, B: 85.5 }), quarter(2, { A: 80, B: 85.5 }), quarter(3, { A: 70, B: 85.51 }), undefined]);
    expect(unitsOf(y).map(line)).toEqual(['1 B 85.5 Tốt', '2 A 80 Tốt']);
    expect(y.quartersMissing).toEqual(['2019-Q4']);
    expect(unitsOf(y)[0]!.quartersMissing).toEqual(['2019-Q4']);
    // Weighted 1:1:1:2 without Q4: (90 + 80 + 70) / 3 = 80.00, Q4's weight left out with it.
    const w = roll([quarter(1, { A: 90 }), quarter(2, { A: 80 }), quarter(3, { A: 70 }), undefined], { method: 'weighted', weights: [1, 1, 1, 2], requireQuarters: 4 });
    expect(unitsOf(w)[0]!.score).toBe(80);
  });

  it('a unit that changed bloc is ranked with the bloc of its last quarter, its other quarters marked', () => {
    const y = roll([quarter(1, { A: 90, M: { score: 60, bloc: 'c' } }), quarter(2, { A: 90, M: { score: 70, bloc: 'c' } }), quarter(3, { A: 90, M: 80 }), quarter(4, { A: 90, M: 90 })]);
    // M: (60 + 70 + 80 + 90) / 4 = 75.00, in bloc b.
    const m = unitsOf(y).find((u) => u.id === 'M')!;
    expect([m.score, m.rank, m.otherBlocs]).toEqual([75, 2, { '2019-Q1': 'c', '2019-Q2': 'c' }]);
    expect(unitsOf(y, 'c')).toEqual([]);
  });
});

describe('ranks and grades of the year', () => {
  it('ties share a rank and the next rank skips (1, 1, 3)', () => {
    // A: (80 + 90 + 80 + 90) / 4 = 85; B: 85 × 4 / 4 = 85; C: (85 + 85 + 85 + 84.99) / 4 = 339.99 / 4 = 84.9975 → 85.00: tied too.
    // D: (70 + 70 + 70 + 70.01) / 4 = 70.0025 → 70.00.
    const y = roll([quarter(1, { A: 80, B: 85, C: 85, D: 70 }), quarter(2, { A: 90, B: 85, C: 85, D: 70 }), quarter(3, { A: 80, B: 85, C: 85, D: 70 }), quarter(4, { A: 90, B: 85, C: 84.99, D: 70.01 })]);
    expect(unitsOf(y).map(line)).toEqual(['1 A 85 Tốt', '1 B 85 Tốt', '1 C 85 Tốt', '4 D 70 Trung bình']);
  });

  it('a condition drops a unit from the top grade: a penalty over the year, a quarter graded Yếu', () => {
    // Ten units (the quota of 20 % lets 2 be Xuất sắc). P: 95 each quarter, 1 point of TR.1 in Q2 → refused, Tốt.
    // Y: 95, 95, 95, 95 but graded Yếu in Q3 (a quarter's grade set by its own rules) → refused, Tốt.
    // Then the quota is still there for A and B (refused units do not use it up).
    const q = (n: number) =>
      quarter(n, {
        P: { score: 96, penalty: n === 2 ? 1 : 0 },
        Y: { score: 95.5, grade: n === 3 ? 'Yếu' : 'Xuất sắc' },
        A: 95,
        B: 94,
        ...Object.fromEntries(['E', 'F', 'G', 'H', 'I', 'J'].map((id) => [id, 60])),
      });
    const y = roll([q(1), q(2), q(3), q(4)]);
    const [p, yu, a, b] = unitsOf(y);
    expect([p, yu, a, b].map((u) => `${u!.id} ${u!.grade}`)).toEqual(['P Tốt', 'Y Tốt', 'A Xuất sắc', 'B Xuất sắc']);
    expect(p!.gradeReason).toBe('not graded Xuất sắc: 1 point deducted under TR.1 over the year → Tốt');
    expect(yu!.gradeReason).toBe('not graded Xuất sắc: graded Yếu in 2019-Q3 → Tốt');
    expect(a!.gradeReason).toBeUndefined();
  });

  it('a penalty condition is "above" its limit: at the limit the grade stands', () => {
    const grades: Grade[] = [{ min: 90, label: 'Xuất sắc', unless: [{ penalty: 'TR.1', above: 2 }] }, { label: 'Khá' }];
    // A: 1 + 1 = 2 points over the year, not above 2 → Xuất sắc; B: 1 + 1.5 = 2.5 → Khá.
    const q = (n: number, a: number, b: number) => quarter(n, { A: { score: 95, penalty: a }, B: { score: 95, penalty: b } });
    const y = roll([q(1, 1, 1), q(2, 1, 1.5), q(3, 0, 0), q(4, 0, 0)], MEAN, grades);
    expect(unitsOf(y).map((u) => `${u.id} ${u.grade}`)).toEqual(['A Xuất sắc', 'B Khá']);
  });

  it('a quota with a tie at its edge: the tied units are refused together, and every unit ranked below them', () => {
    // Ten units, maxShare 0.2 → ⌊0.2 × 10⌋ = 2 may be Xuất sắc. A 95 (rank 1), B and C 93 (rank 2, tied), D 91 (rank 4).
    // A takes one place; B and C together would make 3 > 2: both refused, and D below them too.
    const scores = { A: 95, B: 93, C: 93, D: 91, E: 60, F: 60, G: 60, H: 60, I: 60, J: 60 };
    const y = roll([1, 2, 3, 4].map((n) => quarter(n, scores)));
    expect(unitsOf(y).slice(0, 4).map((u) => `${u.rank} ${u.id} ${u.grade}`)).toEqual(['1 A Xuất sắc', '2 B Tốt', '2 C Tốt', '4 D Tốt']);
    expect(unitsOf(y)[1]!.gradeReason).toBe("not graded Xuất sắc: past its quota of 20 % (2 of the bloc's 10 units, by rank) → Tốt");
    // Without the tie the quota fills exactly: A and B, then C refused.
    const exact = roll([1, 2, 3, 4].map((n) => quarter(n, { ...scores, C: 92 })));
    expect(unitsOf(exact).slice(0, 4).map((u) => `${u.id} ${u.grade}`)).toEqual(['A Xuất sắc', 'B Xuất sắc', 'C Tốt', 'D Tốt']);
  });

  it('a quota: ⌊share × units⌋, so 0.29 of 100 units is 29, not 28 (0.29 × 100 is 28.999… in binary)', () => {
    const units = Array.from({ length: 100 }, (_, i) => ({ score: 99, rank: 1 + i }));
    const graded = gradeUnits(units, [{ min: 90, label: 'X', maxShare: 0.29 }, { label: 'Y' }], () => undefined);
    expect(graded.filter((g) => g.grade === 'X')).toHaveLength(29);
  });

  it('property: a quota never lets more than ⌊share × units⌋ have the grade, and never refuses one a lower-ranked unit keeps', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 80, max: 100 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 100 }), (scores, percent) => {
        const share = percent / 100;
        const ranked = [...scores].sort((a, b) => b - a).map((score, _, all) => ({ score, rank: all.indexOf(score) + 1 }));
        const graded = gradeUnits(ranked, [{ min: 90, label: 'X', maxShare: share }, { label: 'Y' }], () => undefined);
        const top = graded.flatMap((g, i) => (g.grade === 'X' ? [i] : []));
        expect(top.length).toBeLessThanOrEqual(Math.floor(share * scores.length + 1e-9));
        // The units graded X are the best-ranked ones reaching 90: a prefix of the ranking.
        top.forEach((i, k) => expect(i).toBe(k));
        // Tied units get the same grade.
        ranked.forEach((u, i) => ranked.forEach((v, j) => u.rank === v.rank && expect(graded[i]!.grade).toBe(graded[j]!.grade)));
      }),
    );
  });

  it('quarter grades: a penalty condition applies to the quarter; a quarter-grade condition is the year\'s only', () => {
    const grades: Grade[] = [{ min: 90, label: 'Xuất sắc', unless: [{ penalty: 'TR.1' }, { quarterGrade: 'Yếu' }] }, { label: 'Tốt' }];
    const units = [{ score: 95, rank: 1, criteria: [{ id: 'TR.1', points: 0.5, status: 'scored' }] }, { score: 95, rank: 1, criteria: [{ id: 'TR.1', points: 0, status: 'scored' }] }];
    expect(gradeUnits(units, grades, quarterCheck).map((g) => g.grade)).toEqual(['Tốt', 'Xuất sắc']);
  });
});
