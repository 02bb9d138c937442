import { CODES, messageFor, type Code, type Lang, type Params, type Severity } from './codes.js';

/** One problem found in a user's file, at a 1-based line and column. */
export interface Diagnostic {
  code: Code;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  params: Params;
}

/** Where a diagnostic points: a file and a 1-based position in it. */
export interface Location {
  file: string;
  line: number;
  col: number;
}

/** A diagnostic with the code's default severity. */
export function diagnostic(code: Code, at: Location, params: Params = {}): Diagnostic {
  return { code, severity: CODES[code].severity, file: at.file, line: at.line, col: at.col, params };
}

/** Orders diagnostics by file, line, column, then code, so every run lists them the same way. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
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

/** `file:line:col` of a location, as editors and terminals link it. */
export function where(at: Location): string {
  return `${at.file}:${at.line}:${at.col}`;
}
