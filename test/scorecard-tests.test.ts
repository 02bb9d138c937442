// `cchc test`: the scorecard's own test cases, on the base fixture rules. Expected figures by hand:
// branches I.2 = 30 × (8.37 − 7) / (9 − 7) = 20.55; T.1 = floor(4.2) × 1 = 4, capped at 3;
// TR.1 with overdue 3: 3 > 0 gives 2, not(3 < 3) gives 3, sum 5; departments T.1 =
// 5 × (72.91 − 50) / (100 − 50) = 2.291 → 2.29.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cchc, positionOf } from './helpers/cli.js';
import { rulesFolder } from './helpers/fixtures.js';

const PASSING = `bloc: branches
cases:
  - name: a whole unit, by hand
    facts: { lv_days: 3, satisfaction: 8.37, posted: true, hotline: false, overdue: 3, saving: 4.2 }
    expect: { I.1: 40, I.2: 20.55, II.1: 20, base: 80.55, bonus: 3, penalty: 5, score: 78.55, grade: Khá }
`;

const DEPARTMENTS = `bloc: departments
cases:
  - name: the branches' mean gives the bonus
    facts: { branches_mean: 72.91 }
    expect: { T.1: 2.29, bonus: 2.29 }
  - name: a wrong expectation
    facts: { tasks_on_time: 95 }
    expect: { I.1: 30 }
  - name: a fact left out
    facts: { tasks_on_time: 95 }
    expect: { I.1: 40, I.2: 20 }
  - name: a key that is not a criterion
    facts: { tasks_on_time: 95 }
    expect: { I.9: 40 }
`;

function withTests(files: Record<string, string>) {
  const folder = rulesFolder();
  mkdirSync(join(folder.dir, 'tests'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder.dir, 'tests', name), text);
  return folder;
}

describe('cchc test', () => {
  it('passes, fails and refuses cases, each at its place; the last line counts them', () => {
    const { dir, cleanup } = withTests({ 'a.yaml': PASSING, 'b.yaml': DEPARTMENTS });
    try {
      const r = cchc(['test', '--rules', dir, '--lang', 'en']);
      const a = join(dir, 'tests', 'a.yaml');
      const b = join(dir, 'tests', 'b.yaml');
      expect(r.code).toBe(1);
      const out = r.stdout.trimEnd().split('\n');
      expect(out.at(-1)).toBe('2 passed, 3 failed');
      expect(out).toContain(`✓ ${a}:${positionOf(PASSING, 'a whole unit')}  a whole unit, by hand`);
      expect(out).toContain(`✓ ${b}:${positionOf(DEPARTMENTS, "the branches'")}  the branches' mean gives the bonus`);
      expect(out).toContain(`✗ ${b}:${positionOf(DEPARTMENTS, 'a wrong expectation')}  a wrong expectation`);
      expect(out).toContain(`    ${b}:${positionOf(DEPARTMENTS, '30 }')}  I.1: expected 30, got 40 — Tỷ lệ nhiệm vụ hoàn thành đúng hạn 95% ≥ 95 → 40/40 points`);
      expect(r.stderr).toContain(`${b}:${positionOf(DEPARTMENTS, 'a fact left out')} error TEST_MISSING the case checks I.2 but does not give fact "has_plan"`);
      expect(r.stderr).toContain(`${b}:${positionOf(DEPARTMENTS, 'I.9')} error TEST_EXPECT "I.9" is not a criterion`);
    } finally {
      cleanup();
    }
  });

  it('a case that breaks the schema stops only itself; a file without cases counts as one failure', () => {
    const broken = PASSING + `  - name: a case with a null fact
    facts: { lv_days: ~ }
    expect: { I.1: 40 }
`;
    const { dir, cleanup } = withTests({ 'a.yaml': broken, 'b.yaml': 'bloc: branches\ncases: []\n' });
    try {
      const r = cchc(['test', '--rules', dir, '--lang', 'en']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('✓ ');
      expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 2 failed');
      expect(r.stderr).toContain(`${join(dir, 'tests', 'a.yaml')}:${positionOf(broken, '~')} error SCHEMA_TYPE `);
    } finally {
      cleanup();
    }
  });

  it('no test case at all is not a pass', () => {
    const { dir, cleanup } = rulesFolder();
    try {
      const r = cchc(['test', '--rules', dir, '--lang', 'en']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('no test cases in');
      expect(r.stdout).toBe('0 passed, 0 failed\n');
    } finally {
      cleanup();
    }
  });

  it('exits 0 when every case passes', () => {
    const { dir, cleanup } = withTests({ 'a.yaml': PASSING });
    try {
      const r = cchc(['test', '--rules', dir]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    } finally {
      cleanup();
    }
  });

  it('--coverage lists what no case reaches, at its place in the scorecard, and the share per bloc', () => {
    const { dir, cleanup } = withTests({ 'a.yaml': PASSING });
    try {
      const r = cchc(['test', '--rules', dir, '--coverage', '--lang', 'en']);
      const branches = join(dir, 'branches.yaml');
      const lines = r.stdout.split('\n');
      // branches: 5 criteria, all reached; I.1 rule 1 yes, rule 2 no; checklist item 1 yes, item 2
      // no (hotline false); TR.1 rules 1 and 2 yes: 9 of 11. departments: 5 criteria, 3 band
      // steps and a deduction, none reached: 0 of 9.
      expect(lines).toContain('  branches: 81.8 % (9/11)');
      expect(lines).toContain('  departments: 0 % (0/9)');
      expect(lines.some((l) => l.startsWith(`    ${branches}:`) && l.endsWith('I.1 rule 2: no case reaches it'))).toBe(true);
      expect(lines.some((l) => l.startsWith(`    ${branches}:`) && l.endsWith('II.1 item 2: no case reaches it'))).toBe(true);
      expect(lines.at(-2)).toBe('1 passed, 0 failed');
    } finally {
      cleanup();
    }
  });
});

describe('the shipped rules', () => {
  it('pass their own tests with every criterion, band step, rule, item and deduction reached', () => {
    const r = cchc(['test', '--coverage', '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    const blocs = lines.filter((l) => /^ {2}[a-z-]+: /.test(l));
    expect(blocs).toHaveLength(4);
    for (const l of blocs) expect(l).toMatch(/: 100 % \((\d+)\/\1\)$/);
  });
});
