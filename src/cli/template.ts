/** `cchc template`: the Excel evidence forms of a quarter. */
import { join } from 'node:path';
import {
  checkRules,
  formatDiagnostics,
  lastDayOf,
  OutputError,
  rulesDigest,
  summarizeDiagnostics,
  writeEvidenceForms,
  type Lang,
} from '../index.js';
import { EXIT_PROBLEMS, UsageError, type Output, STDIO, requireDir, cannotWrite } from './io.js';

export interface TemplateOptions {
  rules: string;
  quarter: string;
  out?: string;
  perUnit?: boolean;
  lang: Lang;
}

export async function templateCommand(opts: TemplateOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
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
