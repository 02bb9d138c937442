/** `cchc year`: the annual result from the four quarters' results.json. */
import { join } from 'node:path';
import {
  appendLogLine,
  checkRules,
  digestFiles,
  digestOutputs,
  formatDiagnostics,
  formatYear,
  LOG_FILE,
  OutputError,
  rollUpYearFiles,
  ruleSources,
  summarizeDiagnostics,
  writeYearFiles,
  type Lang,
  type YearResults,
} from '../index.js';
import { EXIT_PROBLEMS, type Output, STDIO, cannotLog, cannotWrite, currentUser, requireDir } from './io.js';

export interface YearOptions {
  year: number;
  rules: string;
  /** Where the quarters' folders are (default out). */
  outRoot: string;
  /** Where year.json and year.xlsx go (default <out root>/<year>). */
  out?: string;
  allowMissing?: boolean;
  date?: string;
  /** The command line after the program name, as the log records it. */
  args?: string[];
  lang: Lang;
}

export async function yearCommand(opts: YearOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  const checked = await checkRules(opts.rules);
  const sources = new Map(checked.sources);
  const problems = [...checked.diagnostics];
  let year: YearResults | undefined;
  // Every file the roll-up read, digested into the year folder's log.
  const inputs = ruleSources(checked.files).map((f) => f.file);
  if (checked.rules) {
    const run = await rollUpYearFiles(checked.rules, { year: opts.year, outRoot: opts.outRoot, allowMissing: opts.allowMissing ?? false, lang: opts.lang });
    for (const [path, text] of run.sources) sources.set(path, text);
    problems.push(...run.diagnostics);
    inputs.push(...run.inputs);
    year = run.year;
  }
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!year || !checked.rules) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const out = opts.out ?? join(opts.outRoot, String(opts.year));
  try {
    const stamp = opts.date ? new Date(`${opts.date}T00:00:00Z`) : new Date(Date.UTC(opts.year, 11, 31));
    await writeYearFiles({ rules: checked.rules, year, lang: opts.lang, date: opts.date, stamp }, out);
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
  try {
    const outputs = await digestOutputs(out, ['year.json', 'year.xlsx']);
    await appendLogLine(out, { time: new Date().toISOString(), user: currentUser(), command: 'year', args: opts.args ?? [], inputs: await digestFiles(inputs), outputs });
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotLog(err, join(out, LOG_FILE), 'year', opts.lang));
    return EXIT_PROBLEMS;
  }
  io.out(formatYear(year, opts.lang));
  io.out(vi ? `Đã ghi ${join(out, 'year.json')} và ${join(out, 'year.xlsx')}\n` : `Wrote ${join(out, 'year.json')} and ${join(out, 'year.xlsx')}\n`);
  return 0;
}
