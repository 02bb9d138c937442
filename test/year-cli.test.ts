// cchc year through the built CLI, on the four sample quarters of 2019. The annual figures are
// worked by hand in the comments from each quarter's published score (Q1 and Q2 are the golden
// quarters, checked by hand in golden-samples.test.ts and appraisal.test.ts).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/model/publication.js';
import type { YearResults } from '../src/model/year.js';
import { cchc, positionOf } from './helpers/cli.js';
import { readDocument } from './helpers/docx.js';

let root = '';
/** The four quarters scored, in `<root>/scored/2019-Qn`; each test copies them. */
let scored = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cchc-year-'));
  scored = join(root, 'scored');
  for (const q of [1, 2, 3, 4]) {
    const r = cchc(['score', '--evidence', `samples/2019-Q${q}`, '--out', join(scored, `2019-Q${q}`), '--no-letters', '--no-unit-files']);
    if (r.code !== 0) throw new Error(`cchc score 2019-Q${q} exited ${r.code}\n${r.stderr}`);
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

let copies = 0;
/** A copy of the scored quarters to change. */
function quarters(): string {
  const dir = join(root, `copy-${++copies}`);
  cpSync(scored, dir, { recursive: true });
  return dir;
}

function year(outRoot: string, ...args: string[]) {
  return cchc(['year', '--year', '2019', '--out-root', outRoot, '--lang', 'en', ...args]);
}

const read = (dir: string) => JSON.parse(readFileSync(join(dir, '2019', 'year.json'), 'utf8')) as YearResults;
const unit = (y: YearResults, bloc: string, id: string) => y.blocs.find((b) => b.id === bloc)!.units.find((u) => u.id === id)!;

describe('cchc year on the samples', () => {
  it('rolls up the four quarters: means worked by hand, the quota and the condition of the sample scheme', () => {
    const dir = quarters();
    const r = year(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const y = read(dir);
    const schema = JSON.parse(readFileSync('schemas/year.schema.json', 'utf8'));
    const validate = new Ajv2020.default({ allErrors: true, strict: true }).compile(schema);
    expect(validate(y), JSON.stringify(validate.errors)).toBe(true);
    expect([y.year, y.method, y.quartersMissing, y.provisional, y.quarters.map((q) => q.quarter)]).toEqual([2019, 'mean', [], false, ['2019-Q1', '2019-Q2', '2019-Q3', '2019-Q4']]);
    // VP: (84.29 + 98.35 + 95.97 + 98.05) / 4 = 376.66 / 4 = 94.165 → 94.17 (a half, up).
    // KD: (96.92 + 95.90 + 94.02 + 97.93) / 4 = 384.77 / 4 = 96.1925 → 96.19, rank 1; 1 point of TR.1 in Q3 → not Xuất sắc.
    const vp = unit(y, 'direct-departments', 'VP');
    const kd = unit(y, 'direct-departments', 'KD');
    expect([vp.score, vp.rank, vp.grade, vp.gradeReason]).toEqual([94.17, 2, 'Xuất sắc', undefined]);
    expect([kd.score, kd.rank, kd.grade]).toEqual([96.19, 1, 'Tốt']);
    expect(kd.gradeReason).toBe('not graded Xuất sắc: 1 point deducted under TR.1 over the year → Tốt');
    expect(kd.quarters).toEqual({ '2019-Q1': 96.92, '2019-Q2': 95.9, '2019-Q3': 94.02, '2019-Q4': 97.93 });
    // Indirect departments, 5 units: ⌊0.2 × 5⌋ = 1 Xuất sắc. DD (99.5 + 94 + 98.75 + 97.75) / 4 = 390 / 4 = 97.50 takes it;
    // KHVT (84 + 98 + 95.5 + 96) / 4 = 373.5 / 4 = 93.375 → 93.38 is refused by the quota.
    const dd = unit(y, 'indirect-departments', 'DD');
    const khvt = unit(y, 'indirect-departments', 'KHVT');
    expect([dd.score, dd.grade, khvt.score, khvt.rank, khvt.grade]).toEqual([97.5, 'Xuất sắc', 93.38, 2, 'Tốt']);
    expect(khvt.gradeReason).toBe("not graded Xuất sắc: past its quota of 20 % (1 of the bloc's 5 units, by rank) → Tốt");
    // District branches, 8 units: ⌊1.6⌋ = 1. DL-TPTV (99.52 + 96.66 + 97.46 + 97.34) / 4 = 390.98 / 4 = 97.745 → 97.75;
    // DL-CANGLONG (81 + 89.28 + 97.58 + 98.26) / 4 = 366.12 / 4 = 91.53, refused by the quota.
    // DL-TRACU (33.3 + 59.5 + 42 + 57.98) / 4 = 192.78 / 4 = 48.195 → 48.20, Yếu.
    const branches = y.blocs.find((b) => b.id === 'district-branches')!.units;
    expect(branches.slice(0, 2).map((u) => `${u.rank} ${u.id} ${u.score} ${u.grade}`)).toEqual(['1 DL-TPTV 97.75 Xuất sắc', '2 DL-CANGLONG 91.53 Tốt']);
    expect(branches.at(-1)).toMatchObject({ id: 'DL-TRACU', score: 48.2, rank: 8, grade: 'Yếu' });
    // The high-voltage team: (84.42 + 98.32 + 84.60 + 85.38) / 4 = 352.72 / 4 = 88.18, Tốt.
    expect(unit(y, 'high-voltage-team', 'QLVH-CT')).toMatchObject({ score: 88.18, rank: 1, grade: 'Tốt' });
    expect(r.stdout).toContain('↳ not graded Xuất sắc: past its quota of 20 % (1 of the bloc\'s 8 units, by rank) → Tốt');
  });

  it('the same quarters give the same year.json and year.xlsx, byte for byte', () => {
    const dir = quarters();
    expect(year(dir).code).toBe(0);
    const json = readFileSync(join(dir, '2019', 'year.json'));
    const xlsx = readFileSync(join(dir, '2019', 'year.xlsx'));
    expect(year(dir).code).toBe(0);
    expect(readFileSync(join(dir, '2019', 'year.json')).equals(json)).toBe(true);
    expect(readFileSync(join(dir, '2019', 'year.xlsx')).equals(xlsx)).toBe(true);
  });

  it('each run appends a line to the year folder\'s log: the rules and the four results.json it read, year.json and year.xlsx, each with its digest', () => {
    const dir = quarters();
    expect(year(dir).code).toBe(0);
    expect(year(dir, '--date', '2020-01-10').code).toBe(0);
    const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    const lines = readFileSync(join(dir, '2019', 'log.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as LogEntry);
    expect(lines.map((l) => [l.command, l.args.slice(-2)])).toEqual([
      ['year', ['--lang', 'en']],
      ['year', ['--date', '2020-01-10']],
    ]);
    const results = [1, 2, 3, 4].map((q) => join(dir, `2019-Q${q}`, 'results.json'));
    expect(lines[1]!.inputs!.slice(-4)).toEqual(results.map((file) => ({ file, sha256: sha256(file) })));
    expect(lines[1]!.inputs!.map((i) => basename(i.file))).toEqual(expect.arrayContaining(['scheme.yaml', 'units.yaml']));
    expect(lines[1]!.outputs).toEqual(['year.json', 'year.xlsx'].map((file) => ({ file, sha256: sha256(join(dir, '2019', file)) })));
  });

  it('year.xlsx: one sheet per bloc with the title, the quarters, the annual score as a formula with its result, the reason, and the chart', async () => {
    const dir = quarters();
    expect(cchc(['year', '--year', '2019', '--out-root', dir]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '2019', 'year.xlsx'));
    expect(wb.worksheets).toHaveLength(4);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A5').value).toBe('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH NĂM 2019');
    const header = (ws.getRow(8).values as unknown[]).slice(1);
    expect(header).toEqual(['STT', 'Đơn vị', 'Quý I', 'Quý II', 'Quý III', 'Quý IV', 'Điểm năm', 'Xếp hạng', 'Xếp loại', 'Xu hướng', 'Ghi chú']);
    // KD first: its quarters, the annual score ROUND(AVERAGE(C9:F9)) = 96.19, grade Tốt with the reason, trend 97.93 − 96.92 = +1.01.
    const row = ws.getRow(9);
    expect([2, 3, 4, 5, 6].map((c) => row.getCell(c).value)).toEqual(['Phòng Kinh doanh', 96.92, 95.9, 94.02, 97.93]);
    expect(row.getCell(7).value).toEqual({ formula: 'ROUND(AVERAGE(C9,D9,E9,F9),2)', result: 96.19 });
    expect(row.getCell(9).value).toBe('Tốt');
    expect(row.getCell(10).value).toEqual({ formula: 'ROUND(F9-C9,2)', result: 1.01 });
    expect(String(row.getCell(11).value)).toContain('không được xếp loại Xuất sắc: bị trừ 1 điểm ở TR.1 trong năm → Tốt');
    expect(ws.getImages()).toHaveLength(1);
  });
});

describe('cchc year: what it refuses, nothing written', () => {
  it('a missing quarter is an error; with --allow-missing the mean of the quarters there are, marked', () => {
    const dir = quarters();
    rmSync(join(dir, '2019-Q4'), { recursive: true });
    const r = year(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, '2019-Q4', 'results.json')}:1:1 error YEAR_QUARTER_MISSING no results for 2019-Q4`);
    expect(existsSync(join(dir, '2019'))).toBe(false);

    const allowed = year(dir, '--allow-missing');
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('warning YEAR_QUARTER_MISSING');
    const y = read(dir);
    expect(y.quartersMissing).toEqual(['2019-Q4']);
    // KD: (96.92 + 95.90 + 94.02) / 3 = 286.84 / 3 = 95.61333… → 95.61.
    expect(unit(y, 'direct-departments', 'KD')).toMatchObject({ score: 95.61, quartersMissing: ['2019-Q4'] });
  });

  it('a year without any quarter is an error, --allow-missing or not', () => {
    const empty = join(root, 'empty');
    const r = year(empty, '--allow-missing');
    expect(r.code).toBe(1);
    expect(r.stderr.match(/error YEAR_QUARTER_MISSING/g)).toHaveLength(4);
    expect(existsSync(join(empty, '2019'))).toBe(false);
  });

  it('a unit missing from a quarter: an error at the bloc it is missing from; with --allow-missing its own mean', () => {
    const dir = quarters();
    const file = join(dir, '2019-Q3', 'results.json');
    const results = JSON.parse(readFileSync(file, 'utf8'));
    const bloc = results.blocs.find((b: { id: string }) => b.id === 'high-voltage-team');
    bloc.units = [];
    const text = `${JSON.stringify(results, null, 2)}\n`;
    writeFileSync(file, text);
    const r = year(dir);
    expect(r.code).toBe(1);
    // At the key "units" of the high-voltage team's bloc in 2019-Q3.
    const units = text.indexOf('"units"', text.indexOf('"high-voltage-team"'));
    const before = text.slice(0, units).split('\n');
    expect(r.stderr).toContain(`${file}:${before.length}:${before.at(-1)!.length + 1} error YEAR_UNIT_MISSING unit "QLVH-CT" is not in the results of 2019-Q3`);
    expect(existsSync(join(dir, '2019'))).toBe(false);
    const allowed = year(dir, '--allow-missing');
    expect(allowed.code).toBe(0);
    // QLVH-CT: (84.42 + 98.32 + 85.38) / 3 = 268.12 / 3 = 89.37333… → 89.37.
    expect(unit(read(dir), 'high-voltage-team', 'QLVH-CT')).toMatchObject({ score: 89.37, quartersMissing: ['2019-Q3'] });
  });

  it('a results.json its schema refuses, one of another scheme, one of another quarter: each at its position, all at once', () => {
    const dir = quarters();
    const q2 = join(dir, '2019-Q2', 'results.json');
    const q3 = join(dir, '2019-Q3', 'results.json');
    const q4 = join(dir, '2019-Q4', 'results.json');
    writeFileSync(q2, readFileSync(q2, 'utf8').replace('"score": 98.35', '"score": "98,35"'));
    writeFileSync(q3, readFileSync(q3, 'utf8').replace('"scheme": "pctv-cchc"', '"scheme": "pc-other"'));
    writeFileSync(q4, readFileSync(q4, 'utf8').replace('"quarter": "2019-Q4"', '"quarter": "2019-Q3"'));
    const r = year(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${q2}:${positionOf(readFileSync(q2, 'utf8'), '"98,35"')} error SCHEMA_TYPE`);
    expect(r.stderr).toContain(`${q3}:${positionOf(readFileSync(q3, 'utf8'), '"pc-other"')} error YEAR_OTHER_SCHEME`);
    expect(r.stderr).toContain(`${q4}:${positionOf(readFileSync(q4, 'utf8'), '"2019-Q3"')} error RESULTS_OTHER_QUARTER`);
    expect(existsSync(join(dir, '2019'))).toBe(false);
  });

  it('a weight list of the wrong length is an error at its position in scheme.yaml', () => {
    const dir = quarters();
    const rules = join(root, `rules-${copies}`);
    cpSync('rules', rules, { recursive: true });
    const scheme = join(rules, 'scheme.yaml');
    const text = readFileSync(scheme, 'utf8').replace('  method: mean\n', '  method: weighted\n  weights: [1, 1, 2]\n');
    writeFileSync(scheme, text);
    const r = year(dir, '--rules', rules);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${scheme}:${positionOf(text, '[1, 1, 2]')} error SCORECARD_YEAR_WEIGHTS four weights are needed, Q1 to Q4; found 3`);
    expect(existsSync(join(dir, '2019'))).toBe(false);
  });

  it('a provisional quarter, quarters of other rules and a unit that changed bloc are reported, not silently averaged', () => {
    const dir = quarters();
    const q1 = join(dir, '2019-Q1', 'results.json');
    const results = JSON.parse(readFileSync(q1, 'utf8'));
    results.stage = 'provisional';
    results.rulesDigest = `sha256:${'1'.repeat(64)}`;
    // KT scored with the indirect departments in Q1.
    const direct = results.blocs.find((b: { id: string }) => b.id === 'direct-departments');
    const kt = direct.units.find((u: { id: string }) => u.id === 'KT');
    direct.units = direct.units.filter((u: { id: string }) => u.id !== 'KT');
    results.blocs.find((b: { id: string }) => b.id === 'indirect-departments').units.push(kt);
    writeFileSync(q1, `${JSON.stringify(results, null, 2)}\n`);
    const r = year(dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning YEAR_QUARTER_PROVISIONAL');
    expect(r.stderr).toContain('warning YEAR_RULES_DIFFER 2019-Q1 was scored with other scorecard files than 2019-Q4');
    expect(r.stderr).toContain('warning YEAR_UNIT_MOVED unit "KT" was in bloc indirect-departments in 2019-Q1 and in direct-departments in 2019-Q4');
    const y = read(dir);
    expect(y.provisional).toBe(true);
    expect(unit(y, 'direct-departments', 'KT').otherBlocs).toEqual({ '2019-Q1': 'indirect-departments' });
  });
});

describe('quarterly grades with a condition and a quota', () => {
  it('2019-Q3 under a Xuất sắc refused for a TR.1 penalty and capped at 20 %: results.json, the ranking, the scorecard and the letter give the reason', async () => {
    const rules = join(root, 'rules-quarter');
    cpSync('rules', rules, { recursive: true });
    const scheme = join(rules, 'scheme.yaml');
    writeFileSync(scheme, readFileSync(scheme, 'utf8').replace('  - { min: 90, label: "Xuất sắc" }\n', '  - { min: 90, label: "Xuất sắc", maxShare: 0.2, unless: [{ penalty: TR.1 }] }\n'));
    const out = join(root, 'quarter-graded');
    const r = cchc(['score', '--evidence', 'samples/2019-Q3', '--rules', rules, '--out', out, '--no-previous']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const direct = results.blocs.find((b: { id: string }) => b.id === 'direct-departments').units;
    // Direct departments in Q3: VP 95.97 (rank 1), KD 94.02 with 1 point of TR.1 (rank 2), TCKT 90.77 (rank 3).
    // KD is refused by the condition; of the others reaching 90, ⌊0.2 × 7⌋ = 1 keeps Xuất sắc by rank: VP; TCKT is refused by the quota.
    expect(direct.slice(0, 3).map((u: { id: string; grade: string; gradeReason?: string }) => [u.id, u.grade, u.gradeReason])).toEqual([
      ['VP', 'Xuất sắc', undefined],
      ['KD', 'Tốt', 'không được xếp loại Xuất sắc: bị trừ 1 điểm ở TR.1 → Tốt'],
      ['TCKT', 'Tốt', 'không được xếp loại Xuất sắc: vượt tỷ lệ tối đa 20 % (1/7 đơn vị của khối, tính theo thứ hạng) → Tốt'],
    ]);
    expect(r.stdout).toContain('↳ không được xếp loại Xuất sắc: bị trừ 1 điểm ở TR.1 → Tốt');
    const ranking = new ExcelJS.Workbook();
    await ranking.xlsx.readFile(join(out, 'ranking.xlsx'));
    const sheet = ranking.worksheets[0]!;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value))));
    expect(texts).toContain('Xếp loại của Phòng Kinh doanh: không được xếp loại Xuất sắc: bị trừ 1 điểm ở TR.1 → Tốt.');
    // The grade as decided, not a formula of the score that would say Xuất sắc.
    const kdRow = sheet.getRow(10);
    expect(kdRow.getCell(2).value).toBe('Phòng Kinh doanh');
    expect(kdRow.getCell(kdRow.cellCount).value).not.toHaveProperty('formula');
    const card = new ExcelJS.Workbook();
    await card.xlsx.readFile(join(out, 'units', 'TCKT.xlsx'));
    const cardTexts: string[] = [];
    card.worksheets[0]!.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && cardTexts.push(c.value))));
    expect(cardTexts).toContain('không được xếp loại Xuất sắc: vượt tỷ lệ tối đa 20 % (1/7 đơn vị của khối, tính theo thứ hạng) → Tốt');
    expect(readDocument(join(out, 'letters', 'KD.docx')).text).toContain('(không được xếp loại Xuất sắc: bị trừ 1 điểm ở TR.1 → Tốt)');
  });
});
