/** The programmatic API; the command line is built on it. */
import { loadRuleFiles, type RuleFiles } from './load/rules.js';
export { ruleSources } from './load/rules.js';
import type { SourceFile } from './load/yaml-file.js';
import { loadJsonFile } from './load/json-file.js';
import type { Results } from './model/results.js';
import type { ReportInput } from './report/report-input.js';
import type { FormInput } from './report/excel/evidence-form.js';
import type { Lang } from './diagnostics/codes.js';
import type { RuleChange, WhatIf } from './what-if.js';
import { basename, dirname } from 'node:path';
import { validatePreviousResults, validateQuarterResults } from './validate/results.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import type { Rules } from './model/scorecard.js';
import type { FactTypes } from './load/evidence-workbook.js';
export type { FactTypes } from './load/evidence-workbook.js';
import { validateRules } from './validate/rules.js';

export type { Diagnostic } from './diagnostics/diagnostic.js';
export type { Code, Lang } from './diagnostics/codes.js';
export { CODES } from './diagnostics/codes.js';
export { formatDiagnostics, summarizeDiagnostics } from './diagnostics/format.js';
export type * from './model/scorecard.js';
export type * from './model/evidence.js';
export type * from './model/results.js';
export { isResultsFile } from './model/results.js';
export { checkPublication, type PublicationCheck } from './publish-quarter.js';
export { scoreAppraised, scoreQuarter, rulesDigest, type PhaseTimings } from './score-quarter.js';
export { loadEvidenceFiles } from './load/evidence.js';
export { quarterOfEvidence, validateEvidence, type MissingByUnit, type MissingMode } from './validate/evidence.js';
export { givenByAppraisal, validateAppraisal, type AppraisedQuarter } from './validate/appraisal.js';
export { loadYamlFile, type SourceFile } from './load/yaml-file.js';
export { mergeAppraisals } from './load/appraisal-sources.js';

/** Reads a filled appraisal workbook (`cchc appraise`); the workbook reader loads here. */
export async function loadAppraisalWorkbook(...args: Parameters<typeof import('./load/appraisal-workbook.js').loadAppraisalWorkbook>) {
  return (await import('./load/appraisal-workbook.js')).loadAppraisalWorkbook(...args);
}
export type * from './model/appraisal.js';

export { diagnostic, hasErrors, where as formatLocation } from './diagnostics/diagnostic.js';

/** The type of each fact of each unit's bloc, for reading evidence forms. */
export function factTypesOf(rules: Rules): FactTypes {
  return {
    blocOf: new Map(rules.units.map((u) => [u.id, u.bloc])),
    types: new Map(rules.blocs.map((b) => [b.bloc, new Map(Object.entries(b.facts).map(([fact, f]) => [fact, f.type]))])),
  };
}

export interface CheckedRules {
  rules?: Rules;
  diagnostics: Diagnostic[];
  files: RuleFiles;
  /** The text of every file read, by the path diagnostics name, for excerpts. */
  sources: Map<string, string>;
}

/** Loads and validates a rules folder: every problem at once, `rules` only when there is no error. */
export async function checkRules(dir: string): Promise<CheckedRules> {
  const loaded = await loadRuleFiles(dir);
  const validated = validateRules(loaded.files);
  const { scheme, units, blocs } = loaded.files;
  const sources = new Map([scheme, units, ...blocs].filter((f) => f !== undefined).map((f) => [f.file, f.text]));
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...validated.diagnostics]);
  // A file that did not parse is left out of validation, so its errors alone must withhold the rules.
  const rules = hasErrors(diagnostics) ? undefined : validated.rules;
  return { rules, diagnostics, files: loaded.files, sources };
}

export { compareQuarters, type Comparison } from './rank/compare-quarters.js';
export { changedUnits, scoresIn, unitIdsIn } from './rank/changed-units.js';
export { skimResults, skimResultsFile } from './load/results-skim.js';
export type * from './model/publication.js';
export {
  appendLogLine,
  digestFiles,
  digestOutputs,
  LOG_FILE,
  MANIFEST_FILE,
  outputFiles,
  readLog,
  readManifest,
  removeManifest,
  writeManifest,
} from './report/files/publication.js';
export { lastDayOf, previousQuarter, QUARTER } from './model/quarter.js';
export { OutputError } from './report/files/output-error.js';
import type { OutputError } from './report/files/output-error.js';
import type { WriteOptions } from './report/write-reports.js';
export type { ScorecardMemo } from './report/write-reports.js';
export type { ReportInput } from './report/report-input.js';
export type { FormInput } from './report/excel/evidence-form.js';

/** Loads and checks an earlier quarter's results.json for comparison; `results` only when it has no error. */
export async function loadPreviousResults(
  path: string,
  current: { quarter: string; rulesDigest: string },
): Promise<{ results?: Results; diagnostics: Diagnostic[]; text?: string }> {
  return loadResultsFile(path, (source) => validatePreviousResults(source, current));
}

/** A results.json read, and checked by `check` once it parses; its text for excerpts. */
async function loadResultsFile(path: string, check: (source: SourceFile) => { results?: Results; diagnostics: Diagnostic[] }): Promise<{ results?: Results; diagnostics: Diagnostic[]; text?: string }> {
  const loaded = await loadJsonFile(path);
  if (!loaded.source?.parsed) return { diagnostics: loaded.diagnostics, text: loaded.source?.text };
  return { ...check(loaded.source), text: loaded.source.text };
}

/** Loads and checks a scored quarter's results.json, to write its documents again (`cchc letters`). */
export async function loadQuarterResults(
  path: string,
  current: { quarter: string; rulesDigest: string; rules: string; blocs: readonly string[] },
): Promise<{ results?: Results; diagnostics: Diagnostic[]; text?: string }> {
  return loadResultsFile(path, (source) => validateQuarterResults(source, current));
}

/** Writes the letters and report.docx of a scored quarter again under `out`, all or nothing. docx loads here. */
export async function writeDocuments(input: ReportInput, out: string): Promise<{ written: string[]; leftovers: OutputError[]; digests: ReadonlyMap<string, string> }> {
  return (await import('./report/write-reports.js')).writeDocuments(input, out);
}

/**
 * Writes results.json, ranking.xlsx and every unit's scorecard under `out`, all or nothing
 * (see report/write-reports.ts). exceljs is loaded here, on first use, so commands that write
 * no workbook start without it.
 */
export async function writeReports(
  input: ReportInput,
  out: string,
  options: Omit<WriteOptions, 'ops'> = {},
): Promise<{ written: string[]; kept: string[]; leftovers: OutputError[]; digests: ReadonlyMap<string, string> }> {
  const report = await import('./report/write-reports.js');
  return report.writeReports(input, out, options);
}

/** Writes the evidence form of a quarter (`cchc template`): one workbook, or one per unit; all or nothing. exceljs loads here. */
export async function writeEvidenceForms(input: FormInput, out: string, perUnit: boolean): Promise<string[]> {
  const { writeEvidenceForm } = await import('./report/excel/evidence-form.js');
  const { writeStaged } = await import('./report/files/staged-files.js');
  const { safeFileNames } = await import('./report/files/safe-names.js');
  const staged = await writeStaged(perUnit ? out : dirname(out), async (files) => {
    if (!perUnit) return files.add(basename(out), await writeEvidenceForm(input));
    const names = safeFileNames(input.units.map((u) => u.id));
    for (const [i, unit] of input.units.entries()) await files.add(`${names[i]}.xlsx`, await writeEvidenceForm({ ...input, units: [unit], forUnits: true }));
  });
  return [...staged.committed];
}

/** Reads the units' returned explanation forms (`cchc template --explanations`); the workbook reader loads here. */
export async function loadExplanationForms(path: string) {
  return (await import('./load/explanation-form.js')).loadExplanationForms(path);
}

/** Writes each unit's explanation form (`cchc template --explanations`) into `out`, all or nothing; units with nothing to answer get none. exceljs loads here. */
export async function writeExplanationForms(input: import('./report/excel/explanation-form.js').ExplanationFormInput, out: string): Promise<string[]> {
  const { contestable, writeExplanationForm } = await import('./report/excel/explanation-form.js');
  const { writeStaged } = await import('./report/files/staged-files.js');
  const { safeFileNames } = await import('./report/files/safe-names.js');
  const units = input.results.blocs.flatMap((b) => b.units.filter((u) => contestable(u).length > 0).map((u) => ({ bloc: b.id, unit: u })));
  const names = safeFileNames(units.map((u) => u.unit.id));
  const staged = await writeStaged(out, async (files) => {
    for (const [i, { bloc, unit }] of units.entries()) await files.add(`${names[i]}.xlsx`, await writeExplanationForm(input, bloc, unit));
  });
  return [...staged.committed];
}

/** Writes the appraisal workbook of a quarter (`cchc appraise`) to `out`, whole or not at all. exceljs loads here. */
export async function writeAppraisalForm(input: import('./report/excel/appraisal-workbook.js').AppraisalFormInput, out: string): Promise<void> {
  const { writeAppraisalWorkbook } = await import('./report/excel/appraisal-workbook.js');
  const { writeStaged } = await import('./report/files/staged-files.js');
  await writeStaged(dirname(out), async (files) => files.add(basename(out), await writeAppraisalWorkbook(input)));
}

export { loadTestFiles } from './load/tests.js';
export { validateTestFile, type CheckedCase } from './validate/tests.js';
export { coverageOf, runScorecardTests, type CaseOutcome, type CoverageItem } from './scorecard-tests.js';
export { formatCoverage, formatTestRun } from './report/text/test-report.js';
export { explainUnit, type Explanation } from './explain-unit.js';
export { formatExplanation } from './report/text/explain-text.js';
export { diffRules, whatIf, type RuleChange, type WhatIf } from './what-if.js';
export { formatWhatIf } from './report/text/what-if-text.js';
export { formatRanking, formatYear } from './report/text/ranking-text.js';

/** Writes the what-if workbook to `out`, whole or not at all. exceljs loads here. */
export async function writeWhatIf(w: WhatIf, where: (c: RuleChange) => string | undefined, lang: Lang, out: string, stamp: Date): Promise<void> {
  const { writeWhatIfWorkbook } = await import('./report/excel/what-if-workbook.js');
  const { writeStaged } = await import('./report/files/staged-files.js');
  await writeStaged(dirname(out), async (files) => files.add(basename(out), await writeWhatIfWorkbook(w, where, lang, stamp)));
}

export type * from './model/year.js';
export { rollUpYearFiles, type YearRun } from './roll-up-year.js';

/** Writes year.json and year.xlsx under `out`, both or neither. exceljs and the charts load here. */
export async function writeYearFiles(input: import('./report/excel/year-workbook.js').YearInput, out: string): Promise<void> {
  const { writeYearWorkbook } = await import('./report/excel/year-workbook.js');
  const { writeStaged } = await import('./report/files/staged-files.js');
  const workbook = await writeYearWorkbook(input);
  await writeStaged(out, async (files) => {
    await files.add('year.json', `${JSON.stringify(input.year, null, 2)}\n`);
    await files.add('year.xlsx', workbook);
  });
}
