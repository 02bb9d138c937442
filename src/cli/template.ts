/** `cchc template`: the Excel evidence forms of a quarter. */
import { join } from 'node:path';
import {
  checkRules,
  formatDiagnostics,
  lastDayOf,
  OutputError,
  rulesDigest,
  scoreAppraised,
  summarizeDiagnostics,
  writeEvidenceForms,
  writeExplanationForms,
  type Lang,
} from '../index.js';
import { EXIT_PROBLEMS, UsageError, type Output, STDIO, requireAppraisal, requireDir, cannotWrite } from './io.js';
import { loadQuarter } from './quarter.js';

export interface TemplateOptions {
  rules: string;
  quarter: string;
  out?: string;
  perUnit?: boolean;
  /** The explanation forms of an appraised quarter instead: needs the evidence (and its appraisal). */
  explanations?: boolean;
  evidence?: string;
  appraisal?: string[] | false;
  lang: Lang;
}

export async function templateCommand(opts: TemplateOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  if (opts.explanations) return explanationForms(opts, io);
  const checked = await checkRules(opts.rules);
  if (checked.diagnostics.length > 0) io.err(`${formatDiagnostics(checked.diagnostics, checked.sources, opts.lang)}\n`);
  if (!checked.rules) {
    io.err(`${summarizeDiagnostics(checked.diagnostics, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const out = opts.out ?? join('out', opts.quarter, opts.perUnit ? 'forms' : 'evidence-form.xlsx');
  if (!opts.perUnit && !/\.xlsx$/i.test(out)) {
    throw new UsageError(vi ? `--out phải là một tệp .xlsx: ${out}` : `--out must be an .xlsx file: ${out}`);
  }
  const input = {
    rules: checked.rules,
    rulesDigest: rulesDigest(checked.files),
    quarter: opts.quarter,
    units: checked.rules.units,
    lang: opts.lang,
    stamp: lastDayOf(opts.quarter),
  };
  try {
    const written = await writeEvidenceForms(input, out, opts.perUnit ?? false);
    io.out(
      opts.perUnit
        ? `${vi ? 'Đã ghi' : 'Wrote'} ${written.length} ${vi ? 'biểu nhập số liệu trong' : 'evidence forms in'} ${out}\n`
        : `${vi ? 'Đã ghi' : 'Wrote'} ${out} (${input.units.length} ${vi ? 'đơn vị' : 'units'})\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
}

/** The explanation form of each unit that has something to answer: asked to explain, or a figure changed by the appraisal. */
async function explanationForms(opts: TemplateOptions, io: Output): Promise<number> {
  const vi = opts.lang === 'vi';
  if (!opts.evidence) throw new UsageError(vi ? '--explanations cần --evidence (số liệu của quý) và kết quả thẩm định' : '--explanations needs --evidence (the quarter\'s evidence) and its appraisal');
  await requireAppraisal({ appraisal: opts.appraisal }, opts.lang);
  const quarter = await loadQuarter({ rules: opts.rules, evidence: opts.evidence, quarter: opts.quarter, missing: 'error', appraisal: opts.appraisal });
  const { checked, problems, sources } = quarter;
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!quarter.evidence) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  if (!quarter.appraised) {
    throw new UsageError(vi ? `không có kết quả thẩm định của quý ${opts.quarter}: hãy chỉ --appraisal FILE` : `no appraisal of ${opts.quarter}: name one with --appraisal FILE`);
  }
  const rules = checked.rules!;
  const results = await scoreAppraised(rules, quarter.appraised, quarter.missing, quarter.digest!, { lang: opts.lang });
  const out = opts.out ?? join('out', opts.quarter, 'explanations');
  try {
    const written = await writeExplanationForms({ rules, rulesDigest: quarter.digest!, results, lang: opts.lang, stamp: lastDayOf(opts.quarter) }, out);
    io.out(vi ? `Đã ghi ${written.length} biểu giải trình trong ${out} (các đơn vị có tiêu chí được yêu cầu giải trình hoặc bị điều chỉnh)\n` : `Wrote ${written.length} explanation forms in ${out} (the units asked to explain, or whose figures were changed)\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
}
