import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { cchc, positionOf, ROOT } from './helpers/cli.js';
import { BASE_RULES, FIXTURES } from './helpers/fixtures.js';

const EVIDENCE = join(FIXTURES, 'evidence', 'base-2019-Q1.yaml');
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-score-'));
  temps.push(dir);
  return dir;
}

describe('cchc score on the base rules, worked by hand', () => {
  it('scores, ranks and grades every unit', () => {
    const out = join(tempDir(), 'out');
    const r = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const [departments, branches] = results.blocs;
    // Branches first (departments read their mean).
    // DL-A: I.1 3 ≤ 3 → 40; I.2 30 × (8.37 − 7) / 2 = 20.55; II.1 20 + 10 = 30 → base 90.55;
    //       T.1 floor(4.2) = 4 → capped 3; TR.1 3 > 0 → 2, not(3 < 3) → 3 → 5; score 88.55, Khá.
    // DL-B: I.1 4 ≤ 5 → 20; I.2 30 × 1.5 / 2 = 22.5; II.1 20 → base 62.5; T.1 0; TR.1 0; 62.5, Yếu.
    expect(branches.units.map((u: { id: string; rank: number; score: number; grade: string }) => [u.id, u.rank, u.score, u.grade])).toEqual([
      ['DL-A', 1, 88.55, 'Khá'],
      ['DL-B', 2, 62.5, 'Yếu'],
    ]);
    // Mean branch score (88.55 + 62.5) / 2 = 75.525 → 75.53; T.1 = 5 × (75.53 − 50) / 50 = 2.553 → 2.55.
    // VP: I.1 95 ≥ 95 → 40; I.2 20; II.1 30 − 10 = 20; II.2 8 → 88; + 2.55 = 90.55, Xuất sắc.
    // KD: I.1 90 ≥ 80 → 30; I.2 20; II.1 30; II.2 10 → 90; + 2.55 = 92.55, Xuất sắc.
    expect(departments.units.map((u: { id: string; rank: number; score: number; grade: string }) => [u.id, u.rank, u.score, u.grade])).toEqual([
      ['KD', 1, 92.55, 'Xuất sắc'],
      ['VP', 2, 90.55, 'Xuất sắc'],
    ]);
    const vp = departments.units[1];
    expect(vp.criteria.find((c: { id: string }) => c.id === 'T.1').facts).toEqual({
      branches_mean: { value: 75.53, source: 'mean(branches.score)' },
    });
    expect(vp.criteria[0].facts).toEqual({ tasks_on_time: { value: 95, source: 'Báo cáo tiến độ số 12/BC-VP' } });
    expect(results.rulesDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('gives the same bytes every run', () => {
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', a]);
    cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', b]);
    expect(readFileSync(join(a, 'results.json'))).toEqual(readFileSync(join(b, 'results.json')));
  });

  it.each(['2019-Q1', '2019-Q2'])('runs on the shipped samples of %s as the README says, results following their schema', (quarter) => {
    const out = join(tempDir(), quarter);
    const r = cchc(['score', '--evidence', `samples/${quarter}`, '--out', out]);
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const ajv = new Ajv2020.default({ allErrors: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'results.schema.json'), 'utf8')));
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    expect(results.quarter).toBe(quarter);
  });
});

describe('order does not matter', () => {
  it('splitting the evidence into files named in another order gives the same bytes', () => {
    const dir = tempDir();
    const names = readdirSync(join(ROOT, 'samples', '2019-Q1')).sort();
    // Reverse the reading order by name, so every bloc's file is read in another place.
    names.forEach((name, i) => copyFileSync(join(ROOT, 'samples', '2019-Q1', name), join(dir, `${names.length - i}-${name}`)));
    // results.json only: the other outputs are made from it.
    cchc(['score', '--evidence', dir, '--out', join(dir, 'shuffled'), '--no-unit-files', '--no-letters']);
    cchc(['score', '--evidence', 'samples/2019-Q1', '--out', join(dir, 'plain'), '--no-unit-files', '--no-letters']);
    expect(readFileSync(join(dir, 'shuffled', 'results.json'))).toEqual(readFileSync(join(dir, 'plain', 'results.json')));
  });
});

describe('bad evidence: every problem at its place, nothing written', () => {
  const base = readFileSync(EVIDENCE, 'utf8');
  const cases: [name: string, edit: (t: string) => string, code: string, marker: string][] = [
    ['unknown unit', (t) => t.replace('  DL-B:', '  DL-C:'), 'EVIDENCE_UNKNOWN_UNIT', 'DL-C:'],
    ['wrong type', (t) => t.replace('violations: 0', 'violations: "không"'), 'EVIDENCE_TYPE', '"không"'],
    ['fraction for an integer', (t) => t.replace('overdue: 0', 'overdue: 1.5'), 'EVIDENCE_TYPE', '1.5'],
    ['out of range', (t) => t.replace('satisfaction: 8.5', 'satisfaction: 11'), 'EVIDENCE_RANGE', '11'],
    ['undeclared fact', (t) => t.replace('      saving: 0.8', '      saving: 0.8\n      savings: 1'), 'EVIDENCE_UNKNOWN_FACT', 'savings'],
    ['computed fact given', (t) => t.replace('      has_plan: true\n    manual:\n      II.2: { points: 8', '      has_plan: true\n      branches_mean: 90\n    manual:\n      II.2: { points: 8'), 'EVIDENCE_UNKNOWN_FACT', 'branches_mean'],
    ['manual above max', (t) => t.replace('points: 10, note', 'points: 12, note'), 'EVIDENCE_MANUAL', '12, note'],
    ['manual without note', (t) => t.replace('{ points: 10, note: "Tham mưu rất tốt" }', '{ points: 10 }'), 'SCHEMA_MISSING_KEY', '{ points: 10 }'],
    ['not applicable not allowed', (t) => t.replace('      saving: 0.8', '      saving: 0.8\n    not_applicable: [I.2]'), 'EVIDENCE_NOT_APPLICABLE', 'I.2]'],
    ['bad quarter', (t) => t.replace('quarter: 2019-Q1', 'quarter: 2019-Q5'), 'SCHEMA_PATTERN', '2019-Q5'],
    ['missing fact', (t) => t.replace('      hotline: false\n', ''), 'EVIDENCE_MISSING', 'DL-B:'],
    ['missing manual points', (t) => t.replace('    manual:\n      II.2: { points: 10, note: "Tham mưu rất tốt" }\n', ''), 'EVIDENCE_MISSING', 'KD:'],
  ];

  it.each(cases)('%s', (_name, edit, code, marker) => {
    const dir = tempDir();
    const text = edit(base);
    const file = join(dir, 'q.yaml');
    writeFileSync(file, text);
    const out = join(dir, 'out');
    const r = cchc(['score', '--rules', BASE_RULES, '--evidence', file, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:${positionOf(text, marker)} error ${code} `);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['a null value', (t: string) => t.replace('satisfaction: 8.5', 'satisfaction: null'), 'SCHEMA_TYPE', 'null'],
    ['a value of the wrong type', (t: string) => t.replace('satisfaction: 8.5', 'satisfaction: cao'), 'EVIDENCE_TYPE', 'cao'],
  ])('%s is reported once, not also as missing evidence', (_name, edit, code, marker) => {
    const dir = tempDir();
    const text = edit(base);
    const file = join(dir, 'q.yaml');
    writeFileSync(file, text);
    const r = cchc(['score', '--rules', BASE_RULES, '--evidence', file, '--out', join(dir, 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => / error /.test(l))).toEqual([
      expect.stringContaining(`${file}:${positionOf(text, marker)} error ${code} `),
    ]);
  });

  it('an output path that cannot be written is a clear error, not a stack trace', () => {
    const dir = tempDir();
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    const r = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', blocker]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cchc: không ghi được ${join(blocker, 'results.json')}: EEXIST`);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('evidence for another quarter than --quarter', () => {
    const dir = tempDir();
    const r = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--quarter', '2019-Q2', '--out', join(dir, 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${EVIDENCE}:2:10 error EVIDENCE_QUARTER `);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--quarter', '2019-5']).code).toBe(2);
  });

  it('a unit in two files, and a unit in none, are both reported', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), base);
    writeFileSync(join(dir, 'b.yaml'), 'quarter: 2019-Q1\nunits:\n  VP:\n    facts: { tasks_on_time: 95, violations: 1, has_plan: true }\n    manual: { II.2: { points: 8, note: "x" } }\n');
    writeFileSync(join(dir, 'a.yaml'), base.replace(/  KD:\n[\s\S]*?(?=  DL-A:)/, ''));
    const r = cchc(['score', '--rules', BASE_RULES, '--evidence', dir, '--out', join(dir, 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/b\.yaml:3:3 error EVIDENCE_UNIT_TWICE unit "VP"/);
    expect(r.stderr).toMatch(/units\.yaml:3:11 error EVIDENCE_UNIT_MISSING unit "KD"/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--missing zero scores what lacks a value 0 and marks it', () => {
    const dir = tempDir();
    const file = join(dir, 'q.yaml');
    writeFileSync(file, base.replace('      hotline: false\n', '').replace('{ points: 10, note: "Tham mưu rất tốt" }', '{ note: "chưa chấm" }'));
    const out = join(dir, 'out');
    expect(cchc(['score', '--rules', BASE_RULES, '--evidence', file, '--out', out, '--missing', 'zero']).code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const dlB = results.blocs[1].units.find((u: { id: string }) => u.id === 'DL-B');
    expect(dlB.criteria.find((c: { id: string }) => c.id === 'II.1')).toMatchObject({ status: 'missing', points: 0 });
    expect(dlB.base).toBe(42.5); // 20 + 22.5 + 0
    // A manual entry with a note but no points yet is missing too.
    const kd = results.blocs[0].units.find((u: { id: string }) => u.id === 'KD');
    expect(kd.criteria.find((c: { id: string }) => c.id === 'II.2')).toMatchObject({ status: 'missing', points: 0 });
  });
});
