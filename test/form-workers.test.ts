// From FORMS_ON_WORKERS forms on, a folder's forms are read on worker threads (load/evidence.ts):
// the evidence, the stamps, the diagnostics and the place of every value must be those of each
// form read on the main thread, in the same order. The built files are used, since a worker runs
// the compiled form-worker.js. Only the workers' forms cross between threads, as plain data
// (FormPlaces.toPlain and fromPlain, then structured cloning): what this compares is what that
// crossing keeps.
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cchc } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';
import { plainOf } from './helpers/form-oracle.js';
import { tempDirs } from './helpers/temp.js';

const built = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;
const { checkRules, factTypesOf, loadEvidenceFiles } = (await import(built('index.js'))) as typeof import('../src/index.js');
const { FORMS_ON_WORKERS } = (await import(built('load/evidence.js'))) as typeof import('../src/load/evidence.js');
const { loadEvidenceWorkbook, typeOfFact } = (await import(built('load/evidence-workbook.js'))) as typeof import('../src/load/evidence-workbook.js');
const tempDir = tempDirs('form-workers');

/** The fixture form of QLVH-CT with `late_reports` (an integer) past 2^53: refused at its cell. */
async function formWithRefusedValue(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(FIXTURES, 'forms', 'exceljs.xlsx'));
  const ws = wb.worksheets.find((s) => s.getCell('A1').value === 'cchc-evidence-form/1')!;
  ws.eachRow((row) => {
    if (row.getCell(1).value === 'late_reports') row.getCell(5).value = '99999999999999999999';
  });
  await wb.xlsx.writeFile(file);
}

describe('evidence forms read on worker threads', () => {
  it('give the same evidence, stamps, diagnostics and places as each form read here, in name order', async () => {
    const dir = tempDir();
    // Every unit's blank form, forms filled by exceljs and re-saved by LibreOffice, and files refused.
    expect(cchc(['template', '--quarter', '2019-Q2', '--per-unit', '--out', dir]).code).toBe(0);
    for (let i = 0; i < 40; i++) copyFileSync(join(FIXTURES, 'forms', i % 2 ? 'libreoffice.xlsx' : 'exceljs.xlsx'), join(dir, `filled-${String(i).padStart(2, '0')}.xlsx`));
    for (const f of ['encrypted.xlsx', 'old-binary.xlsx']) copyFileSync(join(FIXTURES, 'adversarial', f), join(dir, `z-${f}`));
    writeFileSync(join(dir, 'z-text.xlsx'), 'not a workbook');
    await formWithRefusedValue(join(dir, 'refused.xlsx'));
    const names = readdirSync(dir).sort();
    expect(names.length).toBeGreaterThanOrEqual(FORMS_ON_WORKERS);

    const types = factTypesOf((await checkRules('rules')).rules!);
    const progress: number[] = [];
    // Node says so of every worker thread started (the process's 'worker' event).
    let started = 0;
    const count = () => void started++;
    process.on('worker', count);
    const { files, diagnostics } = await loadEvidenceFiles(dir, types, (done, total) => {
      expect(total).toBe(names.length);
      progress.push(done);
    }).finally(() => process.off('worker', count));
    expect(started).toBe(availableParallelism() >= 2 ? availableParallelism() : 0);
    const here = [];
    for (const name of names) here.push(await loadEvidenceWorkbook(join(dir, name), typeOfFact(types)));

    expect(diagnostics).toEqual(here.flatMap((h) => h.diagnostics));
    expect(files.map((source) => plainOf({ source, diagnostics: [] }))).toEqual(here.filter((h) => h.source).map((h) => plainOf({ source: h.source, diagnostics: [] })));
    // What the comparison covers: filled values, a value refused at its cell, files refused at their start.
    expect(files).toHaveLength(names.length - 3);
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['EVIDENCE_NUMBER', 'EVIDENCE_DECIMAL_COMMA', 'EVIDENCE_WORKBOOK_ENCRYPTED', 'EVIDENCE_WORKBOOK_FORMAT']));
    const refused = files.find((f) => f.file.endsWith('refused.xlsx'))!;
    expect(refused.refused!(['units', 'QLVH-CT', 'facts', 'late_reports'])).toBe(true);
    // Progress starts at 0 and counts each file once, as it is read.
    expect(progress).toEqual(Array.from({ length: names.length + 1 }, (_, i) => i));
  });
});
