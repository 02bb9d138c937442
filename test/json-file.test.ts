// results.json is written in pieces; it must be JSON.stringify(value, null, 2), character for character.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonPieces, writeJsonFile } from '../src/report/files/json-file.js';
import { ROOT } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('results.json in pieces', () => {
  it('is JSON.stringify(value, null, 2) for any JSON value, however nested', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 7 }), (value) => {
        expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500, seed: 20190331 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and writes null for it in lists', () => {
    const value = { a: undefined, b: [undefined, () => 1, 1], c: { d: () => 1 }, e: [], f: {}, g: [[[[{ h: 'x\ny' }]]]] };
    expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2));
  });

  it('writes a golden results.json back to the same bytes', async () => {
    const golden = join(ROOT, 'test', 'golden', '2019-Q1', 'results.json');
    const file = join(dir, 'results.json');
    await writeJsonFile(file, JSON.parse(readFileSync(golden, 'utf8')));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(golden, 'utf8'));
  });
});
