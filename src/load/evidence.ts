import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FactTypeOf } from './evidence-workbook.js';
import type { SourceFile } from './yaml-file.js';
import { loadYamlFiles } from './yaml-files.js';

const EVIDENCE_FILE = /\.(ya?ml|json|xlsx)$/i;
/** Spreadsheets cchc does not read: save them as .xlsx. */
const OTHER_SHEET = /\.(xls|xlsm|xlsb|ods|csv)$/i;
/** Lock files Excel leaves beside a workbook open in it (`~$name.xlsx`). */
const LOCK_FILE = /^~\$/;

/**
 * Reads an evidence file, or every .yaml / .yml / .json / .xlsx file of a folder (not its
 * subfolders), in name order. JSON is read by the YAML parser, of which it is a subset, so
 * positions hold; a workbook is read as a filled evidence form, which needs each fact's type.
 * `onProgress` is told of each file as it is read (YAML files are parsed first, all together).
 */
export async function loadEvidenceFiles(path: string, typeOf: FactTypeOf, onProgress?: (done: number, total: number) => void): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
  const info = await stat(path).catch(() => undefined);
  let names: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const refuse = (file: string, severity: 'error' | 'warning') =>
    diagnostics.push({ ...diagnostic('EVIDENCE_FILE_TYPE', { file, line: 1, col: 1 }, { ext: extname(file) || file }), severity });
  const notRegular = (file: string) => diagnostics.push(diagnostic('FILE_UNREADABLE', { file, line: 1, col: 1 }, { reason: 'not a regular file' }));
  if (info?.isDirectory()) {
    const entries: string[] = [];
    for (const e of await readdir(path, { withFileTypes: true })) {
      if (LOCK_FILE.test(e.name)) continue;
      // A link to a file is read as the file; a link to anything else, a pipe or a folder named
      // like evidence is said so, lest its unit seem to have sent nothing.
      const regular = e.isFile() || (e.isSymbolicLink() && (await stat(join(path, e.name)).catch(() => undefined))?.isFile() === true);
      if (regular) entries.push(e.name);
      else if (EVIDENCE_FILE.test(e.name)) notRegular(join(path, e.name));
    }
    names = entries.filter((name) => EVIDENCE_FILE.test(name)).map((name) => join(path, name)).sort();
    // Spreadsheets of other kinds are not read: said so, lest their units seem to have sent nothing.
    for (const name of entries) if (OTHER_SHEET.test(name)) refuse(join(path, name), 'warning');
  } else if (info && !info.isFile()) {
    notRegular(path);
    return { files: [], diagnostics };
  } else if (info?.isFile()) {
    if (!EVIDENCE_FILE.test(path)) {
      refuse(path, 'error');
      return { files: [], diagnostics };
    }
    names = [path];
  }
  if (names.length === 0) return { files: [], diagnostics: [...diagnostics, diagnostic('EVIDENCE_NOT_FOUND', { file: path, line: 1, col: 1 }, { path })] };
  const files: SourceFile[] = [];
  const isWorkbook = (name: string) => /\.xlsx$/i.test(name);
  const yaml = names.filter((name) => !isWorkbook(name));
  const parsed = new Map((await loadYamlFiles(yaml)).map((loaded, i) => [yaml[i]!, loaded]));
  for (const [done, name] of names.entries()) {
    onProgress?.(done, names.length);
    // The workbook reader is loaded only when a workbook is read.
    const loaded = isWorkbook(name) ? await (await import('./evidence-workbook.js')).loadEvidenceWorkbook(name, typeOf) : parsed.get(name)!;
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source?.parsed) files.push(loaded.source);
  }
  onProgress?.(names.length, names.length);
  return { files, diagnostics };
}
