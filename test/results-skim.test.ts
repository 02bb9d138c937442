// The results.json a run replaces is skimmed from its bytes (load/results-skim.ts), not parsed:
// for any text, it must be JSON exactly when JSON.parse says so, and what the run reads of it
// (a results file or not, its quarter, its units' scores and ids) must be what it reads of the
// parsed file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skimResults } from '../src/load/results-skim.js';
import { isResultsFile } from '../src/model/results.js';
import { scoresIn, unitIdsIn } from '../src/rank/changed-units.js';

/** What `cchc score` reads of a results.json it replaces. */
function readOf(value: unknown): unknown {
  const ours = isResultsFile(value);
  const quarter = (value as { quarter?: unknown } | null)?.quarter;
  return { ours, quarter: ours ? quarter : undefined, scores: [...scoresIn(value, typeof quarter === 'string' ? quarter : '')], ids: unitIdsIn(value) };
}

function parsed(text: string): unknown {
  try {
    return readOf(JSON.parse(text));
  } catch {
    return 'not JSON';
  }
}

function skimmed(text: string): unknown {
  const value = skimResults(Buffer.from(text, 'utf8'));
  return value === undefined ? 'not JSON' : readOf(value);
}

const anything = fc.jsonValue({ maxDepth: 3 });
const unit = fc.oneof(
  fc.record({ id: fc.oneof(fc.string(), anything), score: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), anything), name: anything }, { requiredKeys: [] }),
  anything,
);
const bloc = fc.oneof(fc.record({ id: fc.string(), units: fc.oneof(fc.array(unit, { maxLength: 5 }), anything), mean: anything }, { requiredKeys: [] }), anything);
const results = fc.record(
  {
    scheme: fc.oneof(fc.string(), anything),
    rulesDigest: fc.oneof(fc.constant('sha256:0'), anything),
    quarter: fc.oneof(fc.constantFrom('2019-Q1', '2019-Q4', '2019-Q5', '19-Q1'), anything),
    stage: anything,
    blocs: fc.oneof(fc.array(bloc, { maxLength: 4 }), anything),
  },
  { requiredKeys: [] },
);
const text = fc.tuple(fc.oneof(results, anything), fc.constantFrom(0, 2, '\t')).map(([v, indent]) => JSON.stringify(v, null, indent) ?? 'null');
/** A text changed in one place, with the characters that matter to JSON most likely. */
const damaged = fc
  .tuple(text, fc.nat(), fc.constantFrom('cut', 'insert', 'delete'), fc.constantFrom(...'{}[],:"\\ \n0123456789-+.eEtfnul\u0001\u00e9x'.split('')))
  .map(([t, n, how, c]) => {
    const at = t.length === 0 ? 0 : n % t.length;
    return how === 'cut' ? t.slice(0, at) : how === 'insert' ? t.slice(0, at) + c + t.slice(at) : t.slice(0, at) + t.slice(at + 1);
  });

describe('skimming the results.json a run replaces', () => {
  it('property: JSON exactly when JSON.parse says so, and the same stamp, scores and ids, for whole and damaged texts', () => {
    fc.assert(
      fc.property(fc.oneof(text, damaged, fc.string()), (t) => {
        expect(skimmed(t)).toEqual(parsed(t));
      }),
      { seed: 17, numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });

  it('a key given twice counts at its last copy; escapes, nesting and white space as JSON.parse takes them', () => {
    const cases = [
      '{"scheme":"s","rulesDigest":"d","quarter":"2019-Q1","blocs":[{"units":[{"id":"A","score":1}]}],"blocs":[{"units":[{"id":"B","score":2,"id":"C"}]}]}',
      ' {"scheme":"s","rulesDigest":"d","quarter":"2019-Q2","blocs":[{"units":[{"id":"\\u0110L-A\\n","score":-1.5e+2},{"id":"x","score":"7"}],"deep":[[[[[[[[[[{}]]]]]]]]]]}]}\r\n',
      `{"blocs":[{"units":[{"id":"A"}]}],"nested":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      '{"scheme":"s","rulesDigest":"d","quarter":"2019-Q1","blocs":[]} x',
      '\ufeff{"scheme":"s","rulesDigest":"d","quarter":"2019-Q1","blocs":[]}',
      '{"scheme":"s","rulesDigest":"d","quarter":"2019-Q1","blocs":[{"units":[{"id":"A","score":01}]}]}',
      '{"scheme":"s","rulesDigest":"d","quarter":"2019-Q1","blocs":[{"units":[{"id":"A\u0001","score":1}]}]}',
      '{"__proto__":{"quarter":"2019-Q1"},"blocs":[{"units":[{"id":"__proto__","score":3}]}]}',
      '',
    ];
    for (const t of cases) expect(skimmed(t), t.slice(0, 80)).toEqual(parsed(t));
    expect(skimmed(cases[0]!)).toEqual({ ours: true, quarter: '2019-Q1', scores: [['C', 2]], ids: ['C'] });
    expect(skimmed(cases[1]!)).toEqual({ ours: true, quarter: '2019-Q2', scores: [['ĐL-A\n', -150]], ids: ['ĐL-A\n', 'x'] });
    expect(skimmed(cases[2]!)).toEqual({ ours: false, quarter: undefined, scores: [], ids: ['A'] });
    expect(cases.slice(3, 7).map(skimmed)).toEqual(['not JSON', 'not JSON', 'not JSON', 'not JSON']);
  });
});
