/** `cchc score`: a quarter scored, its results, ranking and unit scorecards written. */
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  appendLogLine,
  changedUnits,
  digestFiles,
  digestOutputs,
  formatDiagnostics,
  formatRanking,
  isResultsFile,
  lastDayOf,
  LOG_FILE,
  MANIFEST_FILE,
  OutputError,
  readManifest,
  removeManifest,
  scoreAppraised,
  scoreQuarter,
  scoresIn,
  skimResultsFile,
  unitIdsIn,
  summarizeDiagnostics,
  writeReports,
  type Comparison,
  type Lang,
  type Manifest,
  type MissingMode,
  type Results,
  type ScorecardMemo,
} from '../index.js';
import { loadQuarter, type RulesCache } from './quarter.js';
import { previousQuarterOf, requirePrevious } from './previous.js';
import { EXIT_PROBLEMS, UsageError, type Output, STDIO, requireAppraisal, requireDir, progressBar, cannotLog, cannotWrite, currentUser } from './io.js';

export interface ScoreOptions {
  rules: string;
  evidence: string;
  quarter?: string;
  out?: string;
  /** A file; false with --no-previous. */
  previous?: string | false;
  /** The committee's appraisal (default appraisal/<quarter>.yaml beside the evidence, when there); false with --no-appraisal. */
  appraisal?: string[] | false;
  explanations?: string;
  date?: string;
  /** `YYYY-MM-DD` by which units send their remedy plan, printed in the letters. */
  deadline?: string;
  missing: MissingMode;
  strict?: boolean;
  /** false with --no-unit-files. */
  unitFiles?: boolean;
  /** false with --no-letters. */
  letters?: boolean;
  /** Worker threads for the unit scorecards (default: the cores, for enough units). */
  workers?: number;
  /** Write into a folder whose results.json is another quarter's, or not ours. */
  force?: boolean;
  /** Kept across the runs of `--watch`: rules and scorecards that have not changed are not made again. */
  reuse?: { rules: RulesCache; scorecards: ScorecardMemo };
  /** Score a published quarter again; `reason` is then required, and kept in the log. */
  reopen?: boolean;
  reason?: string;
  /** The command line after the program name, as the log records it. */
  args?: string[];
  lang: Lang;
}

/** From this many evidence files on, reading them shows a progress bar on a terminal. */
const READING_BAR = 20;

export async function scoreCommand(opts: ScoreOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  requireReason(opts);
  await requireDir(opts.rules, opts.lang);
  await requirePrevious(opts.previous, opts.lang);
  await requireAppraisal(opts, opts.lang);
  if (opts.out) await requireApartFromEvidence(opts.out, opts.evidence, opts.lang);
  // A folder of 3,000 returned forms takes seconds to read: a terminal sees it move.
  const reading = progressBar(vi ? 'Đọc số liệu' : 'Reading evidence', io);
  const quarter = await loadQuarter(opts, opts.reuse?.rules, (done, total) => total >= READING_BAR && reading.update(done, total));
  reading.done();
  const { checked, problems, sources } = quarter;
  let results: Results | undefined;
  if (quarter.appraised) {
    results = await scoreAppraised(checked.rules!, quarter.appraised, quarter.missing, quarter.digest!, { lang: opts.lang });
  } else if (quarter.evidence) {
    results = await scoreQuarter(checked.rules!, quarter.evidence, quarter.missing, quarter.digest!, { lang: opts.lang });
  }
  const out = opts.out ?? join('out', results?.quarter ?? '');
  let comparison: Comparison | undefined;
  let previousResults: Results | undefined;
  let skippedPrevious: string | undefined;
  // Every file this run reads, digested into the log: add another input here.
  const inputs = [...quarter.read];
  if (results) {
    const previous = await previousQuarterOf(opts.previous, out, results, checked.rules!.scheme.precision);
    problems.push(...previous.diagnostics);
    if (previous.file?.text !== undefined) sources.set(previous.file.path, previous.file.text);
    if (previous.file?.used) inputs.push(previous.file.path);
    else if (previous.file && !previous.failed) skippedPrevious = previous.file.path;
    if (previous.failed) results = undefined;
    ({ comparison, results: previousResults } = previous);
  }
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!results) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  if (!opts.out) await requireApartFromEvidence(out, opts.evidence, opts.lang);
  const before = await scoresBefore(out, results.quarter, opts);
  const published = await readManifest(out);
  if (published !== undefined && !opts.reopen) throw new UsageError(publishedMessage(out, published, opts.lang));
  const args = opts.args ?? [];
  // Everything is scored and checked before the first byte is written; files are renamed into place together.
  const input = {
    rules: checked.rules!,
    results,
    comparison,
    previous: previousResults,
    lang: opts.lang,
    date: opts.date,
    deadline: opts.deadline,
    stamp: opts.date ? new Date(`${opts.date}T00:00:00Z`) : lastDayOf(results.quarter),
  };
  const progress = progressBar(vi ? 'Bảng điểm và thông báo' : 'Scorecards and letters', io);
  // A published quarter is reopened once every file is staged, just before they are put in place:
  // the log says so first, then the lock goes.
  const reopen = async () => {
    await appendLogLine(out, { time: new Date().toISOString(), user: currentUser(), command: 'reopen', args, reason: opts.reason!.trim() });
    await removeManifest(out);
  };
  let leftovers: OutputError[];
  let outputs: string[];
  let digests: ReadonlyMap<string, string>;
  try {
    const wrote = await writeReports(input, out, {
      onProgress: progress.update,
      unitFiles: opts.unitFiles !== false,
      letters: opts.letters !== false,
      workers: opts.workers,
      memo: opts.reuse?.scorecards,
      beforeCommit: published !== undefined ? reopen : undefined,
      replaces: before.ids,
    });
    ({ leftovers, digests } = wrote);
    outputs = [...wrote.written, ...wrote.kept];
    progress.done();
  } catch (err) {
    progress.done();
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
  try {
    const changed = changedUnits(before.scores, results);
    const entry = { command: 'score', args, inputs: await digestFiles(inputs), outputs: await digestOutputs(out, outputs, digests), changed };
    await appendLogLine(out, { time: new Date().toISOString(), user: currentUser(), ...entry });
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotLog(err, join(out, LOG_FILE), 'score', opts.lang));
    return EXIT_PROBLEMS;
  }
  if (skippedPrevious) {
    io.err(`cchc: ${vi ? `bỏ qua so sánh với quý trước (${skippedPrevious} không dùng được; --previous FILE để chỉ tệp khác, --no-previous để không so sánh)` : `no comparison with the previous quarter (${skippedPrevious} cannot be used; --previous FILE names another, --no-previous turns it off)`}\n`);
  }
  // Everything is in place; a file that could not be tidied afterwards is worth a word, not a failure.
  for (const l of leftovers) io.err(`cchc: ${vi ? 'cảnh báo: không xóa được' : 'warning: could not remove'} ${l.file}: ${l.code}\n`);
  io.out(formatRanking(results, opts.lang));
  if (published !== undefined) {
    io.out(vi ? `Đã mở lại quý ${results.quarter} đã công bố; lý do được ghi trong ${join(out, LOG_FILE)}\n` : `Reopened the published ${results.quarter}; the reason is kept in ${join(out, LOG_FILE)}\n`);
  }
  const count = results.blocs.reduce((n, b) => n + b.units.length, 0);
  const units = opts.unitFiles === false ? 0 : count;
  const compared = comparison ? (vi ? `; so sánh với ${comparison.quarter}` : `; compared with ${comparison.quarter}`) : '';
  const letters = opts.letters === false ? '' : vi ? `, ${join(out, 'report.docx')}, ${count} thông báo trong ${join(out, 'letters')}` : `, ${join(out, 'report.docx')}, ${count} letters in ${join(out, 'letters')}`;
  io.out(
    vi
      ? `Đã ghi ${join(out, 'results.json')}, ${join(out, 'ranking.xlsx')}${letters} và ${units} bảng điểm đơn vị trong ${join(out, 'units')}${compared}\n`
      : `Wrote ${join(out, 'results.json')}, ${join(out, 'ranking.xlsx')}${letters} and ${units} unit scorecards in ${join(out, 'units')}${compared}\n`,
  );
  return 0;
}

/**
 * Refuses (wrong usage) an output folder that is the evidence folder or holds it: scorecards
 * would replace the units' own files, and the next run would read results as evidence.
 */
async function requireApartFromEvidence(out: string, evidence: string, lang: Lang): Promise<void> {
  const real = async (path: string) => realpath(path).catch(() => resolve(path));
  const outDir = await real(out);
  const evidenceAt = await real(evidence);
  const inside = relative(outDir, evidenceAt);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new UsageError(
      lang === 'vi'
        ? `thư mục kết quả ${out} chứa số liệu ${evidence}: bảng điểm sẽ ghi đè lên số liệu của đơn vị; hãy chọn --out khác`
        : `the output folder ${out} holds the evidence ${evidence}: scorecards would replace the units' files; choose another --out`,
    );
  }
}

/**
 * Of the results.json `out` holds, which this run replaces: its units' scores (none when it is
 * not of `quarter`) and the ids of whatever units it lists, whose scorecards and letters go with
 * it (also with --force over a file not ours). Refuses the folder unless it is this quarter's or
 * `--force` (see requireOwnFolder).
 */
async function scoresBefore(out: string, quarter: string, opts: ScoreOptions): Promise<{ scores: Map<string, number>; ids: string[] }> {
  // No file (undefined), or not a cchc results file (null), or its quarter.
  const held = await skimResultsFile(join(out, 'results.json'));
  const found = held === undefined ? undefined : isResultsFile(held) ? held.quarter : null;
  if (!opts.force) requireOwnFolder(out, found, quarter, opts.lang);
  return { scores: found === quarter ? scoresIn(held, quarter) : new Map(), ids: unitIdsIn(held) };
}

/**
 * Refuses (wrong usage) an output folder holding another quarter's results.json, or a
 * results.json that is not ours: writing there would replace them, and remove their scorecards.
 */
function requireOwnFolder(out: string, found: string | null | undefined, quarter: string, lang: Lang): void {
  const vi = lang === 'vi';
  if (found === undefined || found === quarter) return;
  if (found === null) {
    const file = join(out, 'results.json');
    throw new UsageError(
      vi
        ? `${file} không phải tệp kết quả của cchc; thêm --force để ghi đè vào thư mục ${out}, hoặc chọn --out khác`
        : `${file} is not a cchc results file; add --force to write over it in ${out}, or choose another --out`,
    );
  }
  throw new UsageError(
    vi
      ? `thư mục ${out} đang chứa kết quả quý ${found}, không phải quý ${quarter}; thêm --force để ghi đè, hoặc chọn --out khác`
      : `${out} holds the results of ${found}, not ${quarter}; add --force to write over them, or choose another --out`,
  );
}

/** Refuses (wrong usage) `--reopen` without a reason, and a reason without `--reopen`. */
function requireReason(opts: ScoreOptions): void {
  const vi = opts.lang === 'vi';
  if (opts.reopen && !opts.reason?.trim()) {
    throw new UsageError(vi ? `--reopen cần --reason "…": lý do chấm lại một quý đã công bố được ghi vào nhật ký` : `--reopen needs --reason "…": why a published quarter is scored again goes into its log`);
  }
  if (opts.reason !== undefined && !opts.reopen) {
    throw new UsageError(vi ? `--reason chỉ dùng cùng --reopen` : `--reason goes with --reopen only`);
  }
}

/** Why a published quarter is not scored again without `--reopen`. */
function publishedMessage(out: string, manifest: Manifest | null, lang: Lang): string {
  const when = manifest?.publishedAt ?? '?';
  const who = manifest?.user ?? '?';
  return lang === 'vi'
    ? `quý trong ${out} đã được công bố ngày ${when} bởi ${who} (${join(out, MANIFEST_FILE)}); để chấm lại, thêm --reopen --reason "…"`
    : `the quarter in ${out} was published on ${when} by ${who} (${join(out, MANIFEST_FILE)}); to score it again, add --reopen --reason "…"`;
}
