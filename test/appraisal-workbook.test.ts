// The appraisal workbook (`cchc appraise`): written from the units' evidence, filled as a scoring
// team would with exceljs, read back by `cchc score --appraisal file.xlsx`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../src/model/results.js';
import { cchc } from './helpers/cli.js';
import { tempDirs } from './helpers/temp.js';
import { readWorkbook } from './helpers/workbook.js';

const tempDir = tempDirs('appraisal-workbook');
let blank = '';

beforeAll(() => {
  blank = join(tempDir(), 'appraisal.xlsx');
  const r = cchc(['appraise', '--evidence', 'samples/2019-Q2', '--out', blank]);
  if (r.code !== 0) throw new Error(`cchc appraise exited ${r.code}\n${r.stderr}`);
});

function sheetOf(wb: ExcelJS.Workbook, unit: string): Worksheet {
  return wb.worksheets.find((ws) => ws.getCell('A1').value === 'cchc-appraisal-form/1' && ws.getCell('A2').value === unit)!;
}

function rowOf(ws: Worksheet, key: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (r > 6 && row.getCell(1).value === key) found = r;
  });
  expect(found, key).toBeGreaterThan(0);
  return found;
}

/** Fills a copy of the blank workbook; returns its path. */
async function filled(edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = await readWorkbook(blank);
  edit(wb);
  const file = join(tempDir(), 'filled.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** The sample appraisal's first round (samples/appraisal/2019-Q2.yaml without its explanations), typed into the workbook. */
function firstRound(wb: ExcelJS.Workbook): void {
  const cauke = sheetOf(wb, 'DL-CAUKE');
  const r = rowOf(cauke, 'lv_connection_days');
  cauke.getCell(r, 7).value = 4.2;
  cauke.getCell(r, 8).value = 'Kiểm tra ngẫu nhiên 10 hồ sơ trên CMIS: 2 hồ sơ chưa tính thời gian chờ khảo sát';
  cauke.getCell(r, 9).value = 'Biên bản kiểm tra số 12/BB-BCĐ';
  const m = rowOf(cauke, 'criterion:II.4');
  cauke.getCell(m, 7).value = 2;
  cauke.getCell(m, 8).value = 'Chưa niêm yết đủ bảng giá dịch vụ điện tại phòng giao dịch';
  cauke.getCell(m, 9).value = 'Biên bản kiểm tra số 12/BB-BCĐ';
  const tptv = sheetOf(wb, 'DL-TPTV');
  const t = rowOf(tptv, 'cskh_overdue_requests');
  tptv.getCell(t, 7).value = 2;
  tptv.getCell(t, 8).value = 'Báo cáo TT CSKH ghi nhận 2 yêu cầu quá hạn, không phải 1';
  tptv.getCell(t, 9).value = 'Báo cáo TT CSKH số 118/CSKH';
  tptv.getCell(rowOf(tptv, 'criterion:III.2'), 11).value = 'Có';
}

describe('cchc appraise', () => {
  it('shows each unit\'s figures and self points, with only the committee\'s cells open', async () => {
    const ws = sheetOf(await readWorkbook(blank), 'DL-CAUKE');
    const r = rowOf(ws, 'lv_connection_days');
    expect([ws.getCell(r, 5).value, ws.getCell(r, 6).value]).toEqual([3.5, 'Báo cáo chỉ tiêu DVKH trên CMIS quý II/2019']);
    expect([7, 8, 9].map((c) => ws.getCell(r, c).protection?.locked)).toEqual([false, false, false]);
    expect(ws.getCell(r, 5).protection?.locked).not.toBe(false);
    const m = rowOf(ws, 'criterion:II.4');
    // Self points: the unit's proposal 3.5; I.2: 3.5 days ≤ 4 → 4.
    expect(ws.getCell(m, 5).value).toBe(3.5);
    expect(ws.getCell(rowOf(ws, 'criterion:I.2'), 5).value).toBe(4);
    // A criterion that is not manual has no committee's points to type.
    expect(ws.getCell(rowOf(ws, 'criterion:I.2'), 7).protection?.locked).not.toBe(false);
    expect(ws.getCell(m, 7).protection?.locked).toBe(false);
    expect(ws.getCell(rowOf(ws, 'criterion:I.3'), 10).protection?.locked).toBe(false);
    expect(ws.getCell(rowOf(ws, 'criterion:I.2'), 10).protection?.locked).not.toBe(false);
  });

  it('filled as the sample appraisal\'s first round, scores as that YAML does', async () => {
    const file = await filled(firstRound);
    const out = join(tempDir(), 'out');
    const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--appraisal', file, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const yaml = join(tempDir(), 'round1.yaml');
    writeFileSync(yaml, `quarter: 2019-Q2
units:
  DL-CAUKE:
    facts:
      lv_connection_days: { value: 4.2, reason: "Kiểm tra ngẫu nhiên 10 hồ sơ trên CMIS: 2 hồ sơ chưa tính thời gian chờ khảo sát", source: "Biên bản kiểm tra số 12/BB-BCĐ" }
    manual:
      II.4: { points: 2, note: "Chưa niêm yết đủ bảng giá dịch vụ điện tại phòng giao dịch", source: "Biên bản kiểm tra số 12/BB-BCĐ" }
  DL-TPTV:
    facts:
      cskh_overdue_requests: { value: 2, reason: "Báo cáo TT CSKH ghi nhận 2 yêu cầu quá hạn, không phải 1", source: "Báo cáo TT CSKH số 118/CSKH" }
    explain: [III.2]
`);
    const out2 = join(tempDir(), 'out');
    expect(cchc(['score', '--evidence', 'samples/2019-Q2', '--appraisal', yaml, '--out', out2]).code).toBe(0);
    const fromWorkbook = readFileSync(join(out, 'results.json'), 'utf8');
    expect(fromWorkbook).toBe(readFileSync(join(out2, 'results.json'), 'utf8'));
    const results = JSON.parse(fromWorkbook) as Results;
    // III.2 asked to be explained and not yet decided: provisional. DL-CAUKE I.2 4.2 ≤ 5 → 2 of 5 (self 4).
    expect(results.stage).toBe('provisional');
    const cauke = results.blocs.find((b) => b.id === 'district-branches')!.units.find((u) => u.id === 'DL-CAUKE')!;
    expect(cauke.criteria.find((c) => c.id === 'I.2')!.points).toBe(2);
    // 88.18 − (4 − 2) − (3.5 − 2) = 84.68
    expect(cauke.score).toBe(84.68);
  }, 30_000);

  it('every problem at its cell: a change without its reason, a value out of range, text for a number, points above the max', async () => {
    let at: Record<string, string> = {};
    const file = await filled((wb) => {
      const ws = sheetOf(wb, 'DL-CAUKE');
      const a = rowOf(ws, 'lv_connection_days');
      ws.getCell(a, 7).value = 4.2;
      const b = rowOf(ws, 'lv_on_time_rate');
      ws.getCell(b, 7).value = 120;
      ws.getCell(b, 8).value = 'x';
      const c = rowOf(ws, 'satisfaction_score');
      ws.getCell(c, 7).value = 'tám';
      ws.getCell(c, 8).value = 'x';
      const d = rowOf(ws, 'criterion:II.4');
      ws.getCell(d, 7).value = 9;
      ws.getCell(d, 8).value = 'x';
      at = { reason: `H${a}`, range: `G${b}`, type: `G${c}`, manual: `G${d}` };
    });
    const out = join(tempDir(), 'out');
    const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--appraisal', file, '--out', out]);
    expect(r.code).toBe(1);
    const sheet = `${file}!Điện lực Cầu Kè!`;
    expect(r.stderr).toContain(`${sheet}${at.reason} lỗi SCHEMA_MISSING_KEY`);
    expect(r.stderr).toContain(`${sheet}${at.range} lỗi EVIDENCE_RANGE`);
    expect(r.stderr).toContain(`${sheet}${at.type} lỗi EVIDENCE_TYPE`);
    expect(r.stderr).toContain(`${sheet}${at.manual} lỗi EVIDENCE_MANUAL`);
    expect(() => readFileSync(join(out, 'results.json'))).toThrow();
  });

  it('a workbook of another quarter, or made from other rules, is refused at its stamp', async () => {
    const file = await filled((wb) => {
      sheetOf(wb, 'VP').getCell('A3').value = '2019-Q1';
      sheetOf(wb, 'KD').getCell('A4').value = 'sha256:0000';
    });
    const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--appraisal', file, '--out', join(tempDir(), 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}!Văn phòng!A3 lỗi APPRAISAL_QUARTER`);
    expect(r.stderr).toContain(`${file}!Phòng Kinh doanh!A4 lỗi APPRAISAL_RULES`);
  });
});

describe('the workbook\'s first round with the decisions in YAML', () => {
  const decisions = `quarter: 2019-Q2
settled: true
units:
  DL-CAUKE:
    remarks:
      - "Đơn vị cần rà soát cách tính thời gian cấp điện trên CMIS trước khi báo cáo, tránh sai lệch như quý II."
      - "Khẩn trương niêm yết đầy đủ bảng giá dịch vụ điện tại phòng giao dịch."
    explanations:
      I.2:
        text: "Một hồ sơ khách hàng chủ động hẹn lại ngày khảo sát, có xác nhận của khách hàng"
        source: "Công văn 215/ĐLCK-KD"
        decision: accepted
        reason: "Chấp nhận loại trừ thời gian chờ của hồ sơ có xác nhận; hồ sơ còn lại vẫn tính"
        facts: { lv_connection_days: 3.8 }
  DL-TPTV:
    explanations:
      III.2:
        text: "Yêu cầu thứ hai quá hạn do khách hàng vắng nhà"
        source: "Công văn 230/ĐLTP-KD"
        decision: rejected
        reason: "Không có biên bản xác nhận khách hàng vắng nhà trong thời hạn giải quyết"
`;

  it('read together beside the evidence, they are the sample appraisal, byte for byte', async () => {
    const dir = tempDir();
    const { cpSync, mkdirSync, copyFileSync } = await import('node:fs');
    cpSync('samples/2019-Q2', join(dir, '2019-Q2'), { recursive: true });
    mkdirSync(join(dir, 'appraisal'));
    copyFileSync(await filled(firstRound), join(dir, 'appraisal', '2019-Q2.xlsx'));
    writeFileSync(join(dir, 'appraisal', '2019-Q2.yaml'), decisions);
    const r = cchc(['score', '--evidence', join(dir, '2019-Q2'), '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'results.json'), 'utf8')).toBe(readFileSync('test/golden/2019-Q2/results.json', 'utf8'));
  }, 30_000);

  it('the same fact corrected in both is refused at the second', async () => {
    const workbook = await filled(firstRound);
    const yaml = join(tempDir(), 'decisions.yaml');
    const text = decisions.replace('  DL-TPTV:\n', '  DL-TPTV:\n    facts:\n      cskh_overdue_requests: { value: 3, reason: "x" }\n');
    writeFileSync(yaml, text);
    const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--appraisal', workbook, '--appraisal', yaml, '--out', join(tempDir(), 'out')]);
    expect(r.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('cskh_overdue_requests')) + 1;
    expect(r.stderr).toContain(`${yaml}:${line}:7 lỗi APPRAISAL_TWICE "cskh_overdue_requests" đã có tại ${workbook}!Điện lực Thành phố Trà Vinh!`);
  }, 30_000);
});
