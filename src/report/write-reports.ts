import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Results } from '../model/results.js';
import { skimResultsFile } from '../load/results-skim.js';
import { unitIdsIn } from '../rank/changed-units.js';
import { writeJsonFile } from './files/json-file.js';
import type { OutputError } from './files/output-error.js';
import { writeRankingWorkbook } from './excel/ranking-workbook.js';
import type { ReportInput } from './report-input.js';
import { safeFileNames } from './files/safe-names.js';
import { writeStaged, type FileOps } from './files/staged-files.js';
import { scorecardsOf } from './excel/unit-workbook.js';
import { writeUnitDocument, type UnitDocumentJob, type UnitDocumentsInput } from './unit-documents.js';
import { lettersOf } from './word/letter.js';

export const UNITS_DIR = 'units';
export const LETTERS_DIR = 'letters';
export const QUARTER_REPORT = 'report.docx';

/** The path, under the output folder, of each unit's scorecard: safe and unique whatever the ids. */
export function unitFiles(results: Results): Map<string, string> {
  return filesOf(idsOf(results), UNITS_DIR, 'xlsx');
}

/** The path, under the output folder, of each unit's letter: named as its scorecard is. */
export function letterFiles(results: Results): Map<string, string> {
  return filesOf(idsOf(results), LETTERS_DIR, 'docx');
}

const idsOf = (results: Results) => results.blocs.flatMap((b) => b.units.map((u) => u.id));

function filesOf(ids: readonly string[], dir: string, extension: string): Map<string, string> {
  const names = safeFileNames(ids);
  return new Map(ids.map((id, i) => [id, join(dir, `${names[i]}.${extension}`)]));
}

export interface WriteOptions {
  onProgress?: (done: number, total: number) => void;
  /** The file operations to use (tests give failing ones). */
  ops?: FileOps;
  /** false: results.json and ranking.xlsx only (`--no-unit-files`). */
  unitFiles?: boolean;
  /** false: no letters and no report.docx (`--no-letters`). */
  letters?: boolean;
  /** Worker threads for the unit scorecards; 1 writes them on the main thread. Default: the cores, for enough units. */
  workers?: number;
  /**
   * What each scorecard in place was written from, kept across the runs of a watching command:
   * a scorecard whose input and file are as they were is not written again.
   */
  memo?: ScorecardMemo;
  /**
   * Runs once every file is staged, before the first is renamed into place (the command reopens
   * a published quarter there): a failure in it leaves the previous outputs as they were.
   */
  beforeCommit?: () => Promise<void>;
  /** The unit ids of the results.json in `out` this run replaces, when the caller has read it; else it is read here. */
  replaces?: readonly string[];
}

/** By scorecard or letter path: a digest of what it was written from, and the file's change time after writing. */
export type ScorecardMemo = Map<string, string>;

/** Which of a unit's documents to make: scorecards, letters, less those in `skip` (by path relative to the output folder). */
export interface UnitDocuments {
  scorecards?: boolean;
  letters?: boolean;
  skip?: ReadonlySet<string>;
}

/** The jobs of the units' documents, scorecards first, each with its path. */
export function unitDocumentJobs(input: ReportInput, which: UnitDocuments = {}): { shared: UnitDocumentsInput; jobs: UnitDocumentJob[] } {
  const { scorecards = true, letters = false, skip = new Set() } = which;
  const cards = scorecardsOf(input);
  const notices = lettersOf(input);
  const cardPaths = unitFiles(input.results);
  const letterPaths = letterFiles(input.results);
  const jobs: UnitDocumentJob[] = [
    ...(scorecards ? cards.jobs.map((job) => ({ kind: 'scorecard' as const, path: cardPaths.get(job.unit.id)!, unit: job.unit.id, job })) : []),
    ...(letters ? notices.jobs.map((job) => ({ kind: 'letter' as const, path: letterPaths.get(job.unit.id)!, unit: job.unit.id, job })) : []),
  ].filter((j) => !skip.has(j.path));
  return { shared: { scorecard: cards.shared, letter: notices.shared }, jobs };
}

/**
 * Makes the units' documents (scorecards, and letters when asked) and hands each to `written`
 * with its path (on this thread, one at a time), on `workers` worker threads (default: the
 * cores, when there are enough documents), or here with 1.
 */
export async function writeUnitFiles(
  input: ReportInput,
  written: (path: string, bytes: Uint8Array) => Promise<void>,
  workers?: number,
  which: UnitDocuments = {},
  stop: Stop = { stopped: false },
): Promise<void> {
  const { shared, jobs } = unitDocumentJobs(input, which);
  if (jobs.length === 0) return;
  const count = Math.min(workers ?? defaultWorkers(jobs.length), jobs.length);
  if (count > 1) return inWorkers(shared, jobs, count, written, stop);
  for (const job of jobs) {
    if (stop.stopped) return;
    await written(job.path, await writeUnitDocument(shared, job));
  }
}

/** Set when any part of the writing has failed: no more scorecards are begun or written. */
export interface Stop {
  stopped: boolean;
}

/** Below this many documents, starting workers costs more than it saves. */
const DOCUMENTS_PER_WORKER = 20;

function defaultWorkers(documents: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(documents / DOCUMENTS_PER_WORKER)));
}

/** Jobs given to a worker ahead: it starts the next document while the last one travels back. */
const AHEAD = 2;
/** Documents come back faster than they are written to disk: past this many waiting, no more are begun. */
const WAITING = 16;

/**
 * Writes the documents on `count` worker threads. Each worker has up to AHEAD jobs at a time
 * and is given the next as each comes back, unless WAITING documents are waiting to be written:
 * memory is bounded by a few documents per worker. `written` runs on this thread, one document
 * at a time, in the order they come back.
 */
async function inWorkers(shared: UnitDocumentsInput, jobs: UnitDocumentJob[], count: number, written: (path: string, bytes: Uint8Array) => Promise<void>, stop: Stop): Promise<void> {
  // Not the command's own Node options (`--input-type` from a script run with -e would stop a worker from starting).
  const pool = Array.from({ length: count }, () => new Worker(new URL('./unit-worker.js', import.meta.url), { workerData: shared, execArgv: [] }));
  let next = 0;
  let waiting = 0;
  let chain = Promise.resolve();
  const held: (() => void)[] = [];
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let busy = 0;
            const give = () => {
              while (busy < AHEAD && next < jobs.length && !stop.stopped) {
                busy += 1;
                worker.postMessage(jobs[next++]);
              }
              if (busy === 0) resolve();
            };
            worker.on('message', (m: { path: string; bytes?: Uint8Array; error?: string }) => {
              busy -= 1;
              if (m.error) return reject(new Error(`unit document ${m.path}: ${m.error}`));
              waiting += 1;
              // Once anything has failed, documents that come back are not written.
              chain = chain.then(() => (stop.stopped ? undefined : written(m.path, m.bytes!)));
              chain.then(() => {
                waiting -= 1;
                held.shift()?.();
              }, reject);
              if (waiting < WAITING) give();
              else held.push(give);
            });
            worker.on('error', reject);
            give();
          }),
      ),
    );
    await chain;
  } catch (err) {
    stop.stopped = true;
    throw err;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
    // Nothing may still be writing when the caller removes what was staged.
    await chain.catch(() => undefined);
  }
}

/**
 * Writes results.json, ranking.xlsx, report.docx, and one scorecard and one letter per unit under
 * `out`. Each file goes to a temporary file beside its target first; only when all are written are
 * they renamed into place, so a failure leaves the previous outputs as they were. The scorecards
 * and letters of units the replaced results.json had and this one has not are removed (no other
 * file of the folder is touched).
 * Returns the paths written, relative to `out`; the scorecards and letters left in place because
 * they were already as this run would write them (`memo`); and the files that could not be tidied afterwards.
 */
export async function writeReports(input: ReportInput, out: string, options: WriteOptions = {}): Promise<{ written: string[]; kept: string[]; leftovers: OutputError[]; digests: ReadonlyMap<string, string> }> {
  const { onProgress = () => undefined, ops, unitFiles: withUnits = true, letters: withLetters = true } = options;
  // Only the ids are kept of the results.json replaced, which may be large.
  const gone = options.replaces ?? unitIdsIn(await skimResultsFile(join(out, 'results.json')));
  const files = unitFiles(input.results);
  const { memo } = options;
  const inputs = memo ? documentInputs(input, withUnits, withLetters) : new Map<string, string>();
  // Paths of the scorecards and letters already as this run would write them.
  const unchanged = new Set<string>();
  for (const [path, digest] of inputs) {
    if (memo!.get(path) === `${digest} ${await changeTime(join(out, path))}`) unchanged.add(path);
  }
  const staged = await writeStaged(
    out,
    async (stage) => {
      // results.json and the ranking are written on this thread while worker threads make the scorecards.
      const stop: Stop = { stopped: false };
      let done = 0;
      const total = (withUnits ? files.size : 0) + (withLetters ? files.size : 0) - unchanged.size;
      await allOf(
        [
          stage.addWith('results.json', (temp) => writeJsonFile(temp, input.results)),
          stage.addWith('ranking.xlsx', (temp) => writeRankingWorkbook(input, temp)),
          withLetters ? writeQuarterDocument(input, (path, bytes) => stage.add(path, bytes)) : Promise.resolve(),
          writeUnitFiles(
            input,
            async (path, bytes) => {
              await stage.add(path, bytes);
              onProgress(++done, total);
            },
            options.workers,
            { scorecards: withUnits, letters: withLetters, skip: unchanged },
            stop,
          ),
        ],
        stop,
      );
      await options.beforeCommit?.();
    },
    ops,
  );
  // Without unit files this run, the scorecards in place are neither replaced nor removed.
  const kept = new Set(files.values());
  const stale = withUnits ? [...filesOf(gone, UNITS_DIR, 'xlsx').values()].filter((p) => !kept.has(p)) : [];
  const letters = new Set(letterFiles(input.results).values());
  // Also without letters this run: a unit gone from the results keeps no letter to be published with them.
  stale.push(...[...filesOf(gone, LETTERS_DIR, 'docx').values()].filter((p) => !letters.has(p)));
  for (const path of stale) await staged.tidy(join(out, path));
  // What a run killed while writing left behind: every folder, also when this run wrote no scorecard.
  await staged.removeStale('.');
  await staged.removeStale(UNITS_DIR);
  await staged.removeStale(LETTERS_DIR);
  for (const [path, digest] of inputs) {
    if (!unchanged.has(path)) memo!.set(path, `${digest} ${await changeTime(join(out, path))}`);
  }
  return { written: [...staged.committed], kept: [...unchanged], leftovers: staged.leftovers, digests: staged.digests };
}

/** Writes the committee's quarterly report, on this thread while the workers make the units' documents. */
async function writeQuarterDocument(input: ReportInput, add: (path: string, bytes: Uint8Array) => Promise<void>): Promise<void> {
  const { writeQuarterReport } = await import('./word/quarter-report.js');
  await add(QUARTER_REPORT, await writeQuarterReport(input));
}

/**
 * Writes report.docx and every unit's letter again under `out` (`cchc letters`), all or nothing,
 * leaving the quarter's other outputs as they are. Returns the paths written, relative to `out`.
 */
export async function writeDocuments(input: ReportInput, out: string, ops?: FileOps): Promise<{ written: string[]; leftovers: OutputError[]; digests: ReadonlyMap<string, string> }> {
  const staged = await writeStaged(
    out,
    async (stage) => {
      const stop: Stop = { stopped: false };
      const add = (path: string, bytes: Uint8Array) => stage.add(path, bytes);
      await allOf([writeQuarterDocument(input, add), writeUnitFiles(input, add, undefined, { scorecards: false, letters: true }, stop)], stop);
    },
    ops,
  );
  await staged.removeStale(LETTERS_DIR);
  return { written: [...staged.committed], leftovers: staged.leftovers, digests: staged.digests };
}

/**
 * Waits for every part of the writing. The first to fail stops the scorecards from being begun,
 * and its error (the first in `parts` order, when several fail) is thrown once every part has
 * settled, so nothing is still writing when the staged files are removed.
 */
async function allOf(parts: Promise<void>[], stop: Stop): Promise<void> {
  const settled = await Promise.allSettled(
    parts.map((part) =>
      part.catch((err: unknown) => {
        stop.stopped = true;
        throw err;
      }),
    ),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * By path, a digest of everything each scorecard (writeUnitWorkbook's input and job) and each
 * letter (writeLetter's) is made from, of the kinds this run writes.
 */
function documentInputs(input: ReportInput, scorecards: boolean, letters: boolean): Map<string, string> {
  const digests = new Map<string, string>();
  const digest = (...parts: string[]) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest('hex');
  if (scorecards) {
    const { shared, jobs } = scorecardsOf(input);
    const common = JSON.stringify([shared.lang, shared.date ?? null, shared.stamp.toISOString(), shared.rules.scheme, shared.quarter, shared.comparison ?? null]);
    const blocs = new Map(shared.rules.blocs.map((b) => [b.bloc, JSON.stringify(b)]));
    const paths = unitFiles(input.results);
    for (const job of jobs) digests.set(paths.get(job.unit.id)!, digest(common, blocs.get(job.bloc)!, JSON.stringify(job)));
  }
  if (letters) {
    const { shared, jobs } = lettersOf(input);
    // The whole shared input, all the rules included.
    const common = JSON.stringify(shared);
    const paths = letterFiles(input.results);
    for (const job of jobs) digests.set(paths.get(job.unit.id)!, digest('letter', common, JSON.stringify(job)));
  }
  return digests;
}

/** A file's change time, or "none": a scorecard edited or removed since it was written is written again. */
async function changeTime(file: string): Promise<string> {
  return stat(file, { bigint: true }).then(
    (s) => `${s.mtimeNs}:${s.size}`,
    () => 'none',
  );
}
