// `cchc diff`: a copy of the real rules edited as a committee would, scored against the original
// on the 2019-Q1 samples. The expected report is worked out by hand below.
//
// Edits to district-branches.yaml:
//   1. threshold tightened: I.1 step 2 `atLeast: 98 → 8` becomes `atLeast: 98.3 → 8`;
//   2. max moved: I.3 8 → 6 (its two rules 4 + 4 become 3 + 3), I.1 10 → 12 (top step 10 → 12).
//
// Q1 facts and points (results.json, checked by hand in golden-samples.test.ts):
//   unit          I.1 rate  I.1  I.3  base   bonus pen. score
//   DL-TPTV       100       10   8    98.02  1.5   0    99.52
//   DL-TIEUCAN    100       10   8    84.3   2     0    86.3
//   DL-CANGLONG   98.5      8    8    80     1     0    81
//   DL-CHAUTHANH  98.5      8    8    80     1     0    81
//   DL-DUYENHAI   98.2      8    4    74.1   1     0    75.1
//   DL-CAUKE      100       10   n/a  73.37  0     0    73.37  (67.5 of 92, × 100)
//   DL-CAUNGANG   95.2      6    4    54.7   1     2    53.7
//   DL-TRACU      90.5      3    4    37.3   0     4    33.3
// New rules:
//   TPTV      I.1 12 (+2), I.3 6 (−2): 99.52, unchanged
//   TIEUCAN   +2 −2: 86.3
//   CANGLONG  I.1 8 (98.5 ≥ 98.3), I.3 6 (−2): 78 + 1 = 79 (Tốt → Khá)
//   CHAUTHANH the same: 79 (Tốt → Khá)
//   DUYENHAI  I.1 98.2 < 98.3: 6 (−2), I.3 3 (−1): 71.1 + 1 = 72.1
//   CAUKE     I.1 12 (+2): 69.5 of 100 − 6 = 94 → 73.936… → 73.94
//   CAUNGANG  I.3 3 (−1): 53.7 + 1 − 2 = 52.7
//   TRACU     I.3 3 (−1): 36.3 − 4 = 32.3
// Ranks: CAUKE 6 → 5 (▲1), DUYENHAI 5 → 6 (▼1), others unchanged. Largest movement first:
// DUYENHAI and CAUKE (one place; DUYENHAI lost more points), then by the size of the score
// change: CANGLONG and CHAUTHANH (−2), CAUNGANG and TRACU (−1), TPTV and TIEUCAN (0).
// The direct departments' bonus T.1 reads the branches' mean: old 72.91; new
// (99.52 + 86.3 + 79 + 79 + 72.1 + 73.94 + 52.7 + 32.3) / 8 = 574.86 / 8 = 71.8575 → 71.86;
// T.1 = 5 × (71.86 − 50) / 50 = 2.186 → 2.19, was 2.29: every department −0.1, no rank moves.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cchc, positionOf, ROOT } from './helpers/cli.js';
import { readWorkbook } from './helpers/workbook.js';

let dir = '';
let edited = '';
let text = '';

/** Replaces `from` with `to` in `text`, where `from` must occur exactly once. */
function once(source: string, from: string, to: string): string {
  expect(source.split(from).length - 1, from).toBe(1);
  return source.replace(from, to);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cchc-what-if-'));
  edited = join(dir, 'rules');
  cpSync(join(ROOT, 'rules'), edited, { recursive: true });
  const file = join(edited, 'district-branches.yaml');
  text = readFileSync(file, 'utf8');
  text = once(text, 'tỷ lệ hoàn thành trong thời hạn"\n        max: 10', 'tỷ lệ hoàn thành trong thời hạn"\n        max: 12');
  text = once(text, '- { atLeast: 100, points: 10 }', '- { atLeast: 100, points: 12 }');
  text = once(text, '- { atLeast: 98, points: 8 }', '- { atLeast: 98.3, points: 8 }');
  text = once(text, 'max: 8\n        allowNotApplicable: true', 'max: 6\n        allowNotApplicable: true');
  text = once(text, '- points: 4\n                when: { all: [ { fact: mv_agreement_days', '- points: 3\n                when: { all: [ { fact: mv_agreement_days');
  text = once(text, '- points: 4\n                when: { all: [ { fact: mv_energizing_days', '- points: 3\n                when: { all: [ { fact: mv_energizing_days');
  writeFileSync(file, text);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cchc diff', () => {
  it('lists the rule changes, each at its place in the new rules', () => {
    const r = cchc(['diff', '--rules', edited, '--against', 'rules', '--evidence', 'samples/2019-Q1', '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = join(edited, 'district-branches.yaml');
    const changes = r.stdout.split('\n\n')[0]!.split('\n').slice(1);
    const i1 = text.indexOf('- id: I.1');
    const at = (marker: string, from = 0) => `${file}:${positionOf(text.slice(0, from) + text.slice(from).replace(marker, '\u0000'), '\u0000')}`;
    expect(changes).toEqual([
      `  ${at('12', text.indexOf('max: 12', i1))}  district-branches I.1 — max: 10 → 12`,
      `  ${at('{ atLeast: 100, points: 12 }')}  district-branches I.1 — scoring: ≥ 100 → 10 → ≥ 100 → 12`,
      `  ${at('{ atLeast: 98.3, points: 8 }')}  district-branches I.1 — scoring: ≥ 98 → 8 → ≥ 98.3 → 8`,
      `  ${at('6', text.indexOf('max: 6'))}  district-branches I.3 — max: 8 → 6`,
      expect.stringMatching(new RegExp(`^  ${at('rules:', text.indexOf('- id: I.3')).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  district-branches I.3 — scoring: rules \\(sum\\): 4 when .* → rules \\(sum\\): 3 when `)),
    ]);
  });

  it('shows each unit under both rule sets, the largest movement first, grade changes marked', () => {
    const r = cchc(['diff', '--rules', edited, '--against', 'rules', '--evidence', 'samples/2019-Q1', '--lang', 'en']);
    const block = r.stdout.split('\n\n').find((b) => b.startsWith('Khối các Điện lực trực thuộc'))!;
    const rows = block.split('\n').slice(2).map((l) => l.split(/\s{2,}/));
    expect(rows).toEqual([
      ['DL-DUYENHAI', 'Điện lực Duyên Hải', '75.10', '72.10', '-3.00', '5', '6', '▼1'],
      ['DL-CAUKE', 'Điện lực Cầu Kè', '73.37', '73.94', '+0.57', '6', '5', '▲1'],
      ['DL-CANGLONG', 'Điện lực Càng Long', '81.00', '79.00', '-2.00', '3', '3', '=', '★ Tốt → Khá'],
      ['DL-CHAUTHANH', 'Điện lực Châu Thành', '81.00', '79.00', '-2.00', '3', '3', '=', '★ Tốt → Khá'],
      ['DL-CAUNGANG', 'Điện lực Cầu Ngang', '53.70', '52.70', '-1.00', '7', '7', '='],
      ['DL-TRACU', 'Điện lực Trà Cú', '33.30', '32.30', '-1.00', '8', '8', '='],
      ['DL-TPTV', 'Điện lực Thành phố Trà Vinh', '99.52', '99.52', '0.00', '1', '1', '='],
      ['DL-TIEUCAN', 'Điện lực Tiểu Cần', '86.30', '86.30', '0.00', '2', '2', '='],
    ]);
    const departments = r.stdout.split('\n\n').find((b) => b.startsWith('Khối các đơn vị trực tiếp'))!;
    for (const line of departments.split('\n').slice(2)) expect(line).toMatch(/\s-0\.10\s+(\d)\s+\1\s+=$/);
  });

  it('writes the same as a workbook with --out', async () => {
    const out = join(dir, 'what-if.xlsx');
    const r = cchc(['diff', '--rules', edited, '--against', 'rules', '--evidence', 'samples/2019-Q1', '--out', out]);
    expect(r.code).toBe(0);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thay đổi tiêu chí', 'So sánh kết quả']);
    expect(wb.worksheets[0]!.rowCount).toBe(6);
    const units = wb.worksheets[1]!;
    const cauke = [...Array(units.rowCount).keys()].map((i) => units.getRow(i + 1)).find((row) => row.getCell(2).value === 'DL-CAUKE')!;
    expect([4, 5, 6, 7, 8, 9].map((c) => cauke.getCell(c).value)).toEqual([73.37, 73.94, 0.57, 6, 5, '▲1']);
  });

  it('lists a changed aggregate, a changed precision and a removed fact, and still compares', () => {
    const other = join(dir, 'other');
    cpSync(join(ROOT, 'rules'), other, { recursive: true });
    const direct = join(other, 'direct-departments.yaml');
    writeFileSync(direct, once(readFileSync(direct, 'utf8'), 'aggregate: mean', 'aggregate: max'));
    const scheme = join(other, 'scheme.yaml');
    writeFileSync(scheme, once(readFileSync(scheme, 'utf8'), 'precision: 2', 'precision: 3'));
    // The branches' T.1 and the only fact it reads go: the evidence still has that fact.
    const branches = join(other, 'district-branches.yaml');
    let b = readFileSync(branches, 'utf8');
    b = b.replace(/\n  internal_saving_above_plan:\n(?: {4}.*\n)+/, '\n');
    b = b.replace(/\nbonus:\n(?: {2}.*\n)+(?=\npenalty:)/, '\n');
    writeFileSync(branches, b);
    expect(cchc(['validate', '--rules', other]).code).toBe(0);
    const r = cchc(['diff', '--rules', other, '--against', 'rules', '--evidence', 'samples/2019-Q1', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning EVIDENCE_UNKNOWN_FACT .*internal_saving_above_plan/);
    expect(r.stdout).toMatch(/scheme\.yaml:\d+:\d+  precision: 2 → 3\n/);
    expect(r.stdout).toContain('direct-departments branches_mean_score — computed from: mean(district-branches.score) → max(district-branches.score)');
    expect(r.stdout).toContain('district-branches internal_saving_above_plan — fact removed');
    expect(r.stdout).toContain('district-branches T.1 — criterion removed');
    // Figures in the finer precision: three decimals.
    expect(r.stdout).toMatch(/DL-TPTV {2}Điện lực Thành phố Trà Vinh +99\.520 +98\.020 +-1\.500 /);
  });
});
