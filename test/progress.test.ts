// Reading many evidence files shows its progress on a terminal, and nothing on a pipe.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { scoreCommand } from '../src/cli/score.js';

let root = '';
let evidence = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cchc-progress-'));
  // The sample quarter as 21 files, one per unit, as units that each send their own would.
  evidence = join(root, 'evidence');
  mkdirSync(evidence);
  for (const name of readdirSync('samples/2019-Q1')) {
    const data = parse(readFileSync(join('samples/2019-Q1', name), 'utf8')) as { quarter: string; units: Record<string, unknown> };
    for (const [id, unit] of Object.entries(data.units)) writeFileSync(join(evidence, `${id}.yaml`), stringify({ quarter: data.quarter, units: { [id]: unit } }));
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

async function score(tty: boolean, out: string): Promise<{ exit: number; err: string }> {
  const err: string[] = [];
  const exit = await scoreCommand(
    { rules: 'rules', evidence, out: join(root, out), missing: 'error', lang: 'en', unitFiles: false, letters: false, previous: false },
    { out: () => undefined, err: (t) => void err.push(t), tty },
  );
  return { exit, err: err.join('') };
}

describe('progress of reading the evidence', () => {
  it('a terminal sees each of the 21 files counted, and the line cleared at the end', async () => {
    const { exit, err } = await score(true, 'tty');
    expect(exit).toBe(0);
    expect(err).toContain('\rReading evidence [');
    expect(err).toContain('] 1/21');
    expect(err).toContain('] 21/21');
    expect(err).toContain('\r\x1b[K');
  });

  it('a pipe or a file gets none of it', async () => {
    const { exit, err } = await score(false, 'pipe');
    expect(exit).toBe(0);
    expect(err).toBe('');
  });
});
