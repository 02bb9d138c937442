import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRules } from '../src/index.js';
import { FIXTURES, rulesFolder } from './helpers/fixtures.js';

// One folder per case under test/fixtures/validate/: the files it changes in _base/, and
// expected.txt listing every diagnostic as `file:line:col CODE`, in order.
const ROOT = join(FIXTURES, 'validate');
const cases = readdirSync(ROOT).filter((name) => !name.startsWith('_'));

describe('validate: broken scorecards', () => {
  it('has a case for every kind of problem the issue lists (at least 25)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it('accepts the base every case starts from', async () => {
    const { dir, cleanup } = rulesFolder();
    try {
      const result = await checkRules(dir);
      expect(result.diagnostics).toEqual([]);
      expect(result.rules?.blocs.map((b) => b.bloc)).toEqual(['departments', 'branches']);
    } finally {
      cleanup();
    }
  });

  it.each(cases)('%s', async (name) => {
    const expected = readFileSync(join(ROOT, name, 'expected.txt'), 'utf8').trim().split('\n');
    const { dir, cleanup } = rulesFolder(join(ROOT, name));
    try {
      const result = await checkRules(dir);
      const actual = result.diagnostics.map((d) => `${relative(dir, d.file)}:${d.line}:${d.col} ${d.code}`);
      expect(actual).toEqual(expected);
      const errors = result.diagnostics.some((d) => d.severity === 'error');
      expect(result.rules === undefined).toBe(errors);
    } finally {
      cleanup();
    }
  });
});
