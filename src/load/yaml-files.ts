import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYaml, readYamlText, sourceOf, type SourceFile } from './yaml-file.js';

/**
 * From this many bytes of YAML in all, files are parsed on worker threads, one file per worker
 * at a time: the parser takes about a second per 1.5 MB (3,000 units' evidence is 4 MB), and a
 * worker costs some 50 ms to start.
 */
export const PARALLEL_FROM = 1024 * 1024;
/**
 * Memory the syntax trees being built at once may take. A tree takes about 100 bytes per byte of
 * the file while it is built (115 measured on the benchmark's evidence): files are parsed side by
 * side only as far as their trees fit in this together.
 */
const TREES_BUDGET = 1024 * 1024 * 1024;
const TREE_BYTES_PER_BYTE = 100;
/**
 * A worker is replaced once it has parsed this much: a heap that has held a syntax tree stays
 * large, and the memory is given back only when the worker ends. Parsed here, on the main thread,
 * 20,000 units' evidence (four files of 6.8 MB) left the process at 2.4 GB.
 */
const WORKER_BYTES = 4 * 1024 * 1024;

type Loaded = { source?: SourceFile; diagnostics: Diagnostic[] };

/**
 * Reads and parses YAML files, as loadYamlFile each, with the same results in the same order;
 * large sets on as many worker threads as there are cores and the memory budget allows
 * (`parallelFrom` for tests).
 */
export async function loadYamlFiles(files: readonly string[], parallelFrom = PARALLEL_FROM): Promise<Loaded[]> {
  // One file open at a time: a folder may hold a file per unit, more than a process may open at once.
  const read: Awaited<ReturnType<typeof readYamlText>>[] = [];
  for (const file of files) read.push(await readYamlText(file));
  const texts = read.flatMap((r, index) => ('text' in r ? [{ index, text: r.text }] : []));
  const size = texts.reduce((n, t) => n + t.text.length, 0);
  const loaded: Loaded[] = read.map((r) => ('text' in r ? { diagnostics: [] } : r));
  if (size < parallelFrom) {
    for (const { index, text } of texts) loaded[index] = parseYaml(files[index]!, text);
    return loaded;
  }
  const largest = texts.reduce((n, t) => Math.max(n, t.text.length), 0);
  const count = Math.max(1, Math.min(availableParallelism(), texts.length, Math.floor(TREES_BUDGET / (TREE_BYTES_PER_BYTE * largest))));
  // Largest first, so that no worker is left with a large file at the end.
  const queue = [...texts].sort((a, b) => b.text.length - a.text.length);
  const workers = new Set<Worker>();
  // Set when a worker has failed: the other slots start no worker and take no file after it.
  let failed = false;
  const slot = async () => {
    let worker: Worker | undefined;
    let parsed = 0;
    for (let next = queue.shift(); next && !failed; next = queue.shift()) {
      // Not the command's own Node options (`--input-type` from a script run with -e would stop a worker from starting).
      if (!worker) workers.add((worker = new Worker(new URL('./yaml-worker.js', import.meta.url), { execArgv: [] })));
      const file = files[next.index]!;
      const m = await parsedBy(worker, { file, text: next.text });
      loaded[next.index] = { source: sourceOf(file, m.text, m.data, m.parsed), diagnostics: m.diagnostics };
      parsed += next.text.length;
      if (parsed >= WORKER_BYTES || queue.length === 0) {
        // Ended when done, not left idle without an 'error' listener while the other slots work.
        workers.delete(worker);
        await worker.terminate();
        worker = undefined;
        parsed = 0;
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

interface Parsed {
  text: string;
  data: unknown;
  parsed: boolean;
  diagnostics: Diagnostic[];
}

/** One file parsed by a worker (yaml-worker.ts). */
function parsedBy(worker: Worker, job: { file: string; text: string }): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.off('message', done);
      worker.off('error', failed);
      worker.off('exit', exited);
    };
    const done = (m: Parsed) => {
      stop();
      resolve(m);
    };
    const failed = (err: Error) => {
      stop();
      reject(err);
    };
    const exited = (code: number) => failed(new Error(`the YAML worker stopped (exit code ${code}) while parsing ${job.file}`));
    worker.on('message', done);
    worker.on('error', failed);
    worker.on('exit', exited);
    worker.postMessage(job);
  });
}
