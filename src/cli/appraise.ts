/** `cchc appraise`: the appraisal workbook the scoring team fills, from the units' evidence. */
import { join } from 'node:path';
import { formatDiagnostics, lastDayOf, OutputError, scoreQuarter, summarizeDiagnostics, writeAppraisalForm, type Lang, type MissingMode } from '../index.js';
import { loadQuarter } from './quarter.js';
import { EXIT_PROBLEMS, UsageError, type Output, STDIO, requireDir, cannotWrite } from './io.js';

export interface AppraiseOptions {
  rules: string;
  evidence: string;
  quarter?: string;
  out?: string;
  missing: MissingMode;
  lang: Lang;
}

export async function appraiseCommand(opts: AppraiseOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  // The units' own figures: no appraisal is read, the workbook is where one begins.
  const quarter = await loadQuarter({ ...opts, appraisal: false });
  const { checked, problems, sources } = quarter;
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!quarter.evidence) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const out = opts.out ?? join('out', quarter.evidence.quarter, 'appraisal.xlsx');
  if (!/\.xlsx$/i.test(out)) throw new UsageError(vi ? `--out phải là một tệp .xlsx: ${out}` : `--out must be an .xlsx file: ${out}`);
  const rules = checked.rules!;
  const self = await scoreQuarter(rules, quarter.evidence, quarter.missing, quarter.digest!, { lang: opts.lang });
  try {
    await writeAppraisalForm({ rules, rulesDigest: quarter.digest!, evidence: quarter.evidence, self, lang: opts.lang, stamp: lastDayOf(self.quarter) }, out);
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
  io.out(vi ? `Đã ghi ${out} (${rules.units.length} đơn vị); điền xong, chấm bằng: cchc score --evidence ${opts.evidence} --appraisal ${out}\n` : `Wrote ${out} (${rules.units.length} units); once filled, score with: cchc score --evidence ${opts.evidence} --appraisal ${out}\n`);
  return 0;
}
