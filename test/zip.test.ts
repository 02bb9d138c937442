// Workbooks made in memory are zipped by Node's zlib, each part dated as the workbook: the same
// inputs give the same bytes, whenever they are written.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { scoreCommand } from '../src/cli/score.js';
import { ROOT } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { out: () => undefined, err: () => undefined, tty: false };

it('unit scorecards written at different times are the same bytes', { timeout: 60_000 }, async () => {
  const opts = { rules: join(ROOT, 'rules'), evidence: join(ROOT, 'samples', '2019-Q1'), previous: false as const, missing: 'error' as const, lang: 'vi' as const, workers: 1 };
  expect(await scoreCommand({ ...opts, out: join(dir, 'a') }, quiet)).toBe(0);
  // The zip format dates files to two seconds.
  await new Promise((resolve) => setTimeout(resolve, 2100));
  expect(await scoreCommand({ ...opts, out: join(dir, 'b') }, quiet)).toBe(0);
  const files = readdirSync(join(dir, 'a', 'units'));
  expect(files).toHaveLength(21);
  for (const f of files) expect(readFileSync(join(dir, 'b', 'units', f)).equals(readFileSync(join(dir, 'a', 'units', f))), f).toBe(true);
});
