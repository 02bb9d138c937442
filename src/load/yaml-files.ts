import { availableParallelism } from 'node:os';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { runOnWorkers } from './worker-pool.js';
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

/** A file read: its source when it could be parsed, and what is wrong with it. */
export type Loaded = { source?: SourceFile; diagnostics: Diagnostic[] };

/**
 * Reads and parses YAML files, as loadYamlFile each, with the same results in the same order;
 * large sets on as many worker threads as there are cores and the memory budget allows
 * (`parallelFrom` for tests). `onDone` is told of each file as it is done with.
 */
export async function loadYamlFiles(files: readonly string[], parallelFrom = PARALLEL_FROM, onDone: () => void = () => undefined): Promise<Loaded[]> {
  // One file open at a time: a folder may hold a file per unit, more than a process may open at once.
  const read: Awaited<ReturnType<typeof readYamlText>>[] = [];
  for (const file of files) read.push(await readYamlText(file));
  const texts = read.flatMap((r, index) => ('text' in r ? [{ index, text: r.text }] : []));
  const size = texts.reduce((n, t) => n + t.text.length, 0);
  const loaded: Loaded[] = read.map((r) => ('text' in r ? { diagnostics: [] } : r));
  for (let i = texts.length; i < files.length; i++) onDone();
  if (size < parallelFrom) {
    for (const { index, text } of texts) {
      loaded[index] = parseYaml(files[index]!, text);
      onDone();
    }
    return loaded;
  }
  const largest = texts.reduce((n, t) => Math.max(n, t.text.length), 0);
  const count = Math.max(1, Math.min(availableParallelism(), texts.length, Math.floor(TREES_BUDGET / (TREE_BYTES_PER_BYTE * largest))));
  // Largest first, so that no worker is left with a large file at the end.
  const queue = [...texts].sort((a, b) => b.text.length - a.text.length);
  const parsed = await runOnWorkers(new URL('./yaml-worker.js', import.meta.url), queue.map(({ index, text }) => ({ file: files[index]!, text })), {
    count,
    retireAt: WORKER_BYTES,
    weight: (job) => job.text.length,
    receive: (m: Parsed, job): Loaded => ({ source: sourceOf(job.file, m.text, m.data, m.parsed), diagnostics: m.diagnostics }),
    onDone,
    describe: (job) => job.file,
  });
  for (const [i, { index }] of queue.entries()) loaded[index] = parsed[i]!;
  return loaded;
}

/** A file parsed by a worker (yaml-worker.ts). */
interface Parsed {
  text: string;
  data: unknown;
  parsed: boolean;
  diagnostics: Diagnostic[];
}
