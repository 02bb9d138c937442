import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadYamlFile, type SourceFile } from './yaml-file.js';

export const TESTS_DIR = 'tests';

/** Reads the scorecard's test files, `<rules>/tests/*.yaml` (or .yml), in name order; none when the folder is absent. */
export async function loadTestFiles(rulesDir: string): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
  const dir = join(rulesDir, TESTS_DIR);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).map((e) => join(dir, e.name)).sort();
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const loaded = await loadYamlFile(name);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source?.parsed) files.push(loaded.source);
  }
  return { files, diagnostics };
}
