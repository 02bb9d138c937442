import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CriterionOutcome, CriterionStatus, UnitOutcome } from '../src/model/results.js';
import type { Bloc, Criterion } from '../src/model/scorecard.js';
import { followUpOf, shortcomingsOf, summarizeBloc } from '../src/rank/shortcomings.js';

const criterion = (id: string, max: number): Criterion => ({ id, name: `Tiêu chí ${id}`, max, score: { manual: {} } as never });
/** Section A: A1 (10), A2 (5), A3 (5), A4 (4); bonus B1 (2); penalty P1 (6). */
const BLOC: Bloc = {
  bloc: 'b',
  name: 'Khối',
  total: 24,
  facts: {},
  sections: [{ id: 'A', name: 'A', criteria: [criterion('A1', 10), criterion('A2', 5), criterion('A3', 5), criterion('A4', 4)] }],
  bonus: [criterion('B1', 2)],
  penalty: [criterion('P1', 6)],
};

const outcome = (id: string, points: number, max: number, status: CriterionStatus = 'scored'): CriterionOutcome => ({ id, points, max, status, facts: {}, matched: [], reason: '' });
function unitOf(id: string, points: Record<string, number | 'na' | 'missing'>, score = 0, grade = 'Khá'): UnitOutcome {
  const max = { A1: 10, A2: 5, A3: 5, A4: 4, B1: 2, P1: 6 } as Record<string, number>;
  const criteria = Object.keys(max).map((cid) => {
    const p = points[cid] ?? (cid === 'P1' || cid === 'B1' ? 0 : max[cid]!);
    return p === 'na' ? outcome(cid, 0, max[cid]!, 'not_applicable') : p === 'missing' ? outcome(cid, 0, max[cid]!, 'missing') : outcome(cid, p, max[cid]!);
  });
  return { id, name: id, rank: 1, score, grade, base: 0, bonus: 0, penalty: 0, sections: [], criteria };
}

describe('shortcomingsOf', () => {
  it('section criteria below their max, most lost first, ties in scorecard order; missing counts, not applicable and bonus do not', () => {
    // A1 8/10 lost 2; A2 not applicable; A3 missing: 0/5 lost 5; A4 2/4 lost 2; B1 0/2 is a bonus.
    const s = shortcomingsOf(BLOC, unitOf('U', { A1: 8, A2: 'na', A3: 'missing', A4: 2, P1: 3 }), 2);
    expect(s.criteria.map((c) => [c.outcome.id, c.lost])).toEqual([['A3', 5], ['A1', 2], ['A4', 2]]);
    expect(s.penalties.map((c) => [c.outcome.id, c.lost])).toEqual([['P1', 3]]);
  });

  it('a criterion one hundredth short is a shortcoming; full marks and a penalty of 0 are not', () => {
    const s = shortcomingsOf(BLOC, unitOf('U', { A1: 9.99 }), 2);
    expect(s.criteria.map((c) => [c.outcome.id, c.lost])).toEqual([['A1', 0.01]]);
    expect(s.penalties).toEqual([]);
  });

  it('property: the points lost add up to what the section criteria that apply miss, listed in non-increasing order', () => {
    const points = fc.record({
      A1: fc.oneof(fc.integer({ min: 0, max: 1000 }).map((p) => p / 100), fc.constant('na' as const)),
      A2: fc.integer({ min: 0, max: 500 }).map((p) => p / 100),
      A3: fc.oneof(fc.integer({ min: 0, max: 500 }).map((p) => p / 100), fc.constant('missing' as const)),
      A4: fc.integer({ min: 0, max: 400 }).map((p) => p / 100),
    });
    fc.assert(
      fc.property(points, (p) => {
        const unit = unitOf('U', p);
        const { criteria } = shortcomingsOf(BLOC, unit, 2);
        const missed = unit.criteria.filter((c) => c.id.startsWith('A') && c.status !== 'not_applicable').reduce((s, c) => s + (c.max - c.points), 0);
        expect(criteria.reduce((s, c) => s + c.lost, 0)).toBeCloseTo(missed, 6);
        for (let i = 1; i < criteria.length; i++) expect(criteria[i]!.lost).toBeLessThanOrEqual(criteria[i - 1]!.lost);
      }),
    );
  });
});

describe('followUpOf', () => {
  it('each of last quarter\'s shortcomings: fixed, improved, unchanged, worse, or not applicable now; penalties too', () => {
    // Before: A1 lost 4, A2 lost 2, A3 lost 1, A4 lost 1, P1 deducted 2.
    const before = unitOf('U', { A1: 6, A2: 3, A3: 4, A4: 3, P1: 2 });
    // Now: A1 lost 1 (improved), A2 0 (fixed), A3 1 (unchanged), A4 not applicable, P1 4 (worse).
    const now = unitOf('U', { A1: 9, A2: 5, A3: 4, A4: 'na', P1: 4 });
    expect(followUpOf(BLOC, now, before, 2).map((f) => [f.id, f.before, f.now, f.verdict])).toEqual([
      ['A1', 4, 1, 'improved'],
      ['A2', 2, 0, 'fixed'],
      ['A3', 1, 1, 'unchanged'],
      ['A4', 1, undefined, 'not_applicable'],
      ['P1', 2, 4, 'worse'],
    ]);
  });

  it('a criterion whose max changed is compared by the share of it lost', () => {
    const before = unitOf('U', { A1: 6 }); // 4 of 10 lost: 40 %
    const now = unitOf('U', {});
    now.criteria[0] = outcome('A1', 15, 20); // 5 of 20 lost: 25 %, more points but a smaller share
    expect(followUpOf(BLOC, now, before, 2).map((f) => [f.id, f.verdict])).toEqual([['A1', 'improved']]);
  });

  it('the same share of another max is unchanged: 0.3 of 3 then 0.2 of 2 (0.3 / 3 is 0.0999… in floating point)', () => {
    const before = unitOf('U', {});
    before.criteria[0] = outcome('A1', 2.7, 3);
    const now = unitOf('U', {});
    now.criteria[0] = outcome('A1', 1.8, 2);
    expect(followUpOf(BLOC, now, before, 2).map((f) => [f.id, f.before, f.now, f.verdict])).toEqual([['A1', 0.3, 0.2, 'unchanged']]);
  });
});

describe('summarizeBloc', () => {
  it('mean half-up, highest, lowest, units per grade; shortcomings by units then points; what all met; bonuses earned', () => {
    const grades = [{ min: 20, label: 'Tốt' }, { min: 10, label: 'Khá' }, { label: 'Yếu' }];
    const units = [
      // A1 lost 2, A2 lost 1; bonus 1.5
      { ...unitOf('X', { A1: 8, A2: 4, B1: 1.5 }, 22.5, 'Tốt') },
      // A1 lost 1; A2 not applicable
      { ...unitOf('Y', { A1: 9, A2: 'na' }, 21.25, 'Tốt') },
      // A1 lost 3, A3 lost 5 (missing)
      { ...unitOf('Z', { A1: 7, A3: 'missing' }, 15, 'Khá') },
    ];
    const s = summarizeBloc(BLOC, { id: 'b', name: 'Khối', units }, grades, 2);
    // (22.5 + 21.25 + 15) / 3 = 19.5833… → 19.58
    expect([s.count, s.mean, s.highest, s.lowest]).toEqual([3, 19.58, 22.5, 15]);
    expect(s.grades.map((g) => [g.label, g.count])).toEqual([['Tốt', 2], ['Khá', 1], ['Yếu', 0]]);
    // A1 lost by 3 units (6 points); A3 by 1 (5); A2 by 1 of the 2 it applied to (1): A3 before A2 on points.
    expect(s.shortcomings.map((t) => [t.id, t.units.length, t.applicable, t.points])).toEqual([
      ['A1', 3, 3, 6],
      ['A3', 1, 3, 5],
      ['A2', 1, 2, 1],
    ]);
    expect(s.met.map((t) => t.id)).toEqual(['A4']);
    expect(s.bonuses.map((t) => [t.id, t.units, t.points])).toEqual([['B1', ['X'], 1.5]]);
  });
});
