/** Loading a quarter's rules and evidence, shared by score, explain and diff. */
import {
  checkRules,
  factTypeOf,
  hasErrors,
  loadEvidenceFiles,
  rulesDigest,
  validateEvidence,
  type MissingByUnit,
  type MissingMode,
} from '../index.js';

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
export async function loadQuarter(opts: QuarterOptions) {
  const checked = await checkRules(opts.rules);
  const problems = [...checked.diagnostics];
  const sources = new Map(checked.sources);
  if (!checked.rules) return { checked, problems, sources, missing: new Map() as MissingByUnit };
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
  return { checked, problems, sources, digest, evidence, missing: validated.missing };
}
