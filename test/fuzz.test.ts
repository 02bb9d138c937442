/**
 * Fuzzing the pipeline the CLI runs (src/cli/quarter.ts, then scoreQuarter) with generated
 * scorecard folders and evidence files, valid and broken: nothing throws, every diagnostic is
 * located, and whatever validates scores by the rules of docs/scorecard-language.md §6.
 * `npm test` runs a few runs on a fixed seed; `npm run fuzz` runs many (FUZZ_RUNS, FUZZ_SEED).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadQuarter } from '../src/cli/quarter.js';
import { checkRules, scoreQuarter, type Rules } from '../src/index.js';
import { evidenceCase, evidenceFor, type EvidenceCase } from './helpers/fuzz-evidence.js';
import { expectLocated, expectScoredWell } from './helpers/fuzz-invariants.js';
import { picker } from './helpers/fuzz-pick.js';
import { brokenFolder, toTexts, validFolder, validFolderData } from './helpers/fuzz-scorecard.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20190331);
if (!Number.isInteger(RUNS) || RUNS < 1 || !Number.isInteger(SEED)) throw new Error('FUZZ_RUNS must be a positive integer and FUZZ_SEED an integer');
/** Time for a test of `runs` runs at worst `ms` each: long runs must not hit vitest's 5 s default. */
const timeout = (runs: number, ms: number) => Math.max(20_000, runs * ms);
/**
 * fast-check's settings for `runs` runs: the seed, and a time limit short of the test's own, so a
 * failure still long in shrinking is reported with its smallest input so far, not as a timeout.
 */
const settings = (runs: number, ms: number) => ({
  seed: SEED,
  numRuns: Math.max(1, Math.round(runs)),
  interruptAfterTimeLimit: timeout(runs, ms) - 5_000,
  markInterruptAsFailure: true,
});

const root = mkdtempSync(join(tmpdir(), 'cchc-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let made = 0;

/** Runs `use` on a fresh folder holding `files`, removed afterwards: thousands of runs leave nothing behind. */
async function inFolder<T>(files: Record<string, string | Uint8Array>, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = join(root, String(made++));
  mkdirSync(dir);
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The share of runs that got past validation, so a generator that stopped producing valid input is noticed. */
class Tally {
  runs = 0;
  passed = 0;
  constructor(private readonly name: string) {}
  count(ok: boolean): void {
    this.runs++;
    if (ok) this.passed++;
  }
  get share(): number {
    return this.runs === 0 ? 0 : this.passed / this.runs;
  }
  /** Said on a long run (FUZZ_RUNS set), which is when someone reads it. */
  report(): void {
    if (process.env.FUZZ_RUNS) console.info(`${this.name}: ${this.passed} of ${this.runs} runs valid (${Math.round(this.share * 100)} %)`);
  }
}

describe('fuzz: scorecard folders', () => {
  it('a generated valid folder validates without a word', async () => {
    await fc.assert(
      fc.asyncProperty(validFolder(), async (files) => {
        const checked = await inFolder(files, checkRules);
        expect(checked.diagnostics).toEqual([]);
        expect(checked.rules).toBeDefined();
      }),
      settings(RUNS, 100),
    );
  }, timeout(RUNS, 100));

  it('on a broken folder, checkRules never throws, locates every diagnostic, and gives rules exactly when there is no error', async () => {
    const tally = new Tally('broken scorecard folders');
    await fc.assert(
      fc.asyncProperty(brokenFolder(), async (files) => {
        const checked = await inFolder(files, checkRules);
        expectLocated(checked.diagnostics, checked.sources);
        const errors = checked.diagnostics.some((d) => d.severity === 'error');
        expect(checked.rules === undefined).toBe(errors);
        tally.count(!errors);
      }),
      settings(RUNS * 2, 100),
    );
    tally.report();
    // Most mutations must break something, or the property tests little of the validator.
    expect(tally.share).toBeLessThan(0.5);
  }, timeout(RUNS * 2, 100));
});

/** Loads rules and evidence as `cchc score` does, scores what validates twice, and checks it all. */
async function scoreCase(rulesDir: string, evidence: EvidenceCase, tally: Tally): Promise<void> {
  const quarter = await inFolder(evidence.files, (dir) =>
    loadQuarter({ rules: rulesDir, evidence: evidence.single ? join(dir, evidence.single) : dir, quarter: evidence.quarter, missing: evidence.missing }),
  );
  expect(quarter.checked.rules).toBeDefined();
  expectLocated(quarter.problems, quarter.sources);
  const errors = quarter.problems.some((d) => d.severity === 'error');
  expect(quarter.evidence === undefined).toBe(errors);
  // Evidence without a fault must pass: a refusal there is the validator's mistake (or the generator's).
  if (evidence.clean) expect(quarter.problems.filter((d) => d.severity === 'error')).toEqual([]);
  tally.count(quarter.evidence !== undefined);
  if (!quarter.evidence) return;
  const rules = quarter.checked.rules!;
  const results = await scoreQuarter(rules, quarter.evidence, quarter.missing, quarter.digest!);
  expectScoredWell(rules, quarter.evidence, quarter.missing, results);
  const again = await scoreQuarter(rules, quarter.evidence, quarter.missing, quarter.digest!);
  expect(JSON.stringify(again)).toBe(JSON.stringify(results));
}

describe('fuzz: evidence', () => {
  it('against the shipped rules: loading never throws, diagnostics are located, what validates scores by the rules', async () => {
    const { rules } = await checkRules('rules');
    const tally = new Tally('evidence for the shipped rules');
    await fc.assert(
      fc.asyncProperty(evidenceFor(rules!), (evidence) => scoreCase('rules', evidence, tally)),
      settings(RUNS / 3, 400),
    );
    tally.report();
    expect(tally.share).toBeGreaterThan(0.25);
  }, timeout(RUNS / 3, 400));

  it('against generated scorecards: the same', async () => {
    const tally = new Tally('evidence for generated scorecards');
    const cases = fc.gen().map((g) => {
      const p = picker(g);
      const data = validFolderData(p);
      const rules = rulesOf(data);
      return { rules: toTexts(p, data), evidence: evidenceCase(p, rules) };
    });
    await fc.assert(
      fc.asyncProperty(cases, ({ rules, evidence }) => inFolder(rules, (dir) => scoreCase(dir, evidence, tally))),
      settings(RUNS, 200),
    );
    tally.report();
    expect(tally.share).toBeGreaterThan(0.25);
  }, timeout(RUNS, 200));
});

/** The rules a generated valid folder stands for, as validation would return them. */
function rulesOf(data: Record<string, Record<string, unknown>>): Rules {
  const scheme = data['scheme.yaml'] as unknown as Rules['scheme'];
  const blocs = Object.values(data).filter((d) => typeof d.bloc === 'string') as unknown as Rules['blocs'];
  return {
    scheme: { ...scheme, precision: scheme.precision ?? 2 },
    units: (data['units.yaml'] as { units: Rules['units'] }).units,
    blocs: scheme.blocs.map((id) => blocs.find((b) => b.bloc === id)!),
  };
}
