import type { Lang } from './codes.js';
import { messageOf, sortDiagnostics, where, type Diagnostic } from './diagnostic.js';

const SEVERITY_WORDS: Record<Lang, Record<Diagnostic['severity'], string>> = {
  vi: { error: 'lỗi', warning: 'cảnh báo' },
  en: { error: 'error', warning: 'warning' },
};

/**
 * Formats diagnostics as `file:line:col severity CODE message` (`file.xlsx!Sheet!D7 …` in a
 * workbook), each followed by the offending source line and a caret under the column when the
 * file's text is known.
 */
export function formatDiagnostics(
  list: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  lang: Lang,
): string {
  const out: string[] = [];
  const lines = new Map<string, string[]>();
  for (const d of sortDiagnostics(list)) {
    out.push(`${where(d)} ${SEVERITY_WORDS[lang][d.severity]} ${d.code} ${shown(messageOf(d, lang))}`);
    const text = d.sheet === undefined ? sources.get(d.file) : undefined;
    if (text === undefined) continue;
    let fileLines = lines.get(d.file);
    if (!fileLines) {
      fileLines = text.split(/\r?\n/);
      lines.set(d.file, fileLines);
    }
    const src = fileLines[d.line - 1];
    if (src === undefined || src.trim() === '') continue;
    const gutter = String(d.line).padStart(5);
    // One character for one, so the caret stays under its column.
    out.push(`${gutter} | ${src.replace(/\t/g, ' ').replace(CONTROL, '\uFFFD')}`);
    out.push(`${' '.repeat(5)} | ${' '.repeat(Math.max(0, d.col - 1))}^`);
  }
  return out.join('\n');
}

/** Control characters (an escape sequence in evidence text could clear the screen or hide a line). */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/** Text from the user's files as it may reach a terminal: control characters shown as \xNN. */
function shown(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One line counting errors and warnings, in the user's language. */
export function summarizeDiagnostics(list: readonly Diagnostic[], lang: Lang): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  return lang === 'vi' ? `${errors} lỗi, ${warnings} cảnh báo` : `${errors} error(s), ${warnings} warning(s)`;
}
