/**
 * The parts every workbook shares, in the form of Vietnamese administrative documents (Decree
 * 30/2020/NĐ-CP): issuing body and national motto, place-and-date line, title, signature blocks;
 * Times New Roman, A4 landscape, one page wide, table header repeated on each printed page.
 */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import './exceljs-patch.js';
import type { Borders, Cell, Font, Worksheet } from 'exceljs';
import { writeZip, type ZipEntry } from '../files/zip.js';
import { dateParts } from '../../model/quarter.js';
import { columnLetters } from '../../diagnostics/diagnostic.js';
import type { Labels } from '../labels.js';

export const FONT = 'Times New Roman';
const SIZE = 11;

/** Who issues the document, where and when: from the scheme, and `--date` when given. */
export interface DocumentHead {
  organization: string;
  committee: string;
  place: string;
  /** `YYYY-MM-DD`; without it the date line keeps its blanks. */
  date?: string;
}

/** A workbook whose recorded creation and modification dates are `date`, so reruns match. */
export function newWorkbook(date: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cchc';
  wb.lastModifiedBy = 'cchc';
  wb.created = date;
  wb.modified = date;
  return wb;
}

/**
 * Streams a workbook to `file`: `write` adds and commits its sheets, then it is committed. Text
 * goes to the shared-strings table (written inline, LibreOffice reads a line break in it as a
 * space). A file error (a folder that cannot be written, a full disk) rejects with that error at
 * whatever point it happens; exceljs would only listen for it once the workbook is committed.
 */
export async function streamWorkbook(file: string, date: Date, write: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void> | void): Promise<void> {
  const stream = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true, created: date, modified: date, creator: 'cchc', lastModifiedBy: 'cchc' } as never);
  const work = (async () => {
    await write(wb);
    await wb.commit();
  })();
  // Whichever loses the race must not surface later as an unhandled rejection.
  work.catch(() => undefined);
  failed.catch(() => undefined);
  try {
    await Promise.race([work, failed]);
  } finally {
    if (!stream.closed) stream.destroy();
  }
}

/** The parts of exceljs's in-memory writer (`XLSX.write` in exceljs 4.4) that it renders into a zip. */
interface XlsxParts {
  prepareModel(model: unknown, options: object): void;
  [add: `add${string}`]: (zip: { append(data: string | Buffer, options: { name: string; base64?: boolean }): void }, model: unknown) => Promise<void>;
}

const NO_STYLE = Object.freeze({});

/**
 * The bytes of an in-memory workbook: exceljs renders its parts, in the order its own `write`
 * does, and they are zipped here with Node's zlib at its fastest level, each dated as the
 * workbook, so the same workbook gives the same bytes. exceljs's own writer packs them through
 * jszip (a JavaScript crc32 and deflate, and a timer tick per chunk), which took a third of the
 * time of a unit scorecard.
 */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const xlsx = wb.xlsx as unknown as XlsxParts;
  // A row's style is its own empty object, which exceljs registers afresh for every row; rows
  // without a style share one, registered once (exceljs knows a style object it has seen).
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) => {
      const r = row as unknown as { style: object };
      if (Object.keys(r.style).length === 0) r.style = NO_STYLE;
    });
  }
  const model = (wb as unknown as { model: unknown }).model;
  const entries: ZipEntry[] = [];
  const zip = {
    append(data: string | Buffer, { name, base64 }: { name: string; base64?: boolean }) {
      const common = !name.startsWith('xl/worksheets/') && name !== 'xl/sharedStrings.xml';
      entries.push({ name: Buffer.from(name), data: typeof data === 'string' ? Buffer.from(data, base64 ? 'base64' : 'utf8') : data, common });
    },
  };
  xlsx.prepareModel(model, {});
  for (const add of ['addContentTypes', 'addOfficeRels', 'addWorkbookRels', 'addWorksheets', 'addSharedStrings', 'addDrawings', 'addTables', 'addThemes', 'addStyles', 'addMedia', 'addApp', 'addCore', 'addWorkbook'] as const) {
    await xlsx[add]!(zip, model);
  }
  return writeZip(entries, wb.created);
}

/** Sets column widths (in characters), each column in Times New Roman, empty cells included. */
export function setColumns(ws: Worksheet, widths: readonly number[]): void {
  ws.columns = widths.map((width) => ({ width, style: { font: { name: FONT, size: SIZE } } }));
}

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  numFmt?: string;
  border?: boolean;
  fill?: string;
  /** Left unlocked on a protected sheet (a cell to fill in). */
  unlocked?: boolean;
}

const THIN: Partial<Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Styles already built, by their options: cells with the same look share one style object. */
const STYLES = new Map<string, Partial<ExcelJS.Style>>();

/**
 * The exceljs style of a CellStyle, built once and shared: a workbook of 150,000 cells then holds
 * a handful of style objects instead of half a million, which is most of its memory. A shared
 * style must never be changed in place: put() is the only writer of cell styles.
 */
function styleOf(style: CellStyle): Partial<ExcelJS.Style> {
  const known = BY_OBJECT.get(style);
  if (known) return known;
  const built = styleByKey(style);
  BY_OBJECT.set(style, built);
  return built;
}

/** Styles already built, by the CellStyle object given: a style written in a loop is looked up, not spelled out. */
const BY_OBJECT = new WeakMap<CellStyle, Partial<ExcelJS.Style>>();

function styleByKey(style: CellStyle): Partial<ExcelJS.Style> {
  const key = `${style.bold ? 'b' : ''}${style.italic ? 'i' : ''}${style.underline ? 'u' : ''}${style.wrap ? 'w' : ''}${style.border ? 'o' : ''}${style.unlocked ? 'l' : ''}|${style.size ?? ''}|${style.align ?? ''}|${style.numFmt ?? ''}|${style.fill ?? ''}`;
  let built = STYLES.get(key);
  if (!built) {
    const font: Partial<Font> = { name: FONT, size: style.size ?? SIZE };
    if (style.bold) font.bold = true;
    if (style.italic) font.italic = true;
    if (style.underline) font.underline = true;
    const horizontal = style.align ?? 'left';
    built = {
      font,
      // An indent of one keeps right-aligned numbers off the text of the next cell.
      alignment: { vertical: 'middle', horizontal, wrapText: style.wrap ?? false, ...(horizontal === 'center' ? {} : { indent: 1 }) },
      ...(style.numFmt ? { numFmt: style.numFmt } : {}),
      ...(style.border ? { border: THIN } : {}),
      ...(style.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } } as ExcelJS.Fill } : {}),
      ...(style.unlocked ? { protection: { locked: false } } : {}),
    };
    STYLES.set(key, built);
  }
  return built;
}

/** Writes a value with a style; every cell written goes through here, so none escapes the font. */
export function put(ws: Worksheet, row: number, col: number, value: ExcelJS.CellValue, style: CellStyle = {}): Cell {
  // By row and column number: ws.getCell(row, col) spells the address out and parses it again.
  const cell = ws.getRow(row).getCell(col);
  cell.value = typeof value === 'string' ? cellText(value) : value;
  cell.style = styleOf(style);
  return cell;
}

/** The private members of exceljs's streamed worksheet (4.4) that SheetRows writes through. */
interface StreamedSheet {
  stream: { write(xml: string): void; pipes?: { _writableState?: { length?: number } }[] };
  startedData: boolean;
  _rows: unknown[] | null;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  workbook: {
    sharedStrings: { add(text: string): number };
    styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number };
  };
}

/** Bytes of a sheet's XML let wait for the zip before writing more rows. */
const BACKLOG = 4 * 1024 * 1024;

/**
 * The body rows of a streamed sheet, written as the sheet's XML directly: the detail sheet has
 * a row per unit and criterion (1,040,000 at 20,000 units), and exceljs builds a row object, a
 * cell object per cell, a model of each and the XML of each in turn, which took most of the
 * ranking workbook's time and memory. The XML is what exceljs writes for the same cells (text
 * in the shared strings, each style registered with the workbook's). Start once the sheet's
 * exceljs rows are committed; write no exceljs row after.
 */
export class SheetRows {
  private readonly sheet: StreamedSheet;
  private readonly styleIds = new Map<CellStyle, number>();
  private readonly letters: string[];

  constructor(ws: Worksheet, private readonly widths: readonly number[]) {
    this.sheet = ws as unknown as StreamedSheet;
    if (this.sheet._rows?.some(Boolean)) throw new Error('SheetRows: commit the rows written through exceljs first');
    if (!this.sheet.startedData) {
      this.sheet._writeColumns();
      this.sheet._writeOpenSheetData();
      this.sheet.startedData = true;
    }
    this.letters = widths.map((_, i) => columnLetters(i + 1));
  }

  /**
   * Row `row`: a value and a style per column from the first (null leaves a cell empty but
   * styled); its height fits the wrapped text, as fitHeight does.
   */
  write(row: number, values: readonly (string | number | null)[], styles: readonly CellStyle[]): void {
    const { sharedStrings } = this.sheet.workbook;
    let lines = 1;
    let cells = '';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const style = styles[i]!;
      const s = this.styleId(style);
      const ref = `${this.letters[i]}${row}`;
      if (value === null || value === undefined) cells += `<c r="${ref}" s="${s}"/>`;
      else if (typeof value === 'number') cells += `<c r="${ref}" s="${s}"><v>${value}</v></c>`;
      else {
        const text = cellText(value);
        if (style.wrap) lines = Math.max(lines, linesIn(text, this.widths[i] ?? 10));
        cells += `<c r="${ref}" s="${s}" t="s"><v>${sharedStrings.add(text)}</v></c>`;
      }
    }
    this.sheet.stream.write(`<row r="${row}" ht="${heightOf(lines)}" customHeight="1" spans="1:${values.length}" x14ac:dyDescent="0.25">${cells}</row>`);
  }

  /**
   * Waits until the zip has taken most of what was written. exceljs gives no backpressure: rows
   * written in a loop pile up in the zip's input (the whole detail sheet), since the compressor
   * takes one chunk per turn of the event loop. The backlog is read from the stream's pipe
   * (readable-stream's state); without it, this only yields.
   */
  async drained(): Promise<void> {
    const pipe = this.sheet.stream.pipes?.[0];
    do await new Promise((resolve) => setImmediate(resolve));
    while ((pipe?._writableState?.length ?? 0) > BACKLOG);
  }

  private styleId(style: CellStyle): number {
    let id = this.styleIds.get(style);
    if (id === undefined) {
      // exceljs's cell type for a style without a number format: 2 (number) gives "General".
      id = this.sheet.workbook.styles.addStyleModel(styleOf(style), 2);
      this.styleIds.set(style, id);
    }
    return id;
  }
}

/** Characters XML 1.0 cannot hold (exceljs leaves some in, and the file is then not well-formed). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** The most characters an Excel cell holds. */
const CELL_MAX = 32_767;

/** Any character that may be one NOT_XML removes: most text has none, and is not searched further. */
const MAYBE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text as a cell can hold it: without what XML cannot hold, cut to Excel's 32,767 characters. */
export function cellText(text: string): string {
  const clean = MAYBE_NOT_XML.test(text) ? text.replace(NOT_XML, '') : text;
  return clean.length <= CELL_MAX ? clean : `${clean.slice(0, CELL_MAX - 1)}…`;
}

/** Writes a value across columns `from`..`to` of a row, merged. */
export function putMerged(ws: Worksheet, row: number, from: number, to: number, value: ExcelJS.CellValue, style: CellStyle = {}): Cell {
  if (to > from) ws.mergeCells(row, from, row, to);
  if (style.border) for (let c = from + 1; c <= to; c++) ws.getCell(row, c).style = styleOf({ border: true });
  return put(ws, row, from, value, style);
}

/** The number format of a scheme's precision: 2 → `0.00`. */
export function numberFormat(precision: number): string {
  return precision > 0 ? `0.${'0'.repeat(precision)}` : '0';
}

/** The left and right halves of the sheet's width, for the two heading and signature blocks. */
export function halves(widths: readonly number[]): { left: [number, number]; right: [number, number] } {
  const total = widths.reduce((a, b) => a + b, 0);
  let sum = 0;
  let split = 1;
  for (let i = 0; i < widths.length - 1; i++) {
    sum += widths[i]!;
    split = i + 1;
    if (sum >= total * 0.42) break;
  }
  return { left: [1, split], right: [split + 1, widths.length] };
}

/**
 * Rows 1–3: organization and committee top left, the national motto top right, the place-and-date
 * line under it. Returns the next free row.
 */
export function writeHeading(ws: Worksheet, head: DocumentHead, labels: Labels, widths: readonly number[]): number {
  const { left, right } = halves(widths);
  const center = { align: 'center' as const, size: 12 };
  putMerged(ws, 1, left[0], left[1], head.organization.toLocaleUpperCase('vi'), center);
  putMerged(ws, 2, left[0], left[1], head.committee.toLocaleUpperCase('vi'), { ...center, bold: true });
  putMerged(ws, 1, right[0], right[1], labels.motto[0], { ...center, bold: true });
  putMerged(ws, 2, right[0], right[1], labels.motto[1], { ...center, bold: true, underline: true });
  putMerged(ws, 3, right[0], right[1], labels.dateLine(head.place, dateParts(head.date)), { ...center, italic: true });
  for (const r of [1, 2, 3]) ws.getRow(r).height = 18;
  return 5;
}

/** A title line across the whole width. Returns the next row. */
export function writeTitle(ws: Worksheet, row: number, text: string, lastCol: number, style: CellStyle = {}): number {
  putMerged(ws, row, 1, lastCol, text, { bold: true, size: 13, align: 'center', wrap: true, ...style });
  ws.getRow(row).height = 20;
  return row + 1;
}

/** The signature blocks, prepared-by on the left and the committee head on the right, from `row`. */
export function writeSignatures(ws: Worksheet, row: number, labels: Labels, widths: readonly number[]): number {
  const { left, right } = halves(widths);
  const center = { align: 'center' as const, size: 12 };
  putMerged(ws, row, left[0], left[1], labels.preparedBy, { ...center, bold: true });
  putMerged(ws, row, right[0], right[1], labels.head, { ...center, bold: true });
  putMerged(ws, row + 1, left[0], left[1], labels.signHint, { ...center, italic: true });
  putMerged(ws, row + 1, right[0], right[1], labels.signHint, { ...center, italic: true });
  return row + 6;
}

/** A4 (landscape unless said), one page wide, the header row repeated on every page, frozen below it, page numbers. */
export function setPrinting(ws: Worksheet, headerRow: number, labels: Labels, orientation: 'landscape' | 'portrait' = 'landscape'): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  ws.headerFooter = { oddFooter: `&C&"${FONT},Regular"&10${labels.footer}` };
  // In place: a streamed sheet has its views array but no setter for it.
  ws.views.splice(0, ws.views.length, { state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` });
}

/**
 * Sets a row's height to fit its wrapped text, estimated from text length and column widths
 * (spreadsheet programs do not all refit rows on opening).
 */
export function fitHeight(ws: Worksheet, row: number, widths: readonly number[], spans: ReadonlyMap<number, number> = new Map()): void {
  let lines = 1;
  ws.getRow(row).eachCell((cell, col) => {
    // A merged cell's followers report the leader's value; only the leader counts, over its span.
    if (!cell.alignment?.wrapText || cell.master.address !== cell.address) return;
    const text = typeof cell.value === 'string' ? cell.value : '';
    const span = spans.get(col) ?? 1;
    let width = 0;
    for (let c = col; c < col + span; c++) width += widths[c - 1] ?? 10;
    lines = Math.max(lines, linesIn(text, width));
  });
  ws.getRow(row).height = heightOf(lines);
}

/** How many lines `text` takes, wrapped in a column `width` characters wide (Times New Roman 11). */
export function linesIn(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.2) - 1);
  // A character outside the BMP is one character, not two code units: counted apart (rare).
  if (SURROGATE.test(text)) return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil([...part].length / perLine)), 0);
  let lines = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const length = (end < 0 ? text.length : end) - start;
    lines += Math.max(1, Math.ceil(length / perLine));
    if (end < 0) return lines;
    start = end + 1;
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** The row height, in points, of `lines` lines of text. */
export function heightOf(lines: number): number {
  // 409 points is the tallest row Excel allows.
  return Math.min(409, Math.max(16, lines * 15 + 2));
}
