import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { TEMP_NAME } from '../../src/report/files/staged-files.js';

/** Every file under `dir`, relative to it, sorted; none when `dir` does not exist. */
export function filesUnder(dir: string): string[] {
  return entriesUnder(dir).filter((f) => statSync(join(dir, f)).isFile());
}

/** Every file and folder under `dir`, relative to it, sorted; none when `dir` does not exist. */
export function entriesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** The bytes of every file under `dir`, by path relative to it. */
export function snapshot(dir: string): Map<string, Buffer> {
  return new Map(filesUnder(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

/** What differs between two snapshots: files gone, files new, files with other bytes (empty when the same). */
export function differences(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [f, bytes] of before) {
    const now = after.get(f);
    if (!now) out.push(`gone: ${f}`);
    else if (!now.equals(bytes)) out.push(`changed: ${f}`);
  }
  for (const f of after.keys()) if (!before.has(f)) out.push(`new: ${f}`);
  return out;
}

/** The files under `dir` named as staging names its temporary files. */
export function tempFilesUnder(dir: string): string[] {
  return filesUnder(dir).filter((f) => TEMP_NAME.test(basename(f)));
}

// JSZip is what exceljs itself zips with; reached through it, as test/report.test.ts does.
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
  loadAsync(data: Buffer): Promise<{ files: Record<string, { dir: boolean; async(type: 'string'): Promise<string> }> }>;
};

/**
 * The content of every entry of a workbook (a zip), by name. Two workbooks written from the same
 * inputs differ in their bytes only by the zip's entry times (the time of writing), so this is
 * what "the same workbook" means. Rejects when the file is not a whole zip.
 */
export async function workbookEntries(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await zip.files[n]!.async('string')] as const)));
}

/** Whether two workbooks hold the same entries with the same content. */
export function sameEntries(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([n, text]) => b.get(n) === text);
}
