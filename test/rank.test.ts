import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeUnits } from '../src/rank/grade-units.js';
import { rankBloc } from '../src/rank/rank-bloc.js';

const unit = (id: string, score: number, I = 0, II = 0) => ({ id, score, sections: [{ id: 'I', points: I }, { id: 'II', points: II }] });
const ranks = (list: { id: string; rank: number }[]) => list.map((u) => `${u.rank} ${u.id}`);

describe('rankBloc', () => {
  it('equal scores share a rank and the next rank skips', () => {
    expect(ranks(rankBloc([unit('D', 70), unit('B', 80.5), unit('A', 85), unit('C', 80.5)], []))).toEqual(['1 A', '2 B', '2 C', '4 D']);
  });

  it('tiebreak sections order equal scores, in the order given', () => {
    const list = [unit('B', 80.5, 55, 30), unit('C', 80.5, 60, 20), unit('A', 85), unit('D', 80.5, 55, 31)];
    expect(ranks(rankBloc(list, ['I']))).toEqual(['1 A', '2 C', '3 B', '3 D']);
    expect(ranks(rankBloc(list, ['I', 'II']))).toEqual(['1 A', '2 C', '3 D', '4 B']);
  });

  it('shuffling the units never changes the ranks or the order', () => {
    const units = fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), score: fc.integer({ min: 0, max: 20 }), I: fc.integer({ min: 0, max: 3 }) }), { maxLength: 12 })
      .map((list) => [...new Map(list.map((u) => [u.id, unit(u.id, u.score, u.I)])).values()]);
    fc.assert(
      fc.property(units, fc.func(fc.integer()), (list, key) => {
        const shuffled = [...list].sort((a, b) => key(a.id) - key(b.id) || (a.id < b.id ? -1 : 1));
        expect(ranks(rankBloc(shuffled, ['I']))).toEqual(ranks(rankBloc(list, ['I'])));
      }),
    );
  });
});

describe('gradeUnits without conditions or quotas', () => {
  const grades = [{ min: 90, label: 'Xuất sắc' }, { min: 70, label: 'Khá' }, { label: 'Yếu' }];
  const gradeOf = (score: number, list: typeof grades) => gradeUnits([{ score, rank: 1 }], list, () => undefined)[0]!.grade;
  it('takes the first grade whose min the score reaches, exactly on the cut-off included', () => {
    expect(gradeOf(90, grades)).toBe('Xuất sắc');
    expect(gradeOf(89.99, grades)).toBe('Khá');
    expect(gradeOf(70, grades)).toBe('Khá');
    expect(gradeOf(69.99, grades)).toBe('Yếu');
    expect(gradeOf(0, grades)).toBe('Yếu');
  });
});
