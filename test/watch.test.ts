// `cchc score --watch`: an edit to a scorecard is scored at once; a broken edit shows its problem
// and keeps the last good result on screen.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers/cli.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Resolves when `read()` matches `pattern`, polling; rejects after `ms`. */
async function until(read: () => string, pattern: RegExp, ms = 15_000): Promise<string> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const text = read();
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern}:\n${read()}`);
}

describe('cchc score --watch', () => {
  it('rescores after an edit, and keeps the last good result when an edit breaks the rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-watch-'));
    temps.push(dir);
    const rules = join(dir, 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const child = spawn(process.execPath, [CLI, 'score', '--watch', '--rules', rules, '--evidence', 'samples/2019-Q1', '--out', join(dir, 'out', '2019-Q1'), '--lang', 'en'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await until(() => output, /first run — done/);
      expect(output).toMatch(/DL-CAUKE {2}Điện lực Cầu Kè +73\.37 {2}Khá/);
      // I.2: 3.8 days no longer reaches "≤ 3.5 → 4", so 2; Cầu Kè: 65.5 of 92 → 71.20.
      const file = join(rules, 'district-branches.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('- { atMost: 4, points: 4 }', '- { atMost: 3.5, points: 4 }'));
      await until(() => output, /changed: .*district-branches\.yaml — done/);
      expect(output.slice(output.lastIndexOf('first run'))).toMatch(/DL-CAUKE {2}Điện lực Cầu Kè +71\.20 {2}Khá/);
      expect(JSON.parse(readFileSync(join(dir, 'out', '2019-Q1', 'results.json'), 'utf8')).blocs[3].units.find((u: { id: string }) => u.id === 'DL-CAUKE').score).toBe(71.2);
      const before = output.length;
      appendFileSync(file, 'broken: [\n');
      const after = await until(() => output.slice(before), /problems found/);
      expect(after).toMatch(/district-branches\.yaml:\d+:\d+ error YAML_SYNTAX /);
      expect(after).toContain('The result above is from the last good run');
      expect(after).toMatch(/DL-CAUKE {2}Điện lực Cầu Kè +71\.20 {2}Khá/);
    } finally {
      child.kill();
    }
  }, 40_000);

  it('rescores when the appraisal beside the evidence changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-watch-'));
    temps.push(dir);
    cpSync(join(ROOT, 'samples', '2019-Q2'), join(dir, '2019-Q2'), { recursive: true });
    cpSync(join(ROOT, 'samples', 'appraisal'), join(dir, 'appraisal'), { recursive: true });
    const child = spawn(process.execPath, [CLI, 'score', '--watch', '--evidence', join(dir, '2019-Q2'), '--out', join(dir, 'out', '2019-Q2'), '--no-previous', '--lang', 'en'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await until(() => output, /first run — done/);
      // The sample appraisal: DL-CAUKE 88.18 of its own, 86.68 appraised (golden-samples.test.ts).
      expect(output).toMatch(/DL-CAUKE {2}Điện lực Cầu Kè +88\.18 +86\.68 +−1\.50/);
      // II.4 back to the unit's 3.5: 88.18 appraised too.
      const file = join(dir, 'appraisal', '2019-Q2.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('II.4: { points: 2,', 'II.4: { points: 3.5,'));
      await until(() => output, /changed: .*2019-Q2\.yaml — done/);
      expect(output.slice(output.indexOf('first run — done'))).toMatch(/DL-CAUKE {2}Điện lực Cầu Kè +88\.18 +88\.18 /);
    } finally {
      child.kill();
    }
  }, 40_000);
});
