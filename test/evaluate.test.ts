import { describe, expect, it } from 'vitest';
import { compileBloc } from '../src/compile/compile-bloc.js';
import { evaluateUnit } from '../src/evaluate/evaluate-unit.js';
import type { FactValue } from '../src/model/evidence.js';
import { roundHalfUp } from '../src/model/round.js';
import { checkRules } from '../src/index.js';
import type { Bloc, Criterion } from '../src/model/scorecard.js';
import { BASE_RULES } from './helpers/fixtures.js';

/** A one-criterion bloc (total = the criterion's max) scored for one set of facts. */
async function pointsFor(score: Criterion['score'], facts: Record<string, FactValue>, max = 10): Promise<number> {
  const bloc: Bloc = {
    bloc: 'b',
    name: 'B',
    total: max,
    facts: {},
    sections: [{ id: 'I', name: 'I', criteria: [{ id: 'I.1', name: 'c', max, score }] }],
  };
  const result = await evaluateUnit(compileBloc(bloc), { facts, manual: {}, notApplicable: [] }, 2);
  return result.criteria[0]!.points;
}

describe('roundHalfUp', () => {
  it('rounds the decimal value a person reads, not its binary neighbour', () => {
    expect(roundHalfUp(16.845, 2)).toBe(16.85); // 16.845 is stored as 16.84499…
    expect(roundHalfUp((30 * (8.123 - 7)) / 2, 2)).toBe(16.85);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(70.8333333, 2)).toBe(70.83);
    expect(roundHalfUp(2.5, 0)).toBe(3);
    expect(roundHalfUp(0, 2)).toBe(0);
    expect(Object.is(roundHalfUp(-0, 2), 0)).toBe(true);
    expect(roundHalfUp(1e-7, 2)).toBe(0);
  });
});

describe('each method at its edges', () => {
  const lowerIsBetter = { bands: { fact: 'd', steps: [{ atMost: 3, points: 10 }, { below: 5, points: 6 }, { otherwise: 0 }] } };
  it('bands: on, just below and just above each threshold', async () => {
    expect(await pointsFor(lowerIsBetter, { d: 3 })).toBe(10);
    expect(await pointsFor(lowerIsBetter, { d: 2.99 })).toBe(10);
    expect(await pointsFor(lowerIsBetter, { d: 3.01 })).toBe(6);
    expect(await pointsFor(lowerIsBetter, { d: 4.99 })).toBe(6);
    expect(await pointsFor(lowerIsBetter, { d: 5 })).toBe(0); // below 5 is strict
  });

  it('linear, rising and falling, clamped at both ends', async () => {
    const rising = { linear: { fact: 's', zeroAt: 7, fullAt: 9 } };
    expect(await pointsFor(rising, { s: 7 })).toBe(0);
    expect(await pointsFor(rising, { s: 8.37 })).toBe(6.85); // 10 × 1.37 / 2
    expect(await pointsFor(rising, { s: 9.5 })).toBe(10);
    const falling = { linear: { fact: 'd', zeroAt: 10, fullAt: 2 } };
    expect(await pointsFor(falling, { d: 4 })).toBe(7.5); // 10 × (4 − 10) / (2 − 10) = 10 × 6/8
    expect(await pointsFor(falling, { d: 12 })).toBe(0);
    expect(await pointsFor(falling, { d: 1 })).toBe(10);
  });

  it('deduct: per occurrence, per group, and stopping at its floor', async () => {
    const deduct = { deduct: { fact: 'n', points: 3, per: 2, floor: 2 } };
    expect(await pointsFor(deduct, { n: 0 })).toBe(10);
    expect(await pointsFor(deduct, { n: 1 })).toBe(10); // floor(1/2) = 0 groups
    expect(await pointsFor(deduct, { n: 2 })).toBe(7);
    expect(await pointsFor(deduct, { n: 5 })).toBe(4); // floor(5/2) = 2 → 10 − 6
    expect(await pointsFor(deduct, { n: 6 })).toBe(2); // 10 − 9 = 1 → floor 2
    expect(await pointsFor({ deduct: { fact: 'n', points: 0.1, per: 0.1 } }, { n: 0.3 })).toBe(9.7); // 0.3 / 0.1 counts 3
  });

  it('count: capped at max', async () => {
    const count = { count: { fact: 'n', points: 2 } };
    expect(await pointsFor(count, { n: 0 })).toBe(0);
    expect(await pointsFor(count, { n: 4 })).toBe(8);
    expect(await pointsFor(count, { n: 5 })).toBe(10);
    expect(await pointsFor(count, { n: 9 })).toBe(10);
  });

  it('check and checklist', async () => {
    expect(await pointsFor({ check: { fact: 'ok' } }, { ok: true })).toBe(10);
    expect(await pointsFor({ check: { fact: 'ok' } }, { ok: false })).toBe(0);
    expect(await pointsFor({ check: { fact: 'bad', expect: false } }, { bad: false })).toBe(10);
    const list = { checklist: { items: [{ fact: 'a', points: 6 }, { fact: 'b', points: 4 }] } };
    expect(await pointsFor(list, { a: true, b: false })).toBe(6);
    expect(await pointsFor(list, { a: true, b: true })).toBe(10);
  });

  it('rules: first takes the first match, sum adds every match up to max', async () => {
    const list = [
      { points: 8, when: { fact: 'x', operator: 'lessThanInclusive', value: 3 } },
      { points: 5, when: { any: [{ fact: 'x', operator: 'lessThanInclusive', value: 5 }, { fact: 'y', operator: 'equal', value: true }] } },
    ];
    expect(await pointsFor({ rules: { mode: 'first', list } }, { x: 3, y: false })).toBe(8);
    expect(await pointsFor({ rules: { mode: 'first', list } }, { x: 9, y: true })).toBe(5);
    expect(await pointsFor({ rules: { mode: 'first', list } }, { x: 9, y: false })).toBe(0);
    expect(await pointsFor({ rules: { mode: 'sum', list } }, { x: 3, y: false })).toBe(10); // 8 + 5 capped
    expect(await pointsFor({ rules: { mode: 'sum', list } }, { x: 4, y: false })).toBe(5);
  });
});

describe('a unit of the base rules, worked by hand (docs/scorecard-language.md, section 6)', () => {
  it('DL-A: 40 + 20.55 + 30 = 90.55, bonus 3, penalty 5 → 88.55', async () => {
    const { rules } = await checkRules(BASE_RULES);
    const branches = compileBloc(rules!.blocs.find((b) => b.bloc === 'branches')!);
    const facts = { lv_days: 3, satisfaction: 8.37, posted: true, hotline: true, overdue: 3, saving: 4.2 };
    const r = await evaluateUnit(branches, { facts, manual: {}, notApplicable: [] }, 2);
    expect(r.criteria.map((c) => [c.id, c.points])).toEqual([['I.1', 40], ['I.2', 20.55], ['II.1', 30], ['T.1', 3], ['TR.1', 5]]);
    expect(r.sections).toEqual([{ id: 'I', points: 60.55, max: 70 }, { id: 'II', points: 30, max: 30 }]);
    expect([r.base, r.bonus, r.penalty, r.score]).toEqual([90.55, 3, 5, 88.55]);
  });

  it('DL-B with I.1 not applicable: (22.5 + 20) / 60 × 100 = 70.83', async () => {
    const { rules } = await checkRules(BASE_RULES);
    const branches = compileBloc(rules!.blocs.find((b) => b.bloc === 'branches')!);
    const facts = { lv_days: 0, satisfaction: 8.5, posted: true, hotline: false, overdue: 0, saving: 0.8 };
    const r = await evaluateUnit(branches, { facts, manual: {}, notApplicable: ['I.1'] }, 2);
    expect(r.criteria[0]).toMatchObject({ id: 'I.1', status: 'not_applicable', points: 0 });
    expect([r.base, r.bonus, r.penalty, r.score]).toEqual([70.83, 0, 0, 70.83]);
  });

  it('a manual criterion takes the committee\'s points, clamped to its max', async () => {
    const { rules } = await checkRules(BASE_RULES);
    const departments = compileBloc(rules!.blocs.find((b) => b.bloc === 'departments')!);
    const facts = { tasks_on_time: 95, violations: 1, has_plan: true, branches_mean: 80 };
    const r = await evaluateUnit(departments, { facts, manual: { 'II.2': 8 }, notApplicable: [] }, 2);
    // I.1 95 ≥ 95 → 40; I.2 20; II.1 30 − 10 = 20; II.2 8 → 88; T.1 5 × (80 − 50) / 50 = 3
    expect(r.criteria.map((c) => c.points)).toEqual([40, 20, 20, 8, 3]);
    expect(r.score).toBe(91);
  });
});

describe('a reason shows the values as given', () => {
  it('0.913 is written 0,913, so the sum can be redone: 15 × (0.913 − 0.8) / (1 − 0.8) = 8.475 → 8.48', async () => {
    const { reasonOf } = await import('../src/evaluate/reason.js');
    const criterion: Criterion = { id: 'I.1', name: 'c', max: 15, score: { linear: { fact: 'r', zeroAt: 0.8, fullAt: 1 } } };
    const bloc: Bloc = { bloc: 'b', name: 'B', total: 15, facts: { r: { label: 'Tỷ lệ tiếp nhận trực tuyến', type: 'number' } }, sections: [{ id: 'I', name: 'I', criteria: [criterion] }] };
    const result = (await evaluateUnit(compileBloc(bloc), { facts: { r: 0.913 }, manual: {}, notApplicable: [] }, 2)).criteria[0]!;
    expect(result.points).toBe(8.48);
    expect(reasonOf(criterion, result, bloc, { r: 0.913 }, undefined, 'vi')).toBe('Tỷ lệ tiếp nhận trực tuyến 0,913: 15 × (0,913 − 0,8) / (1 − 0,8) → 8,48/15 điểm');
    // A threshold and a deduction as the rules give them, too.
    const deduct: Criterion = { id: 'I.1', name: 'c', max: 15, score: { deduct: { fact: 'r', points: 0.125, per: 0.005 } } };
    const d = { ...bloc, sections: [{ id: 'I', name: 'I', criteria: [deduct] }] };
    const dr = (await evaluateUnit(compileBloc(d), { facts: { r: 0.913 }, manual: {}, notApplicable: [] }, 2)).criteria[0]!;
    expect(reasonOf(deduct, dr, d, { r: 0.913 }, undefined, 'en')).toBe(`Tỷ lệ tiếp nhận trực tuyến 0.913, less 0.125 per 0.005 → ${dr.points}/15 points`);
  });
});
