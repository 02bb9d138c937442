import { describe, expect, it } from 'vitest';
import { cchc } from './helpers/cli.js';
import { rulesFolder } from './helpers/fixtures.js';

describe('cchc validate', () => {
  it('passes the shipped rules with a one-line summary and no warning', () => {
    const r = cchc(['validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('rules: hợp lệ — 4 khối, 21 đơn vị, 57 tiêu chí, 70 chỉ số\n');
  });

  it('speaks English when asked', () => {
    expect(cchc(['validate', '--lang', 'en']).stdout).toBe('rules: valid — 4 blocs, 21 units, 57 criteria, 70 facts\n');
  });

  it('exits 1 and lists every problem with an excerpt and a caret', () => {
    const { dir, cleanup } = rulesFolder(undefined, {
      'branches.yaml': `bloc: branches
name: Khối các Điện lực
total: 100
facts:
  lv_days: { label: Thời gian, type: number }
sections:
  - id: I
    name: Chỉ tiêu
    criteria:
      - { id: I.1, name: Cấp điện, max: 90, score: { linear: { fact: lv_day, zeroAt: 7, fullAt: 3 } } }
`,
    });
    try {
      const r = cchc(['validate', '--rules', dir, '--lang', 'en']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n');
      expect(lines[0]).toMatch(/branches\.yaml:3:8 error SCORECARD_MAX_MISMATCH sections add up to 90, total is 100$/);
      expect(lines[1]).toBe('    3 | total: 100');
      expect(lines[2]).toBe('      |        ^');
      expect(r.stderr).toMatch(/branches\.yaml:10:70 error SCORECARD_UNKNOWN_FACT .*did you mean "lv_days"\?/);
      expect(r.stderr).toMatch(/branches\.yaml:5:3 warning SCORECARD_UNUSED_FACT/);
      expect(lines.at(-2)).toBe('2 error(s), 1 warning(s)');
    } finally {
      cleanup();
    }
  });

  it('exits 2 on wrong usage', () => {
    expect(cchc(['validate', '--rules', 'no/such/folder']).code).toBe(2);
    expect(cchc(['validate', '--lang', 'fr']).code).toBe(2);
    expect(cchc(['no-such-command']).code).toBe(2);
    expect(cchc(['--help']).code).toBe(0);
  });
});
