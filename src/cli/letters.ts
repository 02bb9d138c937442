/** `cchc letters`: the letters to the units and the quarterly report written again from a scored quarter. */
import { join } from 'node:path';
import {
  appendLogLine,
  checkRules,
  digestFiles,
  digestOutputs,
  formatDiagnostics,
  lastDayOf,
  loadQuarterResults,
  MANIFEST_FILE,
  OutputError,
  readManifest,
  rulesDigest,
  summarizeDiagnostics,
  writeDocuments,
  type Comparison,
  type Diagnostic,
  type Lang,
  type Results,
} from '../index.js';
import { previousQuarterOf, requirePrevious } from './previous.js';
import { EXIT_PROBLEMS, UsageError, type Output, STDIO, requireDir, cannotWrite, currentUser, isFile } from './io.js';

export interface LettersOptions {
  rules: string;
  quarter: string;
  /** The quarter's folder (default out/<quarter>). */
  out?: string;
  /** A file; false with --no-previous. */
  previous?: string | false;
  date?: string;
  deadline?: string;
  args?: string[];
  lang: Lang;
}

export async function lettersCommand(opts: LettersOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  const out = opts.out ?? join('out', opts.quarter);
  const resultsFile = join(out, 'results.json');
  if (!(await isFile(resultsFile))) {
    throw new UsageError(vi ? `chưa có ${resultsFile}: hãy chấm điểm quý ${opts.quarter} trước (cchc score)` : `no ${resultsFile}: score ${opts.quarter} first (cchc score)`);
  }
  await requirePrevious(opts.previous, opts.lang);
  const published = await readManifest(out);
  if (published !== undefined) {
    throw new UsageError(
      vi
        ? `quý trong ${out} đã được công bố (${join(out, MANIFEST_FILE)}): thông báo được khóa cùng kết quả; để ghi lại, chấm lại với --reopen --reason "…"`
        : `the quarter in ${out} is published (${join(out, MANIFEST_FILE)}): its letters are locked with it; to write them again, score it with --reopen --reason "…"`,
    );
  }
  const checked = await checkRules(opts.rules);
  const problems: Diagnostic[] = [...checked.diagnostics];
  const sources = new Map<string, string>(checked.sources);
  let results: Results | undefined;
  let comparison: Comparison | undefined;
  let previous: Results | undefined;
  const inputs = [resultsFile];
  if (checked.rules) {
    const rules = checked.rules;
    const loaded = await loadQuarterResults(resultsFile, { quarter: opts.quarter, rulesDigest: rulesDigest(checked.files), rules: opts.rules, blocs: rules.blocs.map((b) => b.bloc) });
    if (loaded.text !== undefined) sources.set(resultsFile, loaded.text);
    problems.push(...loaded.diagnostics);
    results = loaded.results;
    if (results) {
      const before = await previousQuarterOf(opts.previous, out, results, rules.scheme.precision);
      problems.push(...before.diagnostics);
      if (before.file?.text !== undefined) sources.set(before.file.path, before.file.text);
      if (before.failed) results = undefined;
      if (before.file?.used) inputs.push(before.file.path);
      ({ comparison, results: previous } = before);
    }
  }
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!results || !checked.rules) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const input = {
    rules: checked.rules,
    results,
    comparison,
    previous,
    lang: opts.lang,
    date: opts.date,
    deadline: opts.deadline,
    stamp: opts.date ? new Date(`${opts.date}T00:00:00Z`) : lastDayOf(results.quarter),
  };
  try {
    const { written, leftovers, digests } = await writeDocuments(input, out);
    // Publication checks the outputs against the log: the letters written here are recorded as the score's are.
    await appendLogLine(out, { time: new Date().toISOString(), user: currentUser(), command: 'letters', args: opts.args ?? [], inputs: await digestFiles(inputs), outputs: await digestOutputs(out, written, digests) });
    for (const l of leftovers) io.err(`cchc: ${vi ? 'cảnh báo: không xóa được' : 'warning: could not remove'} ${l.file}: ${l.code}\n`);
    const letters = written.length - 1;
    io.out(vi ? `Đã ghi ${join(out, 'report.docx')} và ${letters} thông báo trong ${join(out, 'letters')}\n` : `Wrote ${join(out, 'report.docx')} and ${letters} letters in ${join(out, 'letters')}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
}
