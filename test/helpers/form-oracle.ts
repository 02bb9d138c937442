// exceljs's own reader as the oracle for the lean one (src/load/xlsx-reader.ts): the same form
// loaders run on either, and must read the same evidence, diagnostics and places.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadEvidenceWorkbook, openWorkbook, unpackWorkbookFile, type FactTypeOf, type WorkbookOpener } from '../../src/load/evidence-workbook.js';
import type { Path, SourceFile } from '../../src/load/yaml-file.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { writeZip } from './zip.js';

/** Opens a workbook with exceljs's full `load`, after the same checks of its bytes, as cchc did before the lean reader. */
export const openWithExceljs: WorkbookOpener = async (file) => {
  const unpacked = await unpackWorkbookFile(file);
  if (!('parts' in unpacked)) return unpacked;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(unpacked.bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    return { diagnostics: [diagnostic('FILE_UNREADABLE', { file, line: 1, col: 1 }, { reason: (err as Error).message.split('\n')[0]! })] };
  }
  return { wb };
};

/** A fact's type from its id alone: every type comes up, the same for both readers. */
export const someTypeOf: FactTypeOf = (_unit, fact) => (['number', 'integer', 'boolean', undefined] as const)[fact.length % 4];

/** Every path of a value, parents first. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [path];
  return [path, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, Array.isArray(value) ? Number(k) : k]))];
}

/** What a form loader gives, as plain data: the evidence, the stamps, the diagnostics, and where each path of the evidence is said. */
async function readAs(file: string, open: WorkbookOpener): Promise<unknown> {
  return plainOf(await loadEvidenceWorkbook(file, someTypeOf, open));
}

/** A form read, as plain data: the evidence, the stamps, the diagnostics, and where each path of the evidence is said. */
export function plainOf({ source, diagnostics }: { source?: SourceFile; diagnostics: Diagnostic[] }): unknown {
  const places = source
    ? pathsOf(source.data).map((p) => [p.join('/'), source.locate(p), source.locate(p, 'key'), source.slotOf?.(p), source.refused?.(p)])
    : [];
  return { file: source?.file, data: source?.data, forms: source?.forms, diagnostics, places };
}

/**
 * Asserts that the lean reader and exceljs read `file` alike; returns what they read. With
 * `exceljsMayFail`, a file exceljs cannot read (it cannot read some it writes itself: a sheet
 * named ` ' ` breaks its print areas) compares nothing and gives undefined.
 */
export async function expectReadAlike(file: string, { exceljsMayFail = false } = {}): Promise<unknown> {
  const lean = await readAs(file, openWorkbook);
  const oracle = (await readAs(file, openWithExceljs)) as { diagnostics: { code: string }[] };
  if (exceljsMayFail && oracle.diagnostics.some((d) => d.code === 'FILE_UNREADABLE')) return undefined;
  expect(lean).toEqual(oracle);
  return lean;
}

const xml = (body: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`, 'utf8');
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A form written as Excel writes what exceljs does not: rich-text runs and a phonetic guide in
 * the shared strings, `_x000D_` escapes, inline strings, a shared formula whose other cells
 * keep only their cached value, a `t="str"` formula result, a date as a serial in a date
 * format, custom percent formats, character references, cells of a row out of order, and a
 * chart sheet among the sheets.
 */
export function excelStyleForm(unit: string, quarter: string, digest: string): Buffer {
  const strings = [
    '<si><t>cchc-evidence-form/1</t></si>',
    `<si><t>${unit}</t></si>`,
    '<si><r><rPr><b/></rPr><t xml:space="preserve">Sổ theo dõi </t></r><r><t>quý II</t></r><rPh sb="0" eb="1"><t>ソ</t></rPh></si>',
    '<si><t>Dòng một_x000D_\nDòng hai &amp; &#x1EA1;</t></si>',
    '<si><t>có</t></si>',
  ];
  const c = (ref: string, body: string, attrs = '') => `<c r="${ref}"${attrs}>${body}</c>`;
  const rows = [
    `<row r="1">${c('C1', '<v>2</v>', ' t="s"')}${c('A1', '<v>0</v>', ' t="s"')}</row>`,
    `<row r="2">${c('A2', '<v>1</v>', ' t="s"')}</row>`,
    `<row r="3">${c('A3', `<is><t>${quarter}</t></is>`, ' t="inlineStr"')}</row>`,
    `<row r="4">${c('A4', `<is><r><t>${digest.slice(0, 10)}</t></r><r><rPr><i/></rPr><t>${digest.slice(10)}</t></r></is>`, ' t="inlineStr"')}</row>`,
    `<row r="7">${c('G7', '<v>3</v>', ' t="s"')}${c('F7', '<v>2</v>', ' t="s"')}${c('E7', '<f t="shared" ref="E7:E9" si="0">40+2</f><v>42</v>')}${c('A7', '<is><t>late_reports</t></is>', ' t="inlineStr"')}</row>`,
    `<row r="8">${c('A8', '<is><t>permit_on_time_rate</t></is>', ' t="inlineStr"')}${c('E8', '<f t="shared" si="0"/><v>0.99</v>', ' s="1"')}${c('G8', '<v>43646</v>', ' s="2"')}</row>`,
    `<row r="9">${c('A9', '<is><t>uniform_ok</t></is>', ' t="inlineStr"')}${c('E9', '<f t="shared" si="0"/><v>1</v>', ' t="b"')}</row>`,
    `<row r="10">${c('A10', '<is><t>badge_ok</t></is>', ' t="inlineStr"')}${c('E10', '<f>IF(1,"có","không")</f><v>có</v>', ' t="str"')}</row>`,
    `<row r="11">${c('A11', '<is><t>hours_ok</t></is>', ' t="inlineStr"')}${c('E11', '<v>4</v>', ' t="s"')}</row>`,
    `<row r="12">${c('A12', '<is><t>late_incident_reports</t></is>', ' t="inlineStr"')}${c('E12', '<v>0.5</v>', ' s="3"')}</row>`,
    `<row r="13">${c('A13', '<is><t>discipline_violations</t></is>', ' t="inlineStr"')}${c('E13', '<v>#N/A</v>', ' t="e"')}</row>`,
    `<row r="14">${c('A14', '<is><t>recognised_initiatives</t></is>', ' t="inlineStr"')}${c('E14', '<is><t>3,5</t></is>', ' t="inlineStr"')}</row>`,
  ];
  const entries = [
    { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>') },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    {
      name: 'xl/workbook.xml',
      data: xml(`<workbook ${MAIN}><workbookPr/><sheets><sheet name="Chart" sheetId="3" r:id="rId3"/><sheet name="Đơn vị &amp; mẫu" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId3" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId5" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/chartsheets/sheet1.xml', data: xml(`<chartsheet ${MAIN}><sheetPr/></chartsheet>`) },
    {
      name: 'xl/styles.xml',
      data: xml(
        `<styleSheet ${MAIN}><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy;@"/></numFmts><cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
      ),
    },
    { name: 'xl/sharedStrings.xml', data: xml(`<sst ${MAIN} count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</sst>`) },
    { name: 'xl/worksheets/sheet1.xml', data: xml(`<worksheet ${MAIN}><dimension ref="A1:G14"/><sheetData>${rows.join('')}</sheetData></worksheet>`) },
  ];
  return writeZip(entries);
}
