import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FactTypes, PlainPlaces, ReadForm } from './evidence-workbook.js';
import { runOnWorkers } from './worker-pool.js';
import type { SourceFile } from './yaml-file.js';
import { loadYamlFiles, type Loaded } from './yaml-files.js';

const EVIDENCE_FILE = /\.(ya?ml|json|xlsx)$/i;
/** Spreadsheets cchc does not read: save them as .xlsx. */
const OTHER_SHEET = /\.(xls|xlsm|xlsb|ods|csv)$/i;
/** Lock files Excel leaves beside a workbook open in it (`~$name.xlsx`). */
const LOCK_FILE = /^~\$/;
/**
 * From this many forms on, they are read on worker threads, one per core (given two cores or
 * more): a form takes about 1.7 ms to read, and a worker about 40 ms to start and load the
 * reader, so that on two cores workers gain from some 50 forms on.
 */
export const FORMS_ON_WORKERS = 64;

/**
 * Reads an evidence file, or every .yaml / .yml / .json / .xlsx file of a folder (not its
 * subfolders), in name order. JSON is read by the YAML parser, of which it is a subset, so
 * positions hold; a workbook is read as a filled evidence form, which needs each fact's type.
 * `onProgress` is told of each file as it is read (YAML files first, then workbooks).
 */
export async function loadEvidenceFiles(path: string, types: FactTypes, onProgress?: (done: number, total: number) => void): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
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
  const isWorkbook = (name: string) => /\.xlsx$/i.test(name);
  const yaml = names.filter((name) => !isWorkbook(name));
  const workbooks = names.filter(isWorkbook);
  let done = 0;
  const counted = () => onProgress?.(++done, names.length);
  onProgress?.(0, names.length);
  const loaded = new Map((await loadYamlFiles(yaml, undefined, counted)).map((l, i) => [yaml[i]!, l]));
  for (const [i, l] of (await loadWorkbooks(workbooks, types, counted)).entries()) loaded.set(workbooks[i]!, l);
  const files: SourceFile[] = [];
  for (const name of names) {
    const l = loaded.get(name)!;
    diagnostics.push(...l.diagnostics);
    if (l.source?.parsed) files.push(l.source);
  }
  return { files, diagnostics };
}

/**
 * Reads evidence forms, as loadEvidenceWorkbook each, with the same results in the same order;
 * from FORMS_ON_WORKERS forms on, on as many worker threads as there are cores. The workbook
 * reader is loaded only when a workbook is read.
 */
async function loadWorkbooks(files: readonly string[], types: FactTypes, onDone: () => void): Promise<Loaded[]> {
  if (files.length === 0) return [];
  const reader = await import('./evidence-workbook.js');
  if (files.length < FORMS_ON_WORKERS || availableParallelism() < 2) {
    const loaded: Loaded[] = [];
    const typeOf = reader.typeOfFact(types);
    for (const file of files) {
      loaded.push(await reader.loadEvidenceWorkbook(file, typeOf));
      onDone();
    }
    return loaded;
  }
  return runOnWorkers(new URL('./form-worker.js', import.meta.url), files, {
    count: availableParallelism(),
    shared: types,
    receive: ({ form, diagnostics }: { form?: ReadForm<PlainPlaces>; diagnostics: Diagnostic[] }): Loaded => ({
      source: form && reader.sourceOfForm({ ...form, places: reader.FormPlaces.fromPlain(form.file, form.places) }),
      diagnostics,
    }),
    onDone,
    describe: (file) => file,
  });
}
