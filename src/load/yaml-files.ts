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
 * the file while it is built (115 measured on the benchmark's evidence): files parsed side by
 * side must fit in this together, or they are parsed one after another on this thread. 20,000
 * units' evidence in four files of 6.8 MB took 1.75 GB at its peak parsed two at a time, 1.5 GB
 * one at a time.
 */
const TREES_BUDGET = 1024 * 1024 * 1024;
const TREE_BYTES_PER_BYTE = 100;

type Loaded = { source?: SourceFile; diagnostics: Diagnostic[] };

/**
 * Reads and parses YAML files, as loadYamlFile each, with the same results in the same order;
 * large sets on as many worker threads as there are cores and the memory budget allows
 * (`parallelFrom` for tests).
 */
export async function loadYamlFiles(files: readonly string[], parallelFrom = PARALLEL_FROM): Promise<Loaded[]> {
  const read = await Promise.all(files.map(readYamlText));
  const texts = read.flatMap((r, index) => ('text' in r ? [{ index, text: r.text }] : []));
  const size = texts.reduce((n, t) => n + t.text.length, 0);
  const largest = texts.reduce((n, t) => Math.max(n, t.text.length), 0);
  const count = Math.min(availableParallelism(), texts.length, Math.floor(TREES_BUDGET / (TREE_BYTES_PER_BYTE * Math.max(1, largest))));
  const loaded: Loaded[] = read.map((r) => ('text' in r ? { diagnostics: [] } : r));
  if (size < parallelFrom || count < 2) {
    for (const { index, text } of texts) loaded[index] = parseYaml(files[index]!, text);
    return loaded;
  }
  // Largest first, so that no worker is left with a large file at the end.
  const queue = [...texts].sort((a, b) => b.text.length - a.text.length);
  const pool = Array.from({ length: count }, () => new Worker(new URL('./yaml-worker.js', import.meta.url)));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              const next = queue.shift();
              if (next) worker.postMessage({ index: next.index, file: files[next.index], text: next.text });
              else resolve();
            };
            worker.on('message', (m: { index: number; text: string; data: unknown; parsed: boolean; diagnostics: Diagnostic[] }) => {
              const file = files[m.index]!;
              loaded[m.index] = { source: sourceOf(file, m.text, m.data, m.parsed), diagnostics: m.diagnostics };
              give();
            });
            worker.on('error', reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return loaded;
}
