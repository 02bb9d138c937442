import { CODES, messageFor, type Code, type Lang, type Params, type Severity } from './codes.js';

/** One problem found in a user's file, at a 1-based line and column (in a workbook: sheet, row and column). */
export interface Diagnostic {
  code: Code;
  severity: Severity;
  file: string;
  /** The sheet, for a workbook; `line` and `col` are then the cell's row and column. */
  sheet?: string;
  line: number;
  col: number;
  params: Params;
}

/** Where a diagnostic points: a file and a 1-based position in it, or a cell of a workbook's sheet. */
export interface Location {
  file: string;
  sheet?: string;
  line: number;
  col: number;
}

/** A diagnostic with the code's default severity. */
export function diagnostic(code: Code, at: Location, params: Params = {}): Diagnostic {
  const d: Diagnostic = { code, severity: CODES[code].severity, file: at.file, line: at.line, col: at.col, params };
  if (at.sheet !== undefined) d.sheet = at.sheet;
  return d;
}

/** Orders diagnostics by file, line, column, then code, so every run lists them the same way. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      ((a.sheet ?? '') < (b.sheet ?? '') ? -1 : (a.sheet ?? '') > (b.sheet ?? '') ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** The user-facing message of a diagnostic. */
export function messageOf(d: Diagnostic, lang: Lang): string {
  return messageFor(d.code, d.params, lang);
}

/** `file:line:col` of a location, as editors and terminals link it; `file.xlsx!Sheet!D7` for a cell. */
export function where(at: Location): string {
  return at.sheet === undefined ? `${at.file}:${at.line}:${at.col}` : `${at.file}!${at.sheet}!${columnLetters(at.col)}${at.line}`;
}

/** The letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}
