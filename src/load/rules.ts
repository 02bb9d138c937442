import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadYamlFile, type SourceFile } from './yaml-file.js';

/** The files of a rules folder, parsed but not yet validated. */
export interface RuleFiles {
  dir: string;
  scheme?: SourceFile;
  units?: SourceFile;
  /** Every other `*.yaml` / `*.yml` of the folder, by file name: one per bloc. */
  blocs: SourceFile[];
}

/** The rule files read, scheme and units first. */
export function ruleSources(files: RuleFiles): SourceFile[] {
  return [files.scheme, files.units, ...files.blocs].filter((f) => f !== undefined);
}

export const SCHEME_FILE = 'scheme.yaml';
export const UNITS_FILE = 'units.yaml';

/** The bloc id a bloc file's name stands for (`rules/district-branches.yaml` → `district-branches`). */
export function blocIdOfFile(file: string): string {
  return basename(file, extname(file));
}

/**
 * Reads a rules folder: scheme.yaml, units.yaml and the bloc files beside them (subfolders,
 * such as the scorecard's own tests, are not rules). Throws only when the folder itself
 * cannot be listed, which is a usage error for the caller to report.
 */
export async function loadRuleFiles(dir: string): Promise<{ files: RuleFiles; diagnostics: Diagnostic[] }> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => e.name)
    .sort();
  const diagnostics: Diagnostic[] = [];
  const load = async (name: string): Promise<SourceFile | undefined> => {
    const result = await loadYamlFile(join(dir, name));
    diagnostics.push(...result.diagnostics);
    return result.source;
  };
  const scheme = await load(SCHEME_FILE);
  const units = await load(UNITS_FILE);
  const blocs: SourceFile[] = [];
  for (const name of names) {
    if (name === SCHEME_FILE || name === UNITS_FILE) continue;
    const source = await load(name);
    if (source) blocs.push(source);
  }
  return { files: { dir, scheme, units, blocs }, diagnostics };
}
