/** Loading a quarter's rules and evidence, shared by score, explain and diff. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkRules,
  factTypeOf,
  hasErrors,
  loadEvidenceFiles,
  rulesDigest,
  validateEvidence,
  type CheckedRules,
  type MissingByUnit,
  type MissingMode,
} from '../index.js';

/** The rules checked in an earlier run of a watching command, and the state of the files they came from. */
export interface RulesCache {
  state?: string;
  checked?: CheckedRules;
}

export interface QuarterOptions {
  rules: string;
  evidence: string;
  quarter?: string;
  missing: MissingMode;
  strict?: boolean;
  /** See EvidenceOptions.lenient: for diff. */
  lenient?: boolean;
}

/** Checks the rules and a quarter's evidence: every problem, and the evidence only when there is no error. */
export async function loadQuarter(opts: QuarterOptions, cache?: RulesCache) {
  const checked = cache ? await checkRulesOnce(opts.rules, cache) : await checkRules(opts.rules);
  const problems = [...checked.diagnostics];
  const sources = new Map(checked.sources);
  if (!checked.rules) return { checked, problems, sources, missing: new Map() as MissingByUnit, read: [] as string[] };
  const rules = checked.rules;
  const digest = rulesDigest(checked.files);
  const loaded = await loadEvidenceFiles(opts.evidence, factTypeOf(rules));
  for (const f of loaded.files) sources.set(f.file, f.text);
  const validated = validateEvidence(rules, loaded.files, {
    path: opts.evidence,
    quarter: opts.quarter,
    missing: opts.missing,
    unitsSource: checked.files.units,
    rulesDigest: digest,
    strict: opts.strict,
    lenient: opts.lenient,
  });
  problems.push(...loaded.diagnostics, ...validated.diagnostics);
  const evidence = hasErrors(loaded.diagnostics) ? undefined : validated.evidence;
  // Every file the scoring reads, as the log of a quarter names them.
  const read = [checked.files.scheme, checked.files.units, ...checked.files.blocs, ...loaded.files].filter((f) => f !== undefined).map((f) => f.file);
  return { checked, problems, sources, digest, evidence, missing: validated.missing, read };
}

/** The rules of `dir`, checked again only when a file in it was added, removed or changed since the cached run. */
async function checkRulesOnce(dir: string, cache: RulesCache): Promise<CheckedRules> {
  const state = await folderState(dir);
  if (state === undefined || state !== cache.state || !cache.checked) {
    cache.checked = await checkRules(dir);
    cache.state = state;
  }
  return cache.checked;
}

/** Names, sizes and change times of a folder's files; undefined when it cannot be read (checkRules says why). */
async function folderState(dir: string): Promise<string | undefined> {
  try {
    const names = (await readdir(dir)).sort();
    const stats = await Promise.all(names.map((n) => stat(join(dir, n), { bigint: true })));
    return JSON.stringify(names.map((n, i) => [n, String(stats[i]!.size), String(stats[i]!.mtimeNs), String(stats[i]!.ctimeNs)]));
  } catch {
    return undefined;
  }
}
