import { MAX_PART_ELEMENTS } from './workbook-limits.js';
import { scanXml, XmlError, XmlTooManyElements } from './xml-scanner.js';

/**
 * A cell as the form readers see it: the members of exceljs's `Cell` they use, with the same
 * meanings, so that exceljs's own workbook can stand in for this one (the tests compare them).
 */
export interface FormCell {
  /** A number, text, true/false, a date (a number shown in a date format), `{ error }`, or null when blank. */
  readonly value: unknown;
  /** Set (not empty) when the cell holds a formula; its value is then `result`. */
  readonly formula?: string;
  /** A formula's value as last computed, undefined when it was never computed. */
  readonly result?: unknown;
  /** The cell's number format code (`0%`, `dd/mm/yyyy`), undefined for General. */
  readonly numFmt?: string;
  readonly address: string;
  /** The cell a merged range shows the value of: the cell itself unless merged into another. */
  readonly master: { readonly address: string };
}

/** A sheet as the form readers see it (a subset of exceljs's `Worksheet`). */
export interface FormSheet {
  readonly name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  readonly state: string;
  /** The last row the sheet holds (a row element or a merged range), past the row cap when it goes on. */
  readonly rowCount: number;
  getCell(row: number, col: number): FormCell;
}

/** A workbook as the form readers see it (a subset of exceljs's `Workbook`). */
export interface FormWorkbook {
  readonly worksheets: readonly FormSheet[];
}

/** Why a workbook's parts do not make a workbook that can be read. */
export class WorkbookError extends Error {}

/** A part past what a form can need: more than `MAX_PART_ELEMENTS` elements. */
export class WorkbookPartTooLarge extends Error {
  constructor(readonly part: string) {
    super(`${part}: more than ${MAX_PART_ELEMENTS} XML elements`);
  }
}

/** Number formats Excel knows by id without writing them (those exceljs knows, to read alike). */
const BUILT_IN_FORMATS = new Map<number, string>([
  [0, 'General'], [1, '0'], [2, '0.00'], [3, '#,##0'], [4, '#,##0.00'], [9, '0%'], [10, '0.00%'],
  [11, '0.00E+00'], [12, '# ?/?'], [13, '# ??/??'], [14, 'mm-dd-yy'], [15, 'd-mmm-yy'], [16, 'd-mmm'],
  [17, 'mmm-yy'], [18, 'h:mm AM/PM'], [19, 'h:mm:ss AM/PM'], [20, 'h:mm'], [21, 'h:mm:ss'],
  [22, 'm/d/yy "h":mm'], [37, '#,##0 ;(#,##0)'], [38, '#,##0 ;[Red](#,##0)'], [39, '#,##0.00 ;(#,##0.00)'],
  [40, '#,##0.00 ;[Red](#,##0.00)'], [45, 'mm:ss'], [46, '[h]:mm:ss'], [47, 'mmss.0'], [48, '##0.0E+0'], [49, '@'],
]);

/** Columns a sheet may have (XFD), to number cells by row and column. */
const COLUMNS = 16_384;

const BLANK: FormCell = { value: null, address: '', master: { address: '' } };

/**
 * Reads the parts of a workbook (unpacked zip entries by name) into the cells the form readers
 * need: sheet names and states from `xl/workbook.xml` and its relationships, shared strings,
 * number formats, each worksheet's values, formulas' cached values and merged ranges. Rows past
 * `rowCap` are not read: the sheet's `rowCount` then says one of them. Nothing else of the file
 * (styles beyond number formats, drawings, comments) is looked at. Throws `WorkbookError` for
 * parts that cannot be read, `WorkbookPartTooLarge` for one past the limit.
 */
export function readWorkbook(parts: ReadonlyMap<string, Buffer>, rowCap: number): FormWorkbook {
  const text = (name: string): string | undefined => {
    const bytes = parts.get(name);
    if (bytes === undefined) return undefined;
    const xml = bytes.toString('utf8');
    return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  };
  const book = text('xl/workbook.xml');
  if (book === undefined) return { worksheets: [] };
  const sheets: { name: string; state: string; rel: string }[] = [];
  let date1904 = false;
  read('xl/workbook.xml', book, {
    open(name, a) {
      if (name === 'sheet') sheets.push({ name: own(a.name ?? ''), state: a.state ?? 'visible', rel: a.id ?? '' });
      else if (name === 'workbookPr') date1904 = a.date1904 === '1';
    },
  });
  const targets = new Map<string, string>();
  read('xl/_rels/workbook.xml.rels', text('xl/_rels/workbook.xml.rels') ?? '', {
    open(name, a) {
      // Chart sheets and the like are not worksheets: left out, as exceljs leaves them.
      if (name === 'Relationship' && a.Id !== undefined && /\/worksheet$/.test(a.Type ?? '') && a.TargetMode !== 'External') {
        targets.set(a.Id, partOf(a.Target ?? ''));
      }
    },
  });
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  const formats = numberFormats(text('xl/styles.xml'));
  const worksheets: FormSheet[] = [];
  for (const { name, state, rel } of sheets) {
    const part = targets.get(rel);
    const xml = part === undefined ? undefined : text(part);
    if (xml === undefined) continue;
    worksheets.push({ name, state, ...readSheet(part!, xml, strings, formats, date1904, rowCap) });
  }
  return { worksheets };
}

/** Parses one part, naming it in the error; at most `MAX_PART_ELEMENTS` elements, so time and memory stay bounded. */
function read(part: string, xml: string, handler: Parameters<typeof scanXml>[1]): void {
  try {
    scanXml(xml, handler, MAX_PART_ELEMENTS);
  } catch (err) {
    if (err instanceof XmlError) throw new WorkbookError(`${part}: ${err.message}`);
    if (err instanceof XmlTooManyElements) throw new WorkbookPartTooLarge(part);
    throw err;
  }
}

/** The part a workbook relationship's target names: relative to `xl/`, or absolute from the package root. */
function partOf(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const piece of path.split('/')) {
    if (piece === '..') out.pop();
    else if (piece !== '.' && piece !== '') out.push(piece);
  }
  return out.join('/');
}

/**
 * A copy of a text cut from a part's XML that shares nothing with it: V8 keeps a cut longer than
 * a few characters as a view of the whole text, and one value kept from each of 3,000 forms
 * would keep every form's XML alive (some 25 kB each).
 */
function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** `_x000D_`: how Excel writes a character XML cannot hold, decoded where exceljs decodes it. */
function unescapeX(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}

/** The shared strings, rich-text runs joined, phonetic guides left out. */
function sharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (xml === undefined) return out;
  // The item's text so far, and the text of the <t> being read (escapes are decoded per <t>).
  let item: string | undefined;
  let text: string | undefined;
  let phonetic = 0;
  read('xl/sharedStrings.xml', xml, {
    open(name) {
      if (name === 'si') item = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && item !== undefined && phonetic === 0) text = '';
    },
    text(t) {
      if (text !== undefined) text += t;
    },
    close(name) {
      if (name === 't' && text !== undefined) {
        item += unescapeX(text);
        text = undefined;
      } else if (name === 'rPh') phonetic--;
      else if (name === 'si' && item !== undefined) {
        out.push(own(item));
        item = undefined;
      }
    },
  });
  return out;
}

/** Each cell style's number format code, by the style's index (`s`); undefined for General. */
function numberFormats(xml: string | undefined): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  if (xml === undefined) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  const ids: number[] = [];
  read('xl/styles.xml', xml, {
    open(name, a, empty) {
      if (name === 'numFmt') custom.set(Number.parseInt(a.numFmtId ?? '', 10), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = !empty;
      else if (name === 'xf' && inCellXfs) ids.push(Number.parseInt(a.numFmtId ?? '0', 10));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  for (const id of ids) out.push(id ? (custom.get(id) ?? BUILT_IN_FORMATS.get(id)) : undefined);
  return out;
}

/** Whether a number format shows a date or a time (exceljs's test: then a number cell is a date). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** A date serial as a date, as exceljs converts it (an invalid date for a serial no date can be). */
function dateOf(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** The five entities again: exceljs decodes a `t="str"` value a second time. */
function decodeAgain(text: string): string {
  return text.replace(/&([a-z]*);/g, (whole, name: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[name] ?? whole);
}

/** Column number of a cell reference's letters (`E7` is 5), 0 when it has none. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return col;
}

/** `E7` for row 7, column 5. */
function addressOf(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** A cell that is not merged into another: its own master, as in exceljs. */
class OwnCell implements FormCell {
  constructor(
    readonly value: unknown,
    readonly address: string,
    readonly numFmt: string | undefined,
    readonly formula?: string,
    readonly result?: unknown,
  ) {}
  get master(): FormCell {
    return this;
  }
}

interface PendingCell {
  row: number;
  col: number;
  type: string;
  style: number;
  v?: string;
  f?: string;
  shared: boolean;
  inline?: string;
  runs?: string[];
}

/** One worksheet's cells (rows up to `rowCap`), merged cells pointing at their master, and its row count. */
function readSheet(
  part: string,
  xml: string,
  strings: readonly string[],
  formats: readonly (string | undefined)[],
  date1904: boolean,
  rowCap: number,
): { rowCount: number; getCell(row: number, col: number): FormCell } {
  const cells = new Map<number, FormCell>();
  const merges: string[] = [];
  let rowCount = 0;
  let row = 0;
  let col = 0;
  let cell: PendingCell | undefined;
  // Which text is being read: a value, a formula, an inline string, or one of its runs.
  let into: 'v' | 'f' | 'inline' | 'run' | undefined;
  let inInline = false;
  let phonetic = 0;
  const finish = (c: PendingCell): void => {
    const numFmt = c.style ? formats[c.style] : undefined;
    const address = addressOf(c.row, c.col);
    let made: FormCell | undefined;
    if ((c.f !== undefined && c.f !== '') || c.shared) {
      let result: unknown;
      if (c.v) {
        if (c.type === 'str') result = own(decodeAgain(c.v));
        else if (c.type === 'b') result = Number.parseInt(c.v, 10) !== 0;
        else if (c.type === 'e') result = { error: own(c.v) };
        else result = Number.parseFloat(c.v);
        if (typeof result === 'number' && isDateFormat(numFmt)) result = dateOf(result, date1904);
      }
      // A shared formula's other cells write no text; what matters is that it is a formula.
      const formula = c.f || '(shared)';
      made = new OwnCell({ formula, result }, address, numFmt, formula, result);
    } else {
      let value: unknown;
      if (c.type === 'inlineStr') value = c.runs ? own(c.runs.map(unescapeX).join('')) : c.inline ? own(c.inline) : undefined;
      else if (c.v) {
        if (c.type === 's') {
          const index = Number.parseInt(c.v, 10);
          value = strings[index];
          if (value === undefined) throw new WorkbookError(`${part}: ${address} names shared string ${c.v}, past the ${strings.length} there are`);
        } else if (c.type === 'str') value = own(decodeAgain(c.v));
        else if (c.type === 'b') value = Number.parseInt(c.v, 10) !== 0;
        else if (c.type === 'e') value = { error: own(c.v) };
        else {
          const n = Number.parseFloat(c.v);
          value = isDateFormat(numFmt) ? dateOf(n, date1904) : n;
        }
      }
      if (value !== undefined) made = new OwnCell(value, address, numFmt);
    }
    if (made) cells.set(c.row * COLUMNS + c.col, made);
  };
  read(part, xml, {
    open(name, a) {
      if (cell !== undefined) {
        if (name === 'rPh') phonetic++;
        else if (phonetic > 0) return;
        else if (name === 'v') {
          into = 'v';
          cell.v ??= '';
        } else if (name === 'f') {
          into = 'f';
          cell.f ??= '';
          if (a.t === 'shared') cell.shared = true;
        } else if (name === 'is') inInline = true;
        else if (name === 'r' && inInline) (cell.runs ??= []).push('');
        else if (name === 't' && inInline) into = cell.runs ? 'run' : 'inline';
        return;
      }
      if (name === 'row') {
        row = a.r !== undefined ? Number.parseInt(a.r, 10) : row + 1;
        if (!(row >= 1 && row <= 1_048_576)) throw new WorkbookError(`${part}: a row numbered ${a.r}`);
        col = 0;
        rowCount = Math.max(rowCount, row);
        // Rows come in order; past the cap the sheet is refused, and nothing after it is read.
        if (row > rowCap) return false;
      } else if (name === 'c') {
        col = a.r !== undefined ? columnOf(a.r) : col + 1;
        if (!(col >= 1 && col <= COLUMNS) || row === 0) throw new WorkbookError(`${part}: a cell at ${a.r ?? `column ${col}`} outside a row`);
        cell = { row, col, type: a.t ?? 'n', style: a.s !== undefined ? Number.parseInt(a.s, 10) : 0, shared: false };
      } else if (name === 'mergeCell' && a.ref !== undefined) {
        merges.push(a.ref);
      }
    },
    text(t) {
      if (cell === undefined || into === undefined || phonetic > 0) return;
      if (into === 'v') cell.v += t;
      else if (into === 'f') cell.f += t;
      else if (into === 'inline') cell.inline = (cell.inline ?? '') + t;
      else cell.runs![cell.runs!.length - 1] += t;
    },
    close(name) {
      if (cell === undefined) return;
      if (name === 'rPh') phonetic--;
      else if (name === 'v' || name === 'f' || name === 't') into = undefined;
      else if (name === 'is') inInline = false;
      else if (name === 'c') {
        finish(cell);
        cell = undefined;
      }
    },
  });
  if (rowCount <= rowCap) rowCount = Math.max(rowCount, mergeInto(cells, merges, part));
  return { rowCount, getCell: (r, c) => cells.get(r * COLUMNS + c) ?? BLANK };
}

/**
 * Marks the cells of each merged range but its first as showing that one's value (they read as
 * blank: their value belongs to another row). Overlapping ranges are refused, as exceljs refuses
 * them. The ranges' size is bounded before (`MAX_RANGE_CELLS`). Returns the last row merged.
 */
function mergeInto(cells: Map<number, FormCell>, merges: readonly string[], part: string): number {
  const merged = new Set<number>();
  let last = 0;
  for (const ref of merges) {
    const [from = '', to = from] = ref.replace(/\$/g, '').split(':');
    const top = Number.parseInt(from.slice(from.search(/\d/)), 10);
    const bottom = Number.parseInt(to.slice(to.search(/\d/)), 10);
    const left = columnOf(from);
    const right = columnOf(to);
    if (!(top >= 1 && bottom >= 1 && left >= 1 && right >= 1)) throw new WorkbookError(`${part}: a merged range ${ref}`);
    const [r1, r2] = top <= bottom ? [top, bottom] : [bottom, top];
    const [c1, c2] = left <= right ? [left, right] : [right, left];
    const master = { address: addressOf(r1, c1) };
    last = Math.max(last, r2);
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) {
        const at = r * COLUMNS + c;
        if (merged.has(at)) throw new WorkbookError(`${part}: merged ranges overlap at ${addressOf(r, c)}`);
        merged.add(at);
        if (r !== r1 || c !== c1) cells.set(at, { value: null, address: addressOf(r, c), master });
      }
    }
  }
  return last;
}
