/** Loading a quarter's rules and evidence, shared by score, explain and diff. */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import {
  checkRules,
  factTypesOf,
  ruleSources,
  hasErrors,
  givenByAppraisal,
  loadAppraisalWorkbook,
  loadExplanationForms,
  loadEvidenceFiles,
  loadYamlFile,
  quarterOfEvidence,
  rulesDigest,
  validateAppraisal,
  validateEvidence,
  mergeAppraisals,
  diagnostic,
  type AppraisedQuarter,
  type Diagnostic,
  type FactTypes,
  type SourceFile,
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
  /**
   * The committee's appraisal, in one file or several (the workbook's first round and the YAML's
   * decisions); default `appraisal/<quarter>.yaml` and `.xlsx` beside the evidence, those that exist; false: none.
   */
  appraisal?: string[] | false;
  /** The units' explanation forms, a file or folder; default `explanations/<quarter>/` beside the evidence when it exists. */
  explanations?: string;
}

/** The appraisal files and explanation forms a run may read, those that exist: what `--watch` watches beside the rules and evidence. */
export async function appraisalPaths(opts: Pick<QuarterOptions, 'evidence' | 'appraisal' | 'explanations'>): Promise<string[]> {
  const beside = dirname(normalize(opts.evidence));
  const paths = [...(opts.appraisal === false ? [] : (opts.appraisal ?? [join(beside, 'appraisal')])), opts.explanations ?? join(beside, 'explanations')];
  const found = await Promise.all(paths.map(async (p) => ((await stat(p).catch(() => undefined)) ? p : undefined)));
  return found.filter((p) => p !== undefined);
}

/** Where an appraisal is looked for when none is named: `appraisal/<quarter>.yaml` beside the evidence file or folder. */
export function defaultAppraisal(evidence: string, quarter: string): string {
  return join(dirname(normalize(evidence)), 'appraisal', `${quarter}.yaml`);
}

/** Checks the rules and a quarter's evidence: every problem, and the evidence only when there is no error; `onProgress` follows the files read. */
export async function loadQuarter(opts: QuarterOptions, cache?: RulesCache, onProgress?: (done: number, total: number) => void) {
  const checked = cache ? await checkRulesOnce(opts.rules, cache) : await checkRules(opts.rules);
  const problems = [...checked.diagnostics];
  const sources = new Map<string, string>(checked.sources);
  if (!checked.rules) return { checked, problems, sources, missing: new Map() as MissingByUnit, read: [] as string[] };
  const rules = checked.rules;
  const digest = rulesDigest(checked.files);
  const loaded = await loadEvidenceFiles(opts.evidence, factTypesOf(rules), onProgress);
  for (const f of loaded.files) sources.set(f.file, f.text);
  const appraisal = await loadAppraisal(opts, quarterOfEvidence(loaded.files, opts.quarter), factTypesOf(rules));
  for (const t of appraisal?.texts ?? []) if (t.text) sources.set(t.file, t.text);
  const validated = validateEvidence(rules, loaded.files, {
    path: opts.evidence,
    quarter: opts.quarter,
    missing: opts.missing,
    unitsSource: checked.files.units,
    rulesDigest: digest,
    strict: opts.strict,
    lenient: opts.lenient,
    givenByAppraisal: givenByAppraisal(appraisal?.source),
  });
  problems.push(...loaded.diagnostics, ...validated.diagnostics);
  let evidence = hasErrors(loaded.diagnostics) ? undefined : validated.evidence;
  let appraised: AppraisedQuarter | undefined;
  let refused = false;
  // Every file the scoring reads, as the log of a quarter names them.
  const read = [...ruleSources(checked.files), ...loaded.files].map((f) => f.file);
  read.push(...(appraisal?.files ?? []));
  if (appraisal) {
    problems.push(...appraisal.diagnostics);
    if (!appraisal.source) evidence = undefined;
    else if (evidence) {
      const explained = await loadExplanations(opts, evidence.quarter);
      read.push(...new Set(explained.stamps.map((s) => s.quarterAt.file)));
      for (const d of explained.diagnostics) problems.push(d);
      const checkedAppraisal = validateAppraisal(rules, evidence, appraisal.source, digest, explained);
      refused = hasErrors(explained.diagnostics);
      problems.push(...checkedAppraisal.diagnostics);
      appraised = checkedAppraisal.appraised;
    }
    // A cell refused while the workbook was read is an error too, though the rest of it validates.
    if (!appraised || refused || hasErrors(appraisal.diagnostics)) {
      evidence = undefined;
      appraised = undefined;
    }
  }
  if (!appraisal && opts.explanations !== undefined) {
    // Explanations answer an appraisal: named without one, they would be silently left out.
    problems.push(diagnostic('APPRAISAL_NONE', { file: opts.explanations, line: 1, col: 1 }, { quarter: evidence?.quarter ?? opts.quarter ?? '' }));
    evidence = undefined;
  }
  return { checked, problems, sources, digest, evidence, appraised, missing: validated.missing, read };
}

/** The explanation forms named, or those of the default folder when it exists. */
async function loadExplanations(opts: QuarterOptions, quarter: string): Promise<Awaited<ReturnType<typeof loadExplanationForms>>> {
  const path = opts.explanations ?? join(dirname(normalize(opts.evidence)), 'explanations', quarter);
  if (opts.explanations === undefined && !(await stat(path).catch(() => undefined))?.isDirectory()) return { given: [], stamps: [], diagnostics: [] };
  return loadExplanationForms(path);
}

/** Reads the appraisal named (YAML, or the workbook of `cchc appraise`, or both), or the default files that exist; undefined when there is none. */
async function loadAppraisal(opts: QuarterOptions, quarter: string | undefined, types: FactTypes) {
  if (opts.appraisal === false) return undefined;
  let files = opts.appraisal ?? [];
  if (opts.appraisal === undefined && quarter !== undefined) {
    const yaml = defaultAppraisal(opts.evidence, quarter);
    const found = await Promise.all([yaml, yaml.replace(/\.yaml$/, '.xlsx')].map(async (f) => ((await stat(f).catch(() => undefined))?.isFile() ? f : undefined)));
    files = found.filter((f) => f !== undefined);
  }
  if (files.length === 0) return undefined;
  const diagnostics: Diagnostic[] = [];
  const sources: SourceFile[] = [];
  for (const file of files) {
    const loaded = /\.xlsx$/i.test(file) ? await loadAppraisalWorkbook(file, types) : await loadYamlFile(file);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source) sources.push(loaded.source);
  }
  if (sources.length < files.length || !sources.every((s) => s.parsed)) return { files, texts: sources, diagnostics };
  const merged = mergeAppraisals(sources, quarter);
  return { files, texts: sources, source: merged.source, diagnostics: [...diagnostics, ...merged.diagnostics] };
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
