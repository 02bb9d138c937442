// The benchmark at N = 20, for correctness only (its timings are not asserted): the pipeline and
// the command it times give the same results.json, byte for byte, as `cchc score` on the same files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cchc, ROOT } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-test-'));
const commandDir = mkdtempSync(join(tmpdir(), 'cchc-bench-command-'));
afterAll(() => [dir, commandDir].forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run bench', () => {
  it('times the real pipeline: its results equal a cchc score run on the generated scheme', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'measure.mjs'), '20', 'pipeline', '--keep', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(Object.keys(line.timings)).toEqual(['load', 'compile', 'evaluate', 'rank', 'results', 'ranking', 'units', 'letters', 'total']);
    const score = cchc(['score', '--rules', join(dir, 'rules'), '--evidence', join(dir, 'evidence'), '--out', join(dir, 'cli')]);
    expect(score.code, score.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'results.json'), 'utf8')).toBe(readFileSync(join(dir, 'cli', 'results.json'), 'utf8'));
 }, 60_000);

  it('times the score command as a whole: the same results.json, every unit scorecard and letter', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'measure.mjs'), '20', 'command', '--keep', commandDir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(Object.keys(line.timings)).toEqual(['command']);
    expect(readFileSync(join(commandDir, 'out', 'results.json'), 'utf8')).toBe(readFileSync(join(dir, 'cli', 'results.json'), 'utf8'));
    expect(readdirSync(join(commandDir, 'out', 'units'))).toHaveLength(20);
    expect(readdirSync(join(commandDir, 'out', 'letters'))).toHaveLength(20);
 }, 60_000);

  it('the generated scheme uses every scoring method and validates without a warning', () => {
    const v = cchc(['validate', '--rules', join(dir, 'rules')]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    const text = readFileSync(join(dir, 'rules', 'branches.yaml'), 'utf8');
    for (const method of ['bands:', 'linear:', 'deduct:', 'count:', 'check:', 'checklist:', 'mode: first', 'mode: sum', 'manual:']) expect(text).toContain(method);
  });
});
