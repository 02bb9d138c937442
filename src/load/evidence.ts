import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FactTypeOf } from './evidence-workbook.js';
import { loadYamlFile, type SourceFile } from './yaml-file.js';

const EVIDENCE_FILE = /\.(ya?ml|json|xlsx)$/i;
/** Lock files Excel leaves beside a workbook open in it (`~$name.xlsx`). */
const LOCK_FILE = /^~\$/;

/**
 * Reads an evidence file, or every .yaml / .yml / .json / .xlsx file of a folder (not its
 * subfolders), in name order. JSON is read by the YAML parser, of which it is a subset, so
 * positions hold; a workbook is read as a filled evidence form, which needs each fact's type.
 */
export async function loadEvidenceFiles(path: string, typeOf: FactTypeOf): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
  const info = await stat(path).catch(() => undefined);
  let names: string[] = [];
  if (info?.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true });
    names = entries
      .filter((e) => e.isFile() && EVIDENCE_FILE.test(e.name) && !LOCK_FILE.test(e.name))
      .map((e) => join(path, e.name))
      .sort();
  } else if (info?.isFile()) {
    names = [path];
  }
  if (names.length === 0) return { files: [], diagnostics: [diagnostic('EVIDENCE_NOT_FOUND', { file: path, line: 1, col: 1 }, { path })] };
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    // exceljs is loaded only when a workbook is read.
    const loaded = /\.xlsx$/i.test(name)
      ? await (await import('./evidence-workbook.js')).loadEvidenceWorkbook(name, typeOf)
      : await loadYamlFile(name);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source?.parsed) files.push(loaded.source);
  }
  return { files, diagnostics };
}
