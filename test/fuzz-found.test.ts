/** Bugs the fuzz tests (test/fuzz.test.ts) found, each pinned by its smallest input. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuarter } from '../src/cli/quarter.js';
import { compileBloc } from '../src/compile/compile-bloc.js';
import { evaluateUnit } from '../src/evaluate/evaluate-unit.js';
import { checkRules, loadTestFiles, runScorecardTests, scoreQuarter, validateTestFile } from '../src/index.js';
import { roundHalfUp } from '../src/model/round.js';
import type { Criterion } from '../src/model/scorecard.js';
import { BASE_RULES, FIXTURES, rulesFolder } from './helpers/fixtures.js';

describe('roundHalfUp far from the decimal point', () => {
  it('gives a number, never NaN, where the shifted value is written with an exponent (1e21 and up)', () => {
    // deduct and count divide by `per` and round to 9 places: 1e12 occurrences shift to 1e21.
    expect(roundHalfUp(1e12, 9)).toBe(1e12);
    expect(roundHalfUp(9007199254740991, 9)).toBe(9007199254740000); // cut to 12 significant digits first, as documented
    expect(roundHalfUp(1e19, 2)).toBe(1e19);
    expect(roundHalfUp(-1e300, 2)).toBe(-1e300);
    expect(roundHalfUp(Infinity, 9)).toBe(Infinity); // x / per with a tiny per
  });

  it('scores deduct and count on a huge count, or with a tiny per, within [0, max]', async () => {
    const points = async (score: Criterion['score'], n: number) => {
      const bloc = { bloc: 'b', name: 'B', total: 10, facts: {}, sections: [{ id: 'I', name: 'I', criteria: [{ id: 'I.1', name: 'c', max: 10, score }] }] };
      return (await evaluateUnit(compileBloc(bloc), { facts: { n }, manual: {}, notApplicable: [] }, 2)).criteria[0]!.points;
    };
    // Were NaN, which results.json writes as null.
    expect(await points({ deduct: { fact: 'n', points: 1, floor: 2 } }, 1e12)).toBe(2);
    expect(await points({ count: { fact: 'n', points: 1 } }, 1e12)).toBe(10);
    expect(await points({ count: { fact: 'n', points: 1, per: 5e-324 } }, 1)).toBe(10);
  });
});

describe('facts named like the properties every object inherits', () => {
  const text = (file: string) => readFileSync(join(BASE_RULES, file), 'utf8');

  it('scores a fact named __proto__ and reports a computed fact named constructor with its value', async () => {
    const { dir, cleanup } = rulesFolder(undefined, {
      'branches.yaml': text('branches.yaml').replaceAll('saving', '__proto__'),
      'departments.yaml': text('departments.yaml').replaceAll('branches_mean', 'constructor'),
    });
    // In a subfolder: every YAML file beside the rules is read as a bloc.
    const evidence = join(dir, 'evidence', '2019-Q1.yaml');
    try {
      mkdirSync(join(dir, 'evidence'));
      writeFileSync(evidence, readFileSync(join(FIXTURES, 'evidence', 'base-2019-Q1.yaml'), 'utf8').replaceAll('saving', '__proto__'));
      const quarter = await loadQuarter({ rules: dir, evidence, missing: 'error' });
      expect(quarter.problems.map((d) => `${d.code} ${JSON.stringify(d.params)}`)).toEqual([]);
      // Threw "Undefined fact: __proto__": the value was assigned, which sets a prototype, not a fact.
      const results = await scoreQuarter(quarter.checked.rules!, quarter.evidence!, quarter.missing, quarter.digest!);
      const [departments, branches] = results.blocs;
      // DL-A: floor(4.2) = 4 → T.1 capped at 3, as in test/score.test.ts.
      expect(branches!.units.find((u) => u.id === 'DL-A')!.bonus).toBe(3);
      // Was the Object constructor, read off the prototype of the unit's own (empty) facts.
      expect(departments!.units[0]!.criteria.find((c) => c.id === 'T.1')!.facts).toEqual({ constructor: { value: 75.53, source: 'mean(branches.score)' } });
    } finally {
      cleanup();
    }
  });

  it('runs a scorecard test case on a fact named __proto__ (cchc test had the same bug)', async () => {
    const { dir, cleanup } = rulesFolder(undefined, { 'branches.yaml': text('branches.yaml').replaceAll('saving', '__proto__') });
    try {
      mkdirSync(join(dir, 'tests'));
      writeFileSync(join(dir, 'tests', 'branches.yaml'), 'bloc: branches\ncases:\n  - name: saving\n    facts: { __proto__: 4.2 }\n    expect: { T.1: 3 }\n');
      const { rules } = await checkRules(dir);
      const [file] = (await loadTestFiles(dir)).files;
      const { cases, diagnostics } = validateTestFile(file!, rules!);
      expect(diagnostics).toEqual([]);
      const [outcome] = await runScorecardTests(rules!, cases, 'en');
      expect(outcome!.failures).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
