import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileBloc } from '../src/compile/compile-bloc.js';
import { evaluateUnit } from '../src/evaluate/evaluate-unit.js';
import { roundHalfUp } from '../src/model/round.js';
import { checkRules } from '../src/index.js';
import type { Evidence, FactValue, UnitEvidence } from '../src/model/evidence.js';
import { placedCriteria, type Bloc, type Fact, type Rules } from '../src/model/scorecard.js';
import { scoreQuarter } from '../src/score-quarter.js';

const { rules } = await checkRules('rules');

/** Any value the fact's declaration allows. */
function valueOf(fact: Fact): fc.Arbitrary<FactValue> {
  const min = fact.min ?? -50;
  const max = fact.max ?? 200;
  if (fact.type === 'boolean') return fc.boolean();
  if (fact.type === 'text') return fc.string();
  if (fact.type === 'integer') return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => roundHalfUp(v, 3));
}

function unitEvidence(bloc: Bloc, unit: string): fc.Arbitrary<UnitEvidence> {
  const entered = Object.entries(bloc.facts).filter(([, f]) => !f.from);
  const placed = placedCriteria(bloc).map((p) => p.criterion);
  const manual = placed.filter((c) => 'manual' in c.score);
  const optional = placed.filter((c) => c.allowNotApplicable).map((c) => c.id);
  return fc.record({
    facts: fc.record(Object.fromEntries(entered.map(([id, f]) => [id, valueOf(f).map((value) => ({ value }))]))),
    manual: fc.record(Object.fromEntries(manual.map((c) => [c.id, fc.double({ min: 0, max: c.max, noNaN: true }).map((p) => ({ points: roundHalfUp(p, 2), note: 'x' }))]))),
    notApplicable: fc.subarray(optional),
  }).map((r) => ({ unit, file: 'generated', ...r }));
}

function evidenceOf(r: Rules): fc.Arbitrary<Evidence> {
  const units = r.units.map((u) => unitEvidence(r.blocs.find((b) => b.bloc === u.bloc)!, u.id));
  return fc.tuple(...units).map((list) => ({ quarter: '2019-Q1', units: new Map(list.map((u) => [u.unit, u])) }));
}

const sum = (xs: number[]) => roundHalfUp(xs.reduce((a, b) => a + b, 0), 2);

describe('scoring the real rules on any evidence within the declared ranges', () => {
  it('keeps points in [0, max], sums of rounded parts, score = base + bonus − penalty ≥ 0, and the same bytes twice', async () => {
    await fc.assert(
      fc.asyncProperty(evidenceOf(rules!), async (evidence) => {
        const results = await scoreQuarter(rules!, evidence, new Map(), 'sha256:0');
        for (const bloc of results.blocs) {
          const scorecard = rules!.blocs.find((b) => b.bloc === bloc.id)!;
          for (const u of bloc.units) {
            for (const c of u.criteria) {
              expect(c.points).toBeGreaterThanOrEqual(0);
              expect(c.points).toBeLessThanOrEqual(c.max);
              expect(roundHalfUp(c.points, 2)).toBe(c.points);
            }
            const counted = u.criteria.filter((c) => c.status !== 'not_applicable');
            for (const s of u.sections) {
              const own = counted.filter((c) => scorecard.sections.find((x) => x.id === s.id)!.criteria.some((k) => k.id === c.id));
              expect(s.points).toBe(sum(own.map((c) => c.points)));
            }
            expect(u.score).toBe(Math.max(0, roundHalfUp(u.base + u.bonus - u.penalty, 2)));
            expect(u.base).toBeLessThanOrEqual(scorecard.total);
          }
        }
        const again = await scoreQuarter(rules!, evidence, new Map(), 'sha256:0');
        expect(JSON.stringify(again)).toBe(JSON.stringify(results));
      }),
      { numRuns: 25 },
    );
  });

  it('shuffling the units, or the order the evidence arrives in, changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(evidenceOf(rules!), fc.func(fc.integer()), async (evidence, key) => {
        const order = (ids: string[]) => [...ids].sort((a, b) => key(a) - key(b) || (a < b ? -1 : 1));
        const units = order(rules!.units.map((u) => u.id)).map((id) => rules!.units.find((u) => u.id === id)!);
        const arrived = new Map(order([...evidence.units.keys()]).map((id) => [id, evidence.units.get(id)!]));
        const plain = await scoreQuarter(rules!, evidence, new Map(), 'sha256:0');
        const shuffled = await scoreQuarter({ ...rules!, units }, { ...evidence, units: arrived }, new Map(), 'sha256:0');
        expect(JSON.stringify(shuffled)).toBe(JSON.stringify(plain));
      }),
      { numRuns: 10 },
    );
  });

  it('more occurrences never raise a deduct criterion nor lower a count criterion', async () => {
    for (const bloc of rules!.blocs) {
      const compiled = compileBloc(bloc);
      const sample = fc.sample(unitEvidence(bloc, 'X'), 1)[0]!;
      const computed = Object.entries(bloc.facts).filter(([, f]) => f.from).map(([id]) => [id, 75] as const);
      const base = Object.fromEntries([...Object.entries(sample.facts).map(([k, v]) => [k, v.value] as const), ...computed]);
      for (const c of placedCriteria(bloc).map((p) => p.criterion)) {
        const s = c.score;
        const spec = 'deduct' in s ? s.deduct : 'count' in s ? s.count : undefined;
        if (!spec) continue;
        const f = bloc.facts[spec.fact]!;
        await fc.assert(
          fc.asyncProperty(valueOf(f), valueOf(f), async (a, b) => {
            const [fewer, more] = (a as number) <= (b as number) ? [a, b] : [b, a];
            const points = async (v: FactValue) =>
              (await evaluateUnit(compiled, { facts: { ...base, [spec.fact]: v }, manual: {}, notApplicable: [] }, 2)).criteria.find((x) => x.id === c.id)!.points;
            if ('deduct' in s) expect(await points(more)).toBeLessThanOrEqual(await points(fewer));
            else expect(await points(more)).toBeGreaterThanOrEqual(await points(fewer));
          }),
          { numRuns: 30 },
        );
      }
    }
  });

  it('never lowers a linear criterion\'s points for better evidence', async () => {
    const bloc = rules!.blocs.find((b) => b.bloc === 'district-branches')!;
    const compiled = compileBloc(bloc);
    const linear = placedCriteria(bloc).map((p) => p.criterion).filter((c) => 'linear' in c.score);
    expect(linear.length).toBeGreaterThan(0);
    const facts = await fc.sample(unitEvidence(bloc, 'X'), 1)[0]!;
    const base = Object.fromEntries(Object.entries(facts.facts).map(([k, v]) => [k, v.value]));
    for (const c of linear) {
      const { fact, zeroAt, fullAt } = (c.score as { linear: { fact: string; zeroAt: number; fullAt: number } }).linear;
      const f = bloc.facts[fact]!;
      await fc.assert(
        fc.asyncProperty(valueOf(f), valueOf(f), async (a, b) => {
          const [worse, better] = (fullAt > zeroAt ? (a as number) <= (b as number) : (a as number) >= (b as number)) ? [a, b] : [b, a];
          const score = async (v: FactValue) =>
            (await evaluateUnit(compiled, { facts: { ...base, [fact]: v }, manual: {}, notApplicable: [] }, 2)).criteria.find((x) => x.id === c.id)!.points;
          expect(await score(better)).toBeGreaterThanOrEqual(await score(worse));
        }),
        { numRuns: 50 },
      );
    }
  });
});
