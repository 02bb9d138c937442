import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FactTypes } from './evidence-workbook.js';
import { formSource, type FormRead } from './form-source.js';
import { parseYaml, readYamlText, sourceOf, type SourceFile } from './yaml-file.js';

/**
 * From this many bytes of YAML in all, files are parsed on worker threads, one file per worker
 * at a time: the parser takes about a second per 1.5 MB (3,000 units' evidence is 4 MB), and a
 * worker costs some 50 ms to start.
 */
export const PARALLEL_FROM = 1024 * 1024;
/**
 * From this many evidence forms, they are read on worker threads: a form takes about 8 ms to
 * read, and each worker first loads exceljs (some 300 ms).
 */
export const PARALLEL_FORMS_FROM = 100;
/**
 * Memory the syntax trees being built at once may take. A tree takes about 100 bytes per byte of
 * the file while it is built (115 measured on the benchmark's evidence): files are parsed side by
 * side only as far as their trees fit in this together.
 */
const TREES_BUDGET = 1024 * 1024 * 1024;
const TREE_BYTES_PER_BYTE = 100;
/**
 * A worker is replaced once it has read this much: a heap that has held a syntax tree stays
 * large, and the memory is given back only when the worker ends. Parsed here, on the main thread,
 * 20,000 units' evidence (four files of 6.8 MB) left the process at 2.4 GB.
 */
const WORKER_BYTES = 4 * 1024 * 1024;

type Loaded = { source?: SourceFile; diagnostics: Diagnostic[] };

/** When files are read on worker threads; tests lower the thresholds. */
export interface Parallel {
  yamlFrom: number;
  formsFrom: number;
}

/** One file for a worker: a YAML file's text, or an evidence form to read. */
type Job = { index: number; size: number } & ({ kind: 'yaml'; text: string } | { kind: 'xlsx' });

/**
 * Reads evidence files, each as loadYamlFile or loadEvidenceWorkbook (`.xlsx`) would, with the
 * same results in the same order; many forms or much YAML on as many worker threads as there
 * are cores and the memory budget allows.
 */
export async function loadSourceFiles(files: readonly string[], types: FactTypes, parallel: Parallel = { yamlFrom: PARALLEL_FROM, formsFrom: PARALLEL_FORMS_FROM }): Promise<Loaded[]> {
  const isForm = (file: string) => /\.xlsx$/i.test(file);
  const loaded: Loaded[] = files.map(() => ({ diagnostics: [] }));
  const jobs: Job[] = [];
  // One file open at a time: a folder may hold a file per unit, more than a process may open at once.
  for (const [index, file] of files.entries()) {
    if (isForm(file)) {
      jobs.push({ index, kind: 'xlsx', size: (await stat(file).catch(() => undefined))?.size ?? 0 });
      continue;
    }
    const read = await readYamlText(file);
    if ('text' in read) jobs.push({ index, kind: 'yaml', text: read.text, size: read.text.length });
    else loaded[index] = read;
  }
  const yamlSize = jobs.reduce((n, j) => n + (j.kind === 'yaml' ? j.size : 0), 0);
  const forms = jobs.filter((j) => j.kind === 'xlsx').length;
  const largest = jobs.reduce((n, j) => Math.max(n, j.size), 0);
  const count = Math.max(1, Math.min(availableParallelism(), jobs.length, Math.floor(TREES_BUDGET / (TREE_BYTES_PER_BYTE * Math.max(1, largest)))));
  if (yamlSize < parallel.yamlFrom && forms < parallel.formsFrom) {
    for (const job of jobs) loaded[job.index] = await readHere(files[job.index]!, job, types);
    return loaded;
  }
  // Largest first, so that no worker is left with a large file at the end.
  const queue = [...jobs].sort((a, b) => b.size - a.size);
  const workers = new Set<Worker>();
  // Set when a worker has failed: the other slots start no worker and take no file after it.
  let failed = false;
  const slot = async () => {
    let worker: Worker | undefined;
    let read = 0;
    for (let next = queue.shift(); next && !failed; next = queue.shift()) {
      if (!worker) workers.add((worker = new Worker(new URL('./source-worker.js', import.meta.url), { workerData: types })));
      const file = files[next.index]!;
      loaded[next.index] = fromWorker(file, await readBy(worker, next.kind === 'yaml' ? { kind: 'yaml', file, text: next.text } : { kind: 'xlsx', file }));
      read += next.size;
      if (read >= WORKER_BYTES) {
        workers.delete(worker);
        await worker.terminate();
        worker = undefined;
        read = 0;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: count }, slot));
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    await Promise.all([...workers].map((w) => w.terminate()));
  }
  return loaded;
}

/** A file read on this thread. */
async function readHere(file: string, job: Job, types: FactTypes): Promise<Loaded> {
  if (job.kind === 'yaml') return parseYaml(file, job.text);
  // exceljs is loaded only when a workbook is read.
  return (await import('./evidence-workbook.js')).loadEvidenceWorkbook(file, types);
}

/** What a worker sends back for a file (source-worker.ts). */
export type Sent = { diagnostics: Diagnostic[] } & ({ kind: 'yaml'; text: string; data: unknown; parsed: boolean } | { kind: 'xlsx'; form?: FormRead });

/** A file as the worker read it, with its positions found here when asked for. */
function fromWorker(file: string, m: Sent): Loaded {
  if (m.kind === 'yaml') return { source: sourceOf(file, m.text, m.data, m.parsed), diagnostics: m.diagnostics };
  return m.form ? { source: formSource(file, m.form), diagnostics: m.diagnostics } : { diagnostics: m.diagnostics };
}

/** One file read by a worker. */
function readBy(worker: Worker, job: { kind: 'yaml'; file: string; text: string } | { kind: 'xlsx'; file: string }): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.off('message', done);
      worker.off('error', failed);
      worker.off('exit', exited);
    };
    const done = (m: Sent) => {
      stop();
      resolve(m);
    };
    const failed = (err: Error) => {
      stop();
      reject(err);
    };
    const exited = (code: number) => failed(new Error(`the evidence worker stopped (exit code ${code}) while reading ${job.file}`));
    worker.on('message', done);
    worker.on('error', failed);
    worker.on('exit', exited);
    worker.postMessage(job);
  });
}
