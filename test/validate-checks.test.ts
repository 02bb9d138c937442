import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRules, CODES } from '../src/index.js';
import { methodOf, METHODS, placedCriteria } from '../src/model/scorecard.js';
import { positionOf } from './helpers/cli.js';
import { rulesFolder } from './helpers/fixtures.js';

/**
 * Validates the base rules with branches.yaml replaced by a bloc whose one criterion is scored
 * by `score`, and checks the diagnostics of that file: each expected one is a code and the
 * text its position must point at (its first occurrence in the file).
 */
async function expectCodes(score: string, facts: string, expected: [code: string, marker: string][]): Promise<void> {
  const bloc = `bloc: branches
name: Khối
total: 10
facts:
${facts}
sections:
  - id: I
    name: Mục
    criteria:
      - id: I.1
        name: Tiêu chí
        max: 10
        score: ${score}
`;
  const { dir, cleanup } = rulesFolder(undefined, { 'branches.yaml': bloc });
  try {
    const { diagnostics } = await checkRules(dir);
    const actual = diagnostics.filter((d) => d.file.endsWith('branches.yaml')).map((d) => `${d.line}:${d.col} ${d.code}`);
    expect(actual).toEqual(expected.map(([code, marker]) => `${positionOf(bloc, marker)} ${code}`));
  } finally {
    cleanup();
  }
}


const steps = (...s: string[]) => `{ bands: { fact: x, steps: [${s.join(', ')}] } }`;
const UNREACHABLE = 'SCORECARD_BAND_UNREACHABLE';

describe('band steps: which can match', () => {
  const number = '  x: { label: X, type: number }';
  const integer = '  x: { label: X, type: integer }';
  const percent = '  x: { label: X, type: number, min: 0, max: 100 }';
  const boolean = '  x: { label: X, type: boolean }';

  it('a looser step before a stricter one makes the stricter unreachable', async () => {
    await expectCodes(steps('{ atMost: 5, points: 5 }', '{ atMost: 3, points: 10 }', '{ otherwise: 0 }'), number, [
      [UNREACHABLE, '{ atMost: 3'],
    ]);
  });

  it('on the reals, ≤ 3 and ≥ 4 leave a gap for otherwise; on integers they do not', async () => {
    const s = steps('{ atMost: 3, points: 10 }', '{ atLeast: 4, points: 5 }', '{ otherwise: 0 }');
    await expectCodes(s, number, []);
    await expectCodes(s, integer, [[UNREACHABLE, '{ otherwise']]);
  });

  it('≤ 3 then > 3 covers every number, so otherwise can never match', async () => {
    await expectCodes(steps('{ atMost: 3, points: 10 }', '{ above: 3, points: 5 }', '{ otherwise: 0 }'), number, [
      [UNREACHABLE, '{ otherwise'],
    ]);
  });

  it('< 3 then ≥ 3 covers every number too, and then otherwise may be left out', async () => {
    await expectCodes(steps('{ below: 3, points: 10 }', '{ atLeast: 3, points: 5 }'), number, []);
  });

  it('without otherwise, a gap (here: exactly 3) is an error at `steps`', async () => {
    await expectCodes(steps('{ below: 3, points: 10 }', '{ above: 3, points: 5 }'), number, [['SCORECARD_BAND_OTHERWISE', 'steps']]);
  });

  it('the declared range counts: ≥ 0 covers a percentage, and a step above its max never matches', async () => {
    await expectCodes(steps('{ atLeast: 95, points: 10 }', '{ atLeast: 0, points: 5 }'), percent, []);
    await expectCodes(steps('{ above: 100, points: 10 }', '{ otherwise: 0 }'), percent, [[UNREACHABLE, '{ above: 100']]);
  });

  it('equals on an integer with a fraction never matches (whatever the range); a repeated equals is unreachable', async () => {
    await expectCodes(steps('{ equals: 2.5, points: 10 }', '{ otherwise: 0 }'), integer, [[UNREACHABLE, '{ equals: 2.5']]);
    await expectCodes(steps('{ equals: 2, points: 10 }', '{ equals: 2, points: 5 }', '{ otherwise: 0 }'), integer, [
      [UNREACHABLE, '{ equals: 2, points: 5'],
    ]);
  });

  it('equals on a boolean: both values taken leave nothing for otherwise', async () => {
    await expectCodes(steps('{ equals: true, points: 10 }', '{ otherwise: 0 }'), boolean, []);
    await expectCodes(steps('{ equals: true, points: 10 }', '{ equals: false, points: 2 }', '{ otherwise: 0 }'), boolean, [
      [UNREACHABLE, '{ otherwise'],
    ]);
  });

  it('ordering comparisons need a number; equals needs a value of the fact\'s type', async () => {
    await expectCodes(steps('{ atLeast: 1, points: 10 }', '{ otherwise: 0 }'), '  x: { label: X, type: text }', [
      ['SCORECARD_FACT_TYPE', '1, points: 10'],
    ]);
    await expectCodes(steps('{ equals: "1", points: 10 }', '{ otherwise: 0 }'), number, [['SCORECARD_CONDITION_TYPE', '"1"']]);
  });
});

describe('other method checks', () => {
  const n = '  x: { label: X, type: number }\n  y: { label: Y, type: number }';
  const int = '  x: { label: X, type: integer }';

  it('rules may compare two facts of the same type, but not of different types', async () => {
    await expectCodes('{ rules: { mode: first, list: [{ points: 10, when: { fact: x, operator: lessThan, value: { fact: y } } }] } }', n, []);
    await expectCodes(
      '{ rules: { mode: first, list: [{ points: 10, when: { fact: x, operator: equal, value: { fact: b } } }] } }',
      `  x: { label: X, type: number }\n  b: { label: B, type: boolean }`,
      [['SCORECARD_CONDITION_TYPE', '{ fact: b }']],
    );
  });

  it('in / notIn take a list of values of the fact\'s type', async () => {
    await expectCodes(
      '{ rules: { mode: sum, list: [{ points: 10, when: { fact: x, operator: in, value: [1, 2] } }, { points: 1, when: { fact: y, operator: notIn, value: 3 } }] } }',
      n,
      [['SCORECARD_CONDITION_TYPE', '3 }']],
    );
  });

  it('json-rules-engine operators that need list facts do not fit a single value', async () => {
    await expectCodes(
      '{ rules: { mode: first, list: [{ points: 10, when: { all: [{ fact: x, operator: contains, value: 1 }, { fact: y, operator: lessThan, value: 1 }] } }] } }',
      n,
      [['SCORECARD_CONDITION_TYPE', 'contains']],
    );
  });

  it('deduct and count points above max are caught', async () => {
    await expectCodes('{ deduct: { fact: x, points: 12 } }', int, [['SCORECARD_POINTS_ABOVE_MAX', '12 }']]);
    await expectCodes('{ count: { fact: x, points: 11, per: 2 } }', int, [['SCORECARD_POINTS_ABOVE_MAX', '11, per']]);
    await expectCodes('{ count: { fact: x, points: 10, per: 2 } }', int, []);
  });

  it('a checklist adding up with fractions is accepted (no floating-point false alarm)', async () => {
    const facts = [...'abc'].map((f) => `  ${f}: { label: ${f}, type: boolean }`).join('\n');
    await expectCodes('{ checklist: { items: [{ fact: a, points: 3.3 }, { fact: b, points: 3.3 }, { fact: c, points: 3.4 }] } }', facts, []);
  });

  it('a criterion that breaks the schema is skipped, the rest of the file is still checked', async () => {
    await expectCodes('{ linear: { fact: x, zeroAt: 1, fullAt: "9" } }', `${n}\n  z: { label: Z, type: number, min: 5, max: 1 }`, [
      ['SCORECARD_FACT_RANGE', '5, max'],
      ['SCHEMA_TYPE', '"9"'],
    ]);
  });
});

describe('loading', () => {
  it('normalises Vietnamese text to NFC', async () => {
    const nfd = 'Điện lực Cầu Kè'.normalize('NFD');
    const units = `units:\n  - { id: VP, name: Văn phòng, bloc: departments }\n  - { id: DL-A, name: "${nfd}", bloc: branches }\n`;
    const { dir, cleanup } = rulesFolder(undefined, { 'units.yaml': units });
    try {
      const { rules } = await checkRules(dir);
      expect(rules?.units[1]?.name).toBe('Điện lực Cầu Kè'.normalize('NFC'));
      expect(rules?.units[1]?.name).not.toBe(nfd);
    } finally {
      cleanup();
    }
  });

  it('reads files with a byte-order mark and CRLF line ends at the right positions', async () => {
    const crlf = '\ufeffunits:\r\n  - { id: VP, name: Văn phòng, bloc: departments }\r\n  - { id: DL-A, name: A, bloc: nowhere }\r\n';
    const { dir, cleanup } = rulesFolder(undefined, { 'units.yaml': crlf });
    try {
      const { diagnostics } = await checkRules(dir);
      // Columns count characters of the line, without the mark or the CR.
      expect(diagnostics.map((d) => `${basename(d.file)}:${d.line}:${d.col} ${d.code}`)).toEqual([
        'scheme.yaml:11:22 SCORECARD_BLOC_NO_UNITS',
        'units.yaml:3:32 SCORECARD_UNKNOWN_BLOC',
      ]);
    } finally {
      cleanup();
    }
  });
});

describe('the shipped rules', () => {
  it('validate without a warning and use every scoring method, rules in both modes', async () => {
    const { rules, diagnostics } = await checkRules('rules');
    expect(diagnostics).toEqual([]);
    const criteria = rules!.blocs.flatMap((b) => placedCriteria(b).map((p) => p.criterion));
    expect(new Set(criteria.map((c) => methodOf(c.score)))).toEqual(new Set(METHODS));
    const modes = criteria.flatMap((c) => ('rules' in c.score ? [c.score.rules.mode] : []));
    expect(new Set(modes)).toEqual(new Set(['first', 'sum']));
  });

  it('hold the units the article names, in the four blocs', async () => {
    const { rules } = await checkRules('rules');
    const count = (bloc: string) => rules!.units.filter((u) => u.bloc === bloc).length;
    expect(rules!.scheme.blocs).toEqual(['direct-departments', 'indirect-departments', 'high-voltage-team', 'district-branches']);
    expect([count('direct-departments'), count('indirect-departments'), count('high-voltage-team'), count('district-branches')]).toEqual([7, 5, 1, 8]);
    const direct = rules!.blocs.find((b) => b.bloc === 'direct-departments')!;
    expect(Object.values(direct.facts).some((f) => f.from?.bloc === 'district-branches')).toBe(true);
  });
});

describe('docs/diagnostics.md', () => {
  it('explains every code, and no code that does not exist', () => {
    const doc = readFileSync('docs/diagnostics.md', 'utf8');
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(CODES).sort());
  });
});
