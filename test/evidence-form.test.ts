// Evidence through Excel: `cchc template` makes the form, a unit fills it, `cchc score` reads it.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cchc, ROOT } from './helpers/cli.js';
import { readWorkbook } from './helpers/workbook.js';
import { tempDirs } from './helpers/temp.js';

interface SampleUnit {
  facts?: Record<string, unknown>;
  manual?: Record<string, { points?: number; note?: string; source?: string }>;
  not_applicable?: string[];
}

const tempDir = tempDirs('form');

/** Every unit of the 2019-Q1 samples, as the YAML files give them. */
function sampleUnits(): Map<string, SampleUnit> {
  const out = new Map<string, SampleUnit>();
  const dir = join(ROOT, 'samples', '2019-Q1');
  for (const f of readdirSync(dir)) {
    const data = parse(readFileSync(join(dir, f), 'utf8')) as { units: Record<string, SampleUnit> };
    for (const [id, u] of Object.entries(data.units)) out.set(id, u);
  }
  return out;
}

/** The row of each key (hidden column A) of a form sheet. */
function rowsByKey(ws: Worksheet): Map<string, number> {
  const rows = new Map<string, number>();
  ws.eachRow((row, r) => {
    const key = row.getCell(1).value;
    if (r > 6 && typeof key === 'string') rows.set(key, r);
  });
  return rows;
}

function unitOf(ws: Worksheet): string | undefined {
  return ws.getCell('A1').value === 'cchc-evidence-form/1' ? String(ws.getCell('A2').value) : undefined;
}

/** Fills a form as a unit and the committee would, from the sample YAML: Có/Không picked from the list. */
async function fillFromSamples(file: string, units = sampleUnits(), edit?: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await readWorkbook(file);
  for (const ws of wb.worksheets) {
    const id = unitOf(ws);
    if (!id) continue;
    const u = units.get(id)!;
    for (const [key, r] of rowsByKey(ws)) {
      const row = ws.getRow(r);
      if (key.startsWith('manual:')) {
        const m = u.manual?.[key.slice(7)];
        if (!m) continue;
        if (m.points !== undefined) row.getCell(5).value = m.points;
        if (m.source) row.getCell(6).value = m.source;
        if (m.note) row.getCell(7).value = m.note;
      } else if (key.startsWith('na:')) {
        row.getCell(5).value = u.not_applicable?.includes(key.slice(3)) ? 'Có' : 'Không';
      } else {
        const given = u.facts?.[key];
        if (given === undefined) continue;
        const e = (typeof given === 'object' ? given : { value: given }) as { value: unknown; source?: string; note?: string };
        row.getCell(5).value = typeof e.value === 'boolean' ? (e.value ? 'Có' : 'Không') : (e.value as number);
        if (e.source) row.getCell(6).value = e.source;
        if (e.note) row.getCell(7).value = e.note;
      }
    }
  }
  edit?.(wb);
  await wb.xlsx.writeFile(file);
}

let root = '';
let form = '';
let yamlResults = '';

beforeAll(async () => {
  root = tempDir();
  form = join(root, 'form.xlsx');
  const t = cchc(['template', '--quarter', '2019-Q1', '--out', form]);
  if (t.code !== 0) throw new Error(t.stderr);
  const s = cchc(['score', '--evidence', 'samples/2019-Q1', '--out', join(root, 'yaml')]);
  if (s.code !== 0) throw new Error(s.stderr);
  yamlResults = readFileSync(join(root, 'yaml', 'results.json'), 'utf8');
});

/** A copy of the blank form, filled from the samples, with an edit. */
async function filled(edit?: (wb: ExcelJS.Workbook) => void, name = 'filled.xlsx'): Promise<string> {
  const dir = tempDir();
  const file = join(dir, name);
  cpSync(form, file);
  await fillFromSamples(file, sampleUnits(), edit);
  return file;
}

function sheetOf(wb: ExcelJS.Workbook, unit: string): Worksheet {
  return wb.worksheets.find((ws) => unitOf(ws) === unit)!;
}

describe('cchc template', () => {
  it('writes an instructions sheet, then one form sheet per unit asking every fact its bloc declares, computed ones excepted', async () => {
    const wb = await readWorkbook(form);
    expect(wb.worksheets[0]!.name).toBe('Hướng dẫn');
    const units = wb.worksheets.map(unitOf).filter((u) => u !== undefined);
    expect(units).toHaveLength(21);
    const vp = sheetOf(wb, 'VP');
    const keys = [...rowsByKey(vp).keys()];
    expect(keys).toContain('plan_task_on_time_rate');
    expect(keys).not.toContain('branch_mean_score');
    expect(keys).toContain('manual:I.3');
    expect(vp.getColumn(1).hidden).toBe(true);
    expect(vp.getCell('A3').value).toBe('2019-Q1');
    expect(String(vp.getCell('A4').value)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('gives value cells data validation matching the fact, with the label and guide as input message', async () => {
    const wb = await readWorkbook(form);
    const ws = sheetOf(wb, 'DL-CAUKE');
    const rows = rowsByKey(ws);
    const rate = ws.getCell(rows.get('lv_on_time_rate')!, 5).dataValidation;
    expect(rate).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100], showErrorMessage: true, allowBlank: true });
    expect(rate.prompt).toContain('Tỷ lệ yêu cầu cấp điện mới từ lưới hạ áp');
    expect(ws.getCell(rows.get('multi_visit_dossiers')!, 5).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getCell(rows.get('procedures_posted')!, 5).dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(ws.getCell(rows.get('na:I.3')!, 5).dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell(rows.get('manual:II.4')!, 5).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 4] });
  });

  it('protects the sheet without a password; only value, source and note cells are unlocked', async () => {
    const wb = await readWorkbook(form);
    const ws = sheetOf(wb, 'VP');
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true });
    expect(protection.hashValue).toBeUndefined();
    const r = rowsByKey(ws).get('late_reports')!;
    expect([2, 3, 4, 5, 6, 7].map((c) => ws.getCell(r, c).protection?.locked !== false)).toEqual([true, true, true, false, false, false]);
    expect(ws.getCell(2, 2).protection?.locked).not.toBe(false);
  });

  it('speaks English with --lang en, and its Yes/No are read back', async () => {
    const dir = tempDir();
    const file = join(dir, 'en.xlsx');
    expect(cchc(['template', '--quarter', '2019-Q1', '--out', file, '--lang', 'en']).code).toBe(0);
    const wb = await readWorkbook(file);
    expect(wb.worksheets[0]!.name).toBe('Instructions');
    const ws = sheetOf(wb, 'DL-TPTV');
    expect(ws.getCell(6, 3).value).toBe('Indicator');
    expect(ws.getCell(rowsByKey(ws).get('procedures_posted')!, 5).dataValidation).toMatchObject({ type: 'list', formulae: ['"Yes,No"'] });
    await fillFromSamples(file, sampleUnits(), (book) => {
      for (const sheet of book.worksheets) {
        sheet.eachRow((row) => {
          const v = row.getCell(5).value;
          if (v === 'Có') row.getCell(5).value = 'Yes';
          if (v === 'Không') row.getCell(5).value = 'No';
        });
      }
    });
    const out = join(dir, 'out');
    expect(cchc(['score', '--evidence', file, '--out', out]).code).toBe(0);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(yamlResults);
  });

  it('refuses a bad quarter (exit 2) and broken rules (exit 1), writing nothing', () => {
    const dir = tempDir();
    expect(cchc(['template', '--quarter', '2019-5', '--out', join(dir, 'a.xlsx')]).code).toBe(2);
    const broken = join(dir, 'rules');
    cpSync(join(ROOT, 'rules'), broken, { recursive: true });
    writeFileSync(join(broken, 'scheme.yaml'), readFileSync(join(broken, 'scheme.yaml'), 'utf8').replace('precision: 2', 'precision: two'));
    const r = cchc(['template', '--quarter', '2019-Q2', '--rules', broken, '--out', join(dir, 'b.xlsx'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scheme\.yaml:\d+:\d+ error SCHEMA_TYPE /);
    expect(readdirSync(dir)).toEqual(['rules']);
  });

  it('locks the committee part in the forms sent to units, leaving the points a unit proposes open', async () => {
    const dir = join(tempDir(), 'forms');
    expect(cchc(['template', '--quarter', '2019-Q2', '--per-unit', '--out', dir]).code).toBe(0);
    const ws = (await readWorkbook(join(dir, 'DL-CAUKE.xlsx'))).worksheets[1]!;
    const rows = rowsByKey(ws);
    expect(ws.getCell(rows.get('na:I.3')!, 5).protection?.locked).not.toBe(false);
    // The manual criteria: the unit's proposal (its self-assessment), value, document and note open.
    expect([5, 6, 7].map((c) => ws.getCell(rows.get('manual:II.4')!, c).protection?.locked)).toEqual([false, false, false]);
    expect(ws.getCell(rows.get('manual:II.4')! - 1, 5).value).toBe('Điểm đề xuất');
    expect(ws.getCell(rows.get('lv_on_time_rate')!, 5).protection?.locked).toBe(false);
    // The one-workbook form, for the committee, leaves it open.
    const all = await readWorkbook(form);
    const open = sheetOf(all, 'DL-CAUKE');
    expect(open.getCell(rowsByKey(open).get('manual:II.4')!, 5).protection?.locked).toBe(false);
  });

  it('writes one workbook per unit with --per-unit, with safe file names', () => {
    const dir = join(tempDir(), 'forms');
    const r = cchc(['template', '--quarter', '2019-Q2', '--per-unit', '--out', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(21);
    expect(readdirSync(dir)).toContain('DL-CAUKE.xlsx');
  });
});

describe('reading filled forms', () => {
  it('round trip: the filled form scores to the same bytes of results.json as the YAML samples', async () => {
    const file = await filled();
    const r = cchc(['score', '--evidence', file, '--out', join(root, 'form-out')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'form-out', 'results.json'), 'utf8')).toBe(yamlResults);
  });

  it('reads rows moved and labels retyped by the unit, and a renamed sheet', async () => {
    const file = await filled((wb) => {
      const ws = sheetOf(wb, 'DL-TPTV');
      ws.name = 'Số liệu của chúng tôi';
      const first = 7;
      const rows = [...rowsByKey(ws).values()].filter((r) => r < first + 10);
      const values = rows.map((r) => ws.getRow(r).values);
      // Reverse the first ten fact rows and retype their labels.
      rows.forEach((r, i) => {
        ws.getRow(r).values = values[values.length - 1 - i] as ExcelJS.CellValue[];
        ws.getCell(r, 3).value = `chỉ số ${i}`;
      });
    });
    const out = join(tempDir(), 'out');
    const r = cchc(['score', '--evidence', file, '--out', out]);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(yamlResults);
  });

  it('reads a folder mixing forms and YAML', async () => {
    const dir = tempDir();
    // Branches from YAML; everyone else from a form holding only their sheets.
    cpSync(join(ROOT, 'samples', '2019-Q1', 'district-branches.yaml'), join(dir, 'branches.yaml'));
    const file = await filled((wb) => {
      for (const ws of [...wb.worksheets]) if (unitOf(ws)?.startsWith('DL-')) wb.removeWorksheet(ws.id);
    });
    cpSync(file, join(dir, 'others.xlsx'));
    const out = join(tempDir(), 'out');
    const r = cchc(['score', '--evidence', dir, '--out', out]);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(yamlResults);
  });

  it('reads a number typed as text with a decimal comma, with a warning at its cell', async () => {
    let at = '';
    const file = await filled((wb) => {
      const ws = sheetOf(wb, 'DL-TPTV');
      const r = rowsByKey(ws).get('lv_connection_days')!;
      ws.getCell(r, 5).value = '2,6';
      at = `${ws.name}!E${r}`;
    });
    const out = join(tempDir(), 'out');
    const r = cchc(['score', '--evidence', file, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(`${file}!${at} cảnh báo EVIDENCE_DECIMAL_COMMA "2,6" là chữ, được đọc là số 2,6`);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(yamlResults);
  });

  it('reads "95%" typed into a cell (stored 0.95, shown as a percentage) as 95, with a warning', async () => {
    let at = '';
    const file = await filled((wb) => {
      const ws = sheetOf(wb, 'DL-TPTV');
      const r = rowsByKey(ws).get('lv_on_time_rate')!;
      const cell = ws.getCell(r, 5);
      expect(cell.value).toBe(100);
      cell.value = 1;
      // A style of its own: exceljs shares one style object among cells read with the same style.
      cell.style = { ...cell.style, numFmt: '0%' };
      at = `${ws.name}!E${r}`;
    });
    const out = join(tempDir(), 'out');
    const r = cchc(['score', '--evidence', file, '--out', out, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${file}!${at} warning EVIDENCE_PERCENT the cell is formatted as a percentage and holds 1; read as 100`);
    const en = cchc(['score', '--evidence', 'samples/2019-Q1', '--out', join(tempDir(), 'out'), '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(readFileSync(join(en.stdout.match(/Wrote (.*)results\.json/)![1]!, 'results.json'), 'utf8'));
  });

  it('refuses forms of different quarters when nothing else says which quarter is scored', async () => {
    const dir = tempDir();
    const forms = join(dir, 'forms');
    expect(cchc(['template', '--quarter', '2019-Q1', '--per-unit', '--out', forms]).code).toBe(0);
    expect(cchc(['template', '--quarter', '2018-Q4', '--out', join(dir, 'old.xlsx')]).code).toBe(0);
    const old = await readWorkbook(join(dir, 'old.xlsx'));
    for (const ws of [...old.worksheets]) if (unitOf(ws) !== undefined && unitOf(ws) !== 'AT') old.removeWorksheet(ws.id);
    await old.xlsx.writeFile(join(forms, 'AT.xlsx'));
    const r = cchc(['score', '--evidence', forms, '--out', join(dir, 'out'), '--missing', 'zero', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/AT\.xlsx!Phòng An toàn!A3 error EVIDENCE_QUARTER_UNKNOWN the forms were made for different quarters \((2018-Q4, 2019-Q1|2019-Q1, 2018-Q4)\)/);
    expect(readdirSync(dir)).not.toContain('out');
  });

  it('names a spreadsheet of another kind instead of reading it as YAML', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'units.xls'), 'not read');
    const r = cchc(['score', '--evidence', join(dir, 'units.xls'), '--out', join(dir, 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'units.xls')}:1:1 error EVIDENCE_FILE_TYPE .xls files are not read`);
    expect(r.stderr).not.toContain('YAML_SYNTAX');
  });

  it('reads a formula by its cached value', async () => {
    const file = await filled((wb) => {
      const ws = sheetOf(wb, 'DL-TPTV');
      const r = rowsByKey(ws).get('lv_connection_days')!;
      ws.getCell(r, 5).value = { formula: '1.3*2', result: 2.6 };
    });
    const out = join(tempDir(), 'out');
    expect(cchc(['score', '--evidence', file, '--out', out]).code).toBe(0);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(yamlResults);
  });

  type Edit = (ws: Worksheet, rows: Map<string, number>) => string;
  it.each<[string, Edit, string, string]>([
    ['an empty required value', (ws, rows) => { const r = rows.get('lv_connection_days')!; ws.getCell(r, 5).value = null; return `E${r}`; }, 'error', 'EVIDENCE_MISSING'],
    ['text in a number cell', (ws, rows) => { const r = rows.get('lv_connection_days')!; ws.getCell(r, 5).value = 'hai ngày'; return `E${r}`; }, 'error', 'EVIDENCE_TYPE'],
    ['a thousands dot, which is not read as a decimal', (ws, rows) => { const r = rows.get('lv_connection_days')!; ws.getCell(r, 5).value = '2.600'; return `E${r}`; }, 'error', 'EVIDENCE_TYPE'],
    ['a fraction for a whole number', (ws, rows) => { const r = rows.get('multi_visit_dossiers')!; ws.getCell(r, 5).value = 1.5; return `E${r}`; }, 'error', 'EVIDENCE_TYPE'],
    ['a word that is not yes or no', (ws, rows) => { const r = rows.get('procedures_posted')!; ws.getCell(r, 5).value = 'chưa rõ'; return `E${r}`; }, 'error', 'EVIDENCE_TYPE'],
    ['a value out of range', (ws, rows) => { const r = rows.get('lv_on_time_rate')!; ws.getCell(r, 5).value = 150; return `E${r}`; }, 'error', 'EVIDENCE_RANGE'],
    ['an unknown fact id in the hidden column (shown at the row\'s label)', (ws, rows) => { const r = rows.get('lv_on_time_rate')!; ws.getCell(r, 1).value = 'lv_on_time_rat'; return `C${r}`; }, 'error', 'EVIDENCE_UNKNOWN_FACT'],
    ['a formula whose result is an error', (ws, rows) => { const r = rows.get('lv_connection_days')!; ws.getCell(r, 5).value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue; return `E${r}`; }, 'error', 'EVIDENCE_TYPE'],
    ['a value cell merged into the one above: the lower row is blank', (ws, rows) => { const r = rows.get('mv_agreement_days')!; ws.getCell(r, 5).value = null; ws.mergeCells(r - 1, 5, r, 5); return `E${r}`; }, 'error', 'EVIDENCE_MISSING'],
    ['a formula without a cached value', (ws, rows) => { const r = rows.get('lv_connection_days')!; ws.getCell(r, 5).value = { formula: '1.3*2' } as ExcelJS.CellValue; return `E${r}`; }, 'error', 'EVIDENCE_FORMULA'],
    ['manual points above the max', (ws, rows) => { const r = rows.get('manual:II.4')!; ws.getCell(r, 5).value = 9; return `E${r}`; }, 'error', 'EVIDENCE_MANUAL'],
    ['a row copied', (ws) => { const r = ws.rowCount + 2; ws.getCell(r, 1).value = 'lv_on_time_rate'; return `A${r}`; }, 'error', 'EVIDENCE_ROW_TWICE'],
  ])('%s: its code at its cell, exit 1, nothing written', async (_name, edit, severity, code) => {
    let at = '';
    const file = await filled((wb) => {
      const ws = sheetOf(wb, 'DL-TPTV');
      at = `${ws.name}!${edit(ws, rowsByKey(ws))}`;
    });
    const out = join(tempDir(), 'out');
    const r = cchc(['score', '--evidence', file, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}!${at} ${severity} ${code} `);
    expect(readdirSync(join(out, '..'))).not.toContain('out');
  });

  it('a form made for another quarter: a warning, an error with --strict', async () => {
    const dir = tempDir();
    const old = join(dir, 'old.xlsx');
    expect(cchc(['template', '--quarter', '2018-Q4', '--out', old]).code).toBe(0);
    await fillFromSamples(old);
    const yamlAndForm = join(dir, 'mixed');
    mkdirSync(yamlAndForm);
    cpSync(join(ROOT, 'samples', '2019-Q1', 'district-branches.yaml'), join(yamlAndForm, 'a.yaml'));
    const wb = await readWorkbook(old);
    for (const ws of [...wb.worksheets]) if (unitOf(ws)?.startsWith('DL-')) wb.removeWorksheet(ws.id);
    await wb.xlsx.writeFile(join(yamlAndForm, 'b.xlsx'));
    const vp = sheetOf(wb, 'VP').name;
    const loose = cchc(['score', '--evidence', yamlAndForm, '--out', join(dir, 'out1')]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain(`${join(yamlAndForm, 'b.xlsx')}!${vp}!A3 cảnh báo EVIDENCE_FORM_QUARTER biểu nhập được lập cho quý 2018-Q4, đang chấm quý 2019-Q1`);
    expect(readFileSync(join(dir, 'out1', 'results.json'), 'utf8')).toBe(yamlResults);
    const strict = cchc(['score', '--evidence', yamlAndForm, '--out', join(dir, 'out2'), '--strict', '--lang', 'en']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`${join(yamlAndForm, 'b.xlsx')}!${vp}!A3 error EVIDENCE_FORM_QUARTER `);
  });

  it('a form made from other rules is caught: a warning, an error with --strict', async () => {
    const dir = tempDir();
    const rules = join(dir, 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    writeFileSync(join(rules, 'scheme.yaml'), readFileSync(join(rules, 'scheme.yaml'), 'utf8').replace('version: "2019.1"', 'version: "2019.2"'));
    const other = join(dir, 'other.xlsx');
    expect(cchc(['template', '--quarter', '2019-Q1', '--rules', rules, '--out', other]).code).toBe(0);
    await fillFromSamples(other);
    const first = (await readWorkbook(other)).worksheets[1]!.name;
    const loose = cchc(['score', '--evidence', other, '--out', join(dir, 'out1'), '--lang', 'en']);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain(`${other}!${first}!A4 warning EVIDENCE_FORM_RULES `);
    const strict = cchc(['score', '--evidence', other, '--out', join(dir, 'out2'), '--strict', '--lang', 'en']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`${other}!${first}!A4 error EVIDENCE_FORM_RULES `);
  });

  it('the same unit in a form and in a YAML file', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'samples', '2019-Q1', 'district-branches.yaml'), join(dir, 'a.yaml'));
    cpSync(await filled(), join(dir, 'b.xlsx'));
    const r = cchc(['score', '--evidence', dir, '--out', join(dir, 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    const sheet = sheetOf(await readWorkbook(join(dir, 'b.xlsx')), 'DL-TPTV').name;
    expect(r.stderr).toContain(`${join(dir, 'b.xlsx')}!${sheet}!C2 error EVIDENCE_UNIT_TWICE unit "DL-TPTV" already has evidence at ${join(dir, 'a.yaml')}:`);
  });

  it('a blank form is never scored silently: every value is missing evidence', () => {
    const r = cchc(['score', '--evidence', form, '--out', join(tempDir(), 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/form\.xlsx!Văn phòng!E\d+ error EVIDENCE_MISSING /);
    const zero = cchc(['score', '--evidence', form, '--out', join(tempDir(), 'out'), '--missing', 'zero']);
    expect(zero.code).toBe(0);
  });

  it('a workbook that is not a form, and a file that is not a workbook', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'text.xlsx'), 'hello');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Tổng hợp').getCell('A1').value = 'Bảng tự làm';
    await wb.xlsx.writeFile(join(dir, 'mine.xlsx'));
    const r = cchc(['score', '--evidence', dir, '--out', join(dir, 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'mine.xlsx')}!Tổng hợp!A1 error EVIDENCE_NOT_A_FORM `);
    expect(r.stderr).toContain(`${join(dir, 'text.xlsx')}:1:1 error EVIDENCE_WORKBOOK_FORMAT `);
  });
});
