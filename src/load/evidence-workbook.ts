import { diagnostic, where, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { FactValue } from '../model/evidence.js';
import { FORM, NO_WORDS, YES_WORDS } from '../model/evidence-form.js';
import { setOwn } from '../model/own.js';
import { roundHalfUp } from '../model/round.js';
import type { FactType } from '../model/scorecard.js';
import { readBytes } from './read-bytes.js';
import { MAX_PART_ELEMENTS, MAX_WORKBOOK_BYTES, unpackWorkbook } from './workbook-limits.js';
import { readWorkbook, WorkbookError, WorkbookPartTooLarge, type FormCell, type FormSheet, type FormWorkbook } from './xlsx-reader.js';
import type { FormStamp, Path, SourceFile } from './yaml-file.js';

/** Most rows a form sheet may have: a bloc's form has about sixty. */
export const MAX_FORM_ROWS = 5000;

/** Opens a workbook for the form readers: `openWorkbook`, or in the tests exceljs's own reader to compare with. */
export type WorkbookOpener = (file: string) => Promise<{ wb: FormWorkbook } | { diagnostics: Diagnostic[] }>;

interface RawEntry {
  facts: Record<string, { value: FactValue; source?: string; note?: string }>;
  manual: Record<string, { points?: FactValue; note?: string; source?: string }>;
  not_applicable: string[];
}

/** The type of a fact of a unit's bloc, to read a cell as the fact needs; undefined for a fact unknown. */
export type FactTypeOf = (unit: string, fact: string) => FactType | undefined;

/** What a form reader needs of the rules, as plain data a worker thread can be given: each unit's bloc, each bloc's facts' types. */
export interface FactTypes {
  blocOf: Map<string, string>;
  types: Map<string, Map<string, FactType>>;
}

/** The types as a reader asks for them: by unit and fact. */
export function typeOfFact({ blocOf, types }: FactTypes): FactTypeOf {
  return (unit, fact) => {
    const bloc = blocOf.get(unit);
    return bloc === undefined ? undefined : types.get(bloc)?.get(fact);
  };
}

/**
 * Reads a filled evidence form (`cchc template`) into the same data an evidence YAML file
 * holds, with every value's cell as its location (`file.xlsx!Sheet!E7`). Rows are found by the
 * key in their hidden first column, so rows moved or labels retyped still read right. Never
 * throws for problems of the file itself.
 */
export async function loadEvidenceWorkbook(file: string, typeOf: FactTypeOf, open: WorkbookOpener = openWorkbook): Promise<{ source?: SourceFile; diagnostics: Diagnostic[] }> {
  const { form, diagnostics } = await readEvidenceWorkbook(file, typeOf, open);
  return { source: form && sourceOfForm(form), diagnostics };
}

/**
 * What a filled evidence form holds: the data, the stamps of its sheets, where each value was
 * read, and which values were refused (by `key`). With its places as plain data (`toPlain`), a
 * worker thread can send it.
 */
export interface ReadForm<Places = FormPlaces> {
  file: string;
  start: Location;
  data: { quarter: string; units: Record<string, RawEntry> };
  forms: FormStamp[];
  places: Places;
  refused: Set<string>;
}

/** Reads a filled evidence form (see loadEvidenceWorkbook). */
export async function readEvidenceWorkbook(file: string, typeOf: FactTypeOf, open: WorkbookOpener = openWorkbook): Promise<{ form?: ReadForm; diagnostics: Diagnostic[] }> {
  const opened = await open(file);
  if (!('wb' in opened)) return opened;
  const { wb } = opened;
  const diagnostics: Diagnostic[] = [];
  const places = new FormPlaces(file);
  const units: Record<string, RawEntry> = {};
  const forms: FormStamp[] = [];
  // Values given but refused (their error said at the cell), so that they are not also missing.
  const refused = new Set<string>();
  const readCell = (cell: FormCell, type: FactType | undefined, at: Location, path: Path): FactValue | undefined => {
    const before = diagnostics.length;
    const value = readValue(cell, type, at, diagnostics);
    if (value === undefined && diagnostics.slice(before).some((d) => d.severity === 'error')) refused.add(key(path));
    return value;
  };
  for (const { ws, stamp, at, place } of formSheets(wb, file, FORM, diagnostics, places)) {
    const { unit } = stamp;
    forms.push(stamp);
    const entry: RawEntry = { facts: {}, manual: {}, not_applicable: [] };
    const seen = new Map<string, Location>();
    for (let r = FORM.headerRow + 1; r <= ws.rowCount; r++) {
      const rowKey = textOf(ws.getCell(r, FORM.col.key));
      if (!rowKey) continue;
      const keyAt = at(r, FORM.col.key);
      if (seen.has(rowKey)) {
        diagnostics.push(diagnostic('EVIDENCE_ROW_TWICE', keyAt, { key: rowKey, first: where(seen.get(rowKey)!) }));
        continue;
      }
      seen.set(rowKey, keyAt);
      const valueAt = at(r, FORM.col.value);
      const source = textOf(ws.getCell(r, FORM.col.source));
      const note = textOf(ws.getCell(r, FORM.col.note));
      if (rowKey.startsWith(FORM.manualPrefix)) {
        const id = rowKey.slice(FORM.manualPrefix.length);
        const points = readCell(ws.getCell(r, FORM.col.value), 'number', valueAt, ['units', unit, 'manual', id]);
        place(['manual', id], r, FORM.col.value);
        place(['manual', id], r, FORM.col.key, 'key');
        place(['manual', id, 'points'], r, FORM.col.value);
        place(['manual', id, 'note'], r, FORM.col.note);
        place(['manual', id, 'source'], r, FORM.col.source);
        if (points === undefined && note === undefined && source === undefined) continue;
        setOwn(entry.manual, id, { ...(points !== undefined ? { points } : {}), ...(note !== undefined ? { note } : {}), ...(source !== undefined ? { source } : {}) });
      } else if (rowKey.startsWith(FORM.notApplicablePrefix)) {
        const marked = readValue(ws.getCell(r, FORM.col.value), 'boolean', valueAt, diagnostics);
        if (marked === true) {
          place(['not_applicable', entry.not_applicable.length], r, FORM.col.value);
          entry.not_applicable.push(rowKey.slice(FORM.notApplicablePrefix.length));
        } else if (marked !== undefined && marked !== false) {
          diagnostics.push(diagnostic('EVIDENCE_TYPE', valueAt, { fact: rowKey.slice(FORM.notApplicablePrefix.length), value: String(marked), expected: 'boolean' }));
        }
      } else {
        const value = readCell(ws.getCell(r, FORM.col.value), typeOf(unit, rowKey), valueAt, ['units', unit, 'facts', rowKey]);
        place(['facts', rowKey], r, FORM.col.value);
        // The id is in the hidden column; a message about it points at the row's visible label.
        place(['facts', rowKey], r, FORM.col.label, 'key');
        place(['facts', rowKey, 'value'], r, FORM.col.value);
        place(['facts', rowKey, 'source'], r, FORM.col.source);
        place(['facts', rowKey, 'note'], r, FORM.col.note);
        if (value === undefined) continue;
        setOwn(entry.facts, rowKey, { value, ...(source !== undefined ? { source } : {}), ...(note !== undefined ? { note } : {}) });
      }
    }
    setOwn(units, unit, entry);
  }
  const start: Location = { file, sheet: wb.worksheets[0]?.name ?? '', line: 1, col: 1 };
  if (forms.length === 0) return { diagnostics: diagnostics.length > 0 ? diagnostics : [diagnostic('EVIDENCE_NOT_A_FORM', start)] };
  return { form: { file, start, data: { quarter: forms[0]!.quarter, units }, forms, places, refused }, diagnostics };
}

/** The source file of a form read, its values located at their cells. */
export function sourceOfForm(form: ReadForm): SourceFile {
  const { places } = form;
  return {
    file: form.file,
    text: '',
    data: form.data,
    parsed: true,
    locate: locatorOf(places, form.start),
    slotOf: (path) => places.get(path, 'value'),
    refused: (path) => form.refused.has(key(path)),
    forms: form.forms,
  };
}

/** Where a form's layout keeps its marker and stamp: the hidden key column, the stamp's rows, the visible label column. */
export interface FormLayout {
  marker: string;
  stamp: { unit: number; quarter: number; rulesDigest: number };
  col: { key: number; label: number };
}

/**
 * The form sheets of a workbook (cell A1 holds the layout's marker), each with its stamp, a way
 * to name its cells and one to record where a value of its unit was read (into `places`). A hidden sheet, one past the row cap, or a second sheet of one unit is
 * said at its place and left out: what is read is what the committee sees when it opens the file.
 */
export function formSheets(
  wb: FormWorkbook,
  file: string,
  layout: FormLayout,
  diagnostics: Diagnostic[],
  places: FormPlaces,
): { ws: FormSheet; stamp: FormStamp; at: (row: number, col: number) => Location; place: (path: Path, row: number, col: number, target?: 'value' | 'key') => void }[] {
  const C = layout.col;
  const firstSheetOf = new Map<string, Location>();
  const out = [];
  for (const ws of wb.worksheets) {
    if (textOf(ws.getCell(1, C.key)) !== layout.marker) continue;
    const at = (row: number, col: number): Location => ({ file, sheet: ws.name, line: row, col });
    if (ws.state !== 'visible') {
      diagnostics.push(diagnostic('EVIDENCE_SHEET_HIDDEN', at(1, C.label), { sheet: ws.name }));
      continue;
    }
    if (ws.rowCount > MAX_FORM_ROWS) {
      diagnostics.push(diagnostic('EVIDENCE_WORKBOOK_LIMIT', at(MAX_FORM_ROWS + 1, C.key), { what: 'rows', limit: MAX_FORM_ROWS, part: ws.name }));
      continue;
    }
    const unit = textOf(ws.getCell(layout.stamp.unit, C.key)) ?? '';
    const unitAt = at(layout.stamp.unit, C.label);
    const first = firstSheetOf.get(unit);
    if (first) {
      diagnostics.push(diagnostic('EVIDENCE_UNIT_TWICE', unitAt, { unit, first: where(first) }));
      continue;
    }
    firstSheetOf.set(unit, unitAt);
    const stamp: FormStamp = {
      unit,
      quarter: textOf(ws.getCell(layout.stamp.quarter, C.key)) ?? '',
      rulesDigest: textOf(ws.getCell(layout.stamp.rulesDigest, C.key)) ?? '',
      quarterAt: at(layout.stamp.quarter, C.key),
      digestAt: at(layout.stamp.rulesDigest, C.key),
    };
    // The quarter is said at the first sheet's stamp; the unit, at its line; its values where the reader places them.
    places.quarter ??= stamp.quarterAt;
    const sheet = places.sheet(unit, ws.name);
    const place = (path: Path, row: number, col: number, target: 'value' | 'key' = 'value') => sheet.set(path, row, col, target);
    place([], layout.stamp.unit, C.label);
    place([], layout.stamp.unit, C.label, 'key');
    out.push({ ws, stamp, at, place });
  }
  return out;
}

/** A SourceFile's `locate` over the places a workbook's values were read from: the nearest place of the path or a parent, else `start`. */
export function locatorOf(places: FormPlaces, start: Location): SourceFile['locate'] {
  return (path, target = 'value') => {
    for (let n = path.length; n >= 0; n--) {
      const found = places.get(n === path.length ? path : path.slice(0, n), n === path.length ? target : 'value');
      if (found) return found;
    }
    return start;
  };
}

/**
 * Where a workbook's values were read from, kept small, since a quarter holds thousands of forms
 * at once: a unit's places are row and column numbers on its sheet, under keys that name the
 * place within the unit (`key(["facts", "F1", "note"])`), each key's text shared by every form
 * that has it. Paths are those of the data: `["quarter"]` and `["units", unit, ...]`.
 */
export class FormPlaces {
  quarter: Location | undefined;
  readonly #units = new Map<string, UnitPlaces>();

  constructor(readonly file: string) {}

  /** The places as plain data, which a worker thread can send. */
  toPlain(): PlainPlaces {
    return { quarter: this.quarter, units: [...this.#units].map(([unit, p]) => ({ unit, sheet: p.sheet, cells: p.cells })) };
  }

  /** Places sent as plain data, their keys shared again with the other forms'. */
  static fromPlain(file: string, plain: PlainPlaces): FormPlaces {
    const places = new FormPlaces(file);
    places.quarter = plain.quarter;
    for (const { unit, sheet, cells } of plain.units) places.#units.set(unit, new UnitPlaces(file, sheet, new Map([...cells].map(([k, cell]) => [pooled(k), cell]))));
    return places;
  }

  /** The places of a unit, read from `sheet`. */
  sheet(unit: string, sheet: string): UnitPlaces {
    const places = new UnitPlaces(this.file, sheet);
    this.#units.set(unit, places);
    return places;
  }

  get(path: Path, target: 'value' | 'key'): Location | undefined {
    if (path.length === 1 && path[0] === 'quarter') return target === 'value' ? this.quarter : undefined;
    if (path.length < 2 || path[0] !== 'units') return undefined;
    return this.#units.get(String(path[1]))?.get(path.slice(2), target);
  }
}

/** FormPlaces as plain data: by unit, its sheet and its cells by key. */
export interface PlainPlaces {
  quarter: Location | undefined;
  units: { unit: string; sheet: string; cells: Map<string, number> }[];
}

/** A unit's places on its sheet: row × 2^15 + column (a column is at most 16,384), by shared key. */
class UnitPlaces {
  constructor(
    readonly file: string,
    readonly sheet: string,
    readonly cells = new Map<string, number>(),
  ) {}

  set(path: Path, row: number, col: number, target: 'value' | 'key'): void {
    this.cells.set(pooled(key(path, target)), row * 32768 + col);
  }

  get(path: Path, target: 'value' | 'key'): Location | undefined {
    const cell = this.cells.get(key(path, target));
    return cell === undefined ? undefined : { file: this.file, sheet: this.sheet, line: Math.floor(cell / 32768), col: cell % 32768 };
  }
}

/** One copy of each key's text for all the forms of a run (a bloc's forms have the same rows); the pool is emptied past 100,000 keys. */
const keyPool = new Map<string, string>();
function pooled(k: string): string {
  const kept = keyPool.get(k);
  if (kept !== undefined) return kept;
  if (keyPool.size >= 100_000) keyPool.clear();
  keyPool.set(k, k);
  return k;
}

/**
 * Reads a workbook that comes from outside (a unit, another program): what it is and how far it
 * unpacks is checked as it is unpacked, then only the parts a form needs are parsed, rows past
 * the form's cap left unread. Problems of the file are diagnostics at its start.
 */
export async function openWorkbook(file: string): Promise<{ wb: FormWorkbook } | { diagnostics: Diagnostic[] }> {
  const unpacked = await unpackWorkbookFile(file);
  if (!('parts' in unpacked)) return unpacked;
  const top: Location = { file, line: 1, col: 1 };
  try {
    return { wb: readWorkbook(unpacked.parts, MAX_FORM_ROWS) };
  } catch (err) {
    if (err instanceof WorkbookPartTooLarge) return { diagnostics: [diagnostic('EVIDENCE_WORKBOOK_LIMIT', top, { what: 'elements', limit: MAX_PART_ELEMENTS, part: err.part })] };
    if (err instanceof WorkbookError) return { diagnostics: [diagnostic('FILE_UNREADABLE', top, { reason: err.message.split('\n')[0]! })] };
    throw err;
  }
}

/** A workbook file's parts, checked as they are unpacked (`unpackWorkbook`), or why it is refused, at its start. */
export async function unpackWorkbookFile(file: string): Promise<{ parts: Map<string, Buffer>; bytes: Buffer } | { diagnostics: Diagnostic[] }> {
  const top: Location = { file, line: 1, col: 1 };
  const read = readBytes(file, MAX_WORKBOOK_BYTES);
  if (!('bytes' in read)) return read;
  const unpacked = unpackWorkbook(read.bytes);
  if ('parts' in unpacked) return { parts: unpacked.parts, bytes: read.bytes };
  if (unpacked.kind === 'encrypted') return { diagnostics: [diagnostic('EVIDENCE_WORKBOOK_ENCRYPTED', top)] };
  if (unpacked.kind === 'format') return { diagnostics: [diagnostic('EVIDENCE_WORKBOOK_FORMAT', top, { what: unpacked.what })] };
  return { diagnostics: [diagnostic('EVIDENCE_WORKBOOK_LIMIT', top, { what: unpacked.what, limit: unpacked.limit, part: unpacked.part ?? '' })] };
}

/** A number that can be used exactly: finite, and a whole number only up to 2^53 − 1 (as in YAML). */
function usable(n: number): boolean {
  return Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n));
}

/** Whether a number format shows values as percentages (a `%` outside quotes). */
function isPercentFormat(format: string | undefined): boolean {
  return (format ?? '').replace(/"[^"]*"/g, '').includes('%');
}

/**
 * The key of a path in a workbook's map of places: one flat string, its steps apart by NUL, which
 * no cell's text holds (XML cannot); an index and its digits as text are the same step.
 */
export function key(path: Path, target: 'value' | 'key' = 'value'): string {
  return `${target}\u0000${path.join('\u0000')}`;
}

/** The text of a cell, trimmed and in NFC; undefined when blank. */
export function textOf(cell: FormCell): string | undefined {
  const v = plain(cell);
  if (v === undefined || v === null) return undefined;
  const text = String(v).normalize('NFC').trim();
  return text === '' ? undefined : text;
}

/**
 * A cell's value as the user sees it: a formula's cached result, rich text joined, an error's
 * code. A cell merged into the one above or beside it is blank: its master's value belongs to
 * another row.
 */
function plain(cell: FormCell): unknown {
  if (cell.master.address !== cell.address) return undefined;
  const v = (cell.formula !== undefined && cell.formula !== '' ? cell.result : cell.value) as unknown;
  if (v === null || v === undefined) return undefined;
  // A number in a date format far past any date (Excel shows #####) is text that is no date.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
    if ('text' in v) return (v as { text: unknown }).text;
    if ('error' in v) return (v as { error: string }).error;
  }
  return v;
}

/**
 * A value cell read as its fact needs: numbers as numbers (text with a decimal comma too, with a
 * warning), yes/no from Có/Không/Yes/No/TRUE/FALSE. A value of another type is returned as it is,
 * for validation to refuse; a blank cell gives undefined (the value is missing).
 */
export function readValue(cell: FormCell, type: FactType | undefined, at: Location, out: Diagnostic[]): FactValue | undefined {
  if (cell.formula !== undefined && cell.formula !== '' && (cell.result === undefined || cell.result === null)) {
    out.push(diagnostic('EVIDENCE_FORMULA', at));
    return undefined;
  }
  const v = plain(cell);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && isPercentFormat(cell.numFmt)) {
    // "95%" typed into a cell is stored as 0.95 shown as a percentage: the figure meant is 95.
    const value = roundHalfUp(v * 100, 10);
    out.push(diagnostic('EVIDENCE_PERCENT', at, { stored: v, value }));
    return value;
  }
  if (typeof v === 'number' && !usable(v)) {
    out.push(diagnostic('EVIDENCE_NUMBER', at, { value: String(v) }));
    return undefined;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const text = String(v).normalize('NFC').trim();
  if (text === '') return undefined;
  if (type === 'boolean') {
    const word = text.toLocaleLowerCase('vi');
    if (YES_WORDS.includes(word)) return true;
    if (NO_WORDS.includes(word)) return false;
  }
  if (type === 'number' || type === 'integer') {
    if (/^[+-]?\d+$/.test(text)) {
      if (usable(Number(text))) return Number(text);
      out.push(diagnostic('EVIDENCE_NUMBER', at, { value: text }));
      return undefined;
    }
    if (/^[+-]?\d+,\d+$/.test(text)) {
      const value = Number(text.replace(',', '.'));
      out.push(diagnostic('EVIDENCE_DECIMAL_COMMA', at, { text, value }));
      return value;
    }
  }
  return text;
}
