import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadYamlFile, type SourceFile } from './yaml-file.js';

const EVIDENCE_FILE = /\.(ya?ml|json)$/i;

/**
 * Reads an evidence file, or every .yaml / .yml / .json file of a folder (not its subfolders),
 * in name order. JSON is read by the YAML parser, of which it is a subset, so positions hold.
 */
export async function loadEvidenceFiles(path: string): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
  const info = await stat(path).catch(() => undefined);
  let names: string[] = [];
  if (info?.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && EVIDENCE_FILE.test(e.name)).map((e) => join(path, e.name)).sort();
  } else if (info?.isFile()) {
    names = [path];
  }
  if (names.length === 0) return { files: [], diagnostics: [diagnostic('EVIDENCE_NOT_FOUND', { file: path, line: 1, col: 1 }, { path })] };
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const loaded = await loadYamlFile(name);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source?.parsed) files.push(loaded.source);
  }
  return { files, diagnostics };
}
