// The explanation round through the units' forms: `cchc template --explanations` after the
// first round of the appraisal, the forms filled as the units would, the committee's decisions
// added to the appraisal file, and the quarter settled.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worksheet } from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Results } from '../src/model/results.js';
import { cchc, ROOT } from './helpers/cli.js';
import { tempDirs } from './helpers/temp.js';
import { readWorkbook } from './helpers/workbook.js';

const tempDir = tempDirs('explanations');
const sample = readFileSync(join(ROOT, 'samples', 'appraisal', '2019-Q2.yaml'), 'utf8');
/** The sample appraisal's first round: its explanations (the units' words and the decisions) taken out. */
const firstRound = sample
  .replace('settled: true', 'settled: false')
  .replace(/    explanations:\n      I\.2:\n(        .*\n)+/, '')
  .replace(/    explanations:\n      III\.2:\n(        .*\n)+/, '');
/** The decisions the committee adds after reading the forms. */
const decided = sample
  .replace(/        text: .*\n        source: .*\n/g, '');

function rowOf(ws: Worksheet, key: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === key) found = r;
  });
  expect(found, key).toBeGreaterThan(0);
  return found;
}

/** A quarter laid out as a scorer keeps it: the evidence, appraisal/<quarter>.yaml and explanations/<quarter>/ side by side. */
function layout(appraisal: string): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'samples', '2019-Q2'), join(dir, '2019-Q2'), { recursive: true });
  mkdirSync(join(dir, 'appraisal'));
  writeFileSync(join(dir, 'appraisal', '2019-Q2.yaml'), appraisal);
  return dir;
}

async function fill(file: string, criterion: string, text: string, source?: string): Promise<void> {
  const wb = await readWorkbook(file);
  const ws = wb.worksheets[0]!;
  const r = rowOf(ws, `criterion:${criterion}`);
  ws.getCell(r, 9).value = text;
  if (source) ws.getCell(r, 10).value = source;
  await wb.xlsx.writeFile(file);
}

describe('the explanation round through forms', () => {
  it('forms for the units with something to answer; answered, decided and settled, the quarter is the sample\'s', async () => {
    expect(firstRound).not.toMatch(/^ +explanations:/m);
    const dir = layout(firstRound);
    const forms = join(dir, 'explanations', '2019-Q2');
    const t = cchc(['template', '--quarter', '2019-Q2', '--explanations', '--evidence', join(dir, '2019-Q2'), '--out', forms]);
    expect(t.code, t.stderr).toBe(0);
    // DL-CAUKE: I.2 and II.4 changed; DL-TPTV: III.2 changed and asked. No other unit was touched.
    const cauke = (await readWorkbook(join(forms, 'DL-CAUKE.xlsx'))).worksheets[0]!;
    expect([rowOf(cauke, 'criterion:I.2'), rowOf(cauke, 'criterion:II.4')]).toEqual([7, 8]);
    const tptv = (await readWorkbook(join(forms, 'DL-TPTV.xlsx'))).worksheets[0]!;
    expect(tptv.getCell(rowOf(tptv, 'criterion:III.2'), 8).value).toBe('Có');
    expect(tptv.getCell(rowOf(tptv, 'criterion:III.2'), 9).protection?.locked).toBe(false);

    await fill(join(forms, 'DL-CAUKE.xlsx'), 'I.2', 'Một hồ sơ khách hàng chủ động hẹn lại ngày khảo sát, có xác nhận của khách hàng', 'Công văn 215/ĐLCK-KD');
    await fill(join(forms, 'DL-TPTV.xlsx'), 'III.2', 'Yêu cầu thứ hai quá hạn do khách hàng vắng nhà', 'Công văn 230/ĐLTP-KD');
    // Answered, not yet decided: provisional.
    const waiting = cchc(['score', '--evidence', join(dir, '2019-Q2'), '--out', join(dir, 'out', 'a')]);
    expect(waiting.code, waiting.stderr).toBe(0);
    const provisional = JSON.parse(readFileSync(join(dir, 'out', 'a', 'results.json'), 'utf8')) as Results;
    expect(provisional.stage).toBe('provisional');
    const i2 = provisional.blocs.find((b) => b.id === 'district-branches')!.units.find((u) => u.id === 'DL-CAUKE')!.criteria.find((c) => c.id === 'I.2')!;
    expect(i2.explanation).toEqual({ requested: false, text: 'Một hồ sơ khách hàng chủ động hẹn lại ngày khảo sát, có xác nhận của khách hàng', source: 'Công văn 215/ĐLCK-KD' });

    // The committee decides in the appraisal file: the same quarter as the sample, byte for byte.
    writeFileSync(join(dir, 'appraisal', '2019-Q2.yaml'), decided);
    const settled = cchc(['score', '--evidence', join(dir, '2019-Q2'), '--out', join(dir, 'out', 'b')]);
    expect(settled.code, settled.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'b', 'results.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'test', 'golden', '2019-Q2', 'results.json'), 'utf8'));
  }, 60_000);

  it('an explanation given twice, or of a criterion never contested, is refused at the form\'s cell', async () => {
    const dir = layout(sample);
    const forms = join(dir, 'explanations', '2019-Q2');
    expect(cchc(['template', '--quarter', '2019-Q2', '--explanations', '--evidence', join(dir, '2019-Q2'), '--out', forms]).code).toBe(0);
    await fill(join(forms, 'DL-TPTV.xlsx'), 'III.2', 'lần nữa');
    const wb = await readWorkbook(join(forms, 'DL-CAUKE.xlsx'));
    const ws = wb.worksheets[0]!;
    const r = rowOf(ws, 'criterion:II.4');
    // A criterion the appraisal did not touch, typed into the hidden key.
    ws.getCell(r, 1).value = 'criterion:I.1';
    ws.getCell(r, 9).value = 'không đồng ý';
    await wb.xlsx.writeFile(join(forms, 'DL-CAUKE.xlsx'));
    const out = join(dir, 'out');
    const s = cchc(['score', '--evidence', join(dir, '2019-Q2'), '--out', out]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain(`${join(forms, 'DL-TPTV.xlsx')}!Phiếu điểm!I7 lỗi APPRAISAL_TWICE`);
    expect(s.stderr).toContain(`${join(forms, 'DL-CAUKE.xlsx')}!Phiếu điểm!I${r} lỗi APPRAISAL_UNCONTESTED`);
    expect(() => readFileSync(join(out, 'results.json'))).toThrow();
  }, 30_000);

  it('an answer of a document alone is an explanation; a formula without its value is said at its cell (found in review)', async () => {
    const dir = layout(firstRound);
    const forms = join(dir, 'explanations', '2019-Q2');
    expect(cchc(['template', '--quarter', '2019-Q2', '--explanations', '--evidence', join(dir, '2019-Q2'), '--out', forms]).code).toBe(0);
    const file = join(forms, 'DL-CAUKE.xlsx');
    const wb = await readWorkbook(file);
    const ws = wb.worksheets[0]!;
    ws.getCell(rowOf(ws, 'criterion:II.4'), 10).value = 'Ảnh chụp bảng giá đã niêm yết';
    await wb.xlsx.writeFile(file);
    const r = cchc(['score', '--evidence', join(dir, '2019-Q2'), '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as Results;
    const c = results.blocs.find((b) => b.id === 'district-branches')!.units.find((u) => u.id === 'DL-CAUKE')!.criteria.find((x) => x.id === 'II.4')!;
    expect([results.stage, c.explanation]).toEqual(['provisional', { requested: false, source: 'Ảnh chụp bảng giá đã niêm yết' }]);
    ws.getCell(rowOf(ws, 'criterion:I.2'), 9).value = { formula: 'A1&"x"' } as never;
    await wb.xlsx.writeFile(file);
    const f = cchc(['score', '--evidence', join(dir, '2019-Q2'), '--out', join(dir, 'out2')]);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain(`${file}!Phiếu điểm!I${rowOf(ws, 'criterion:I.2')} lỗi EVIDENCE_FORMULA`);
  }, 60_000);
});
