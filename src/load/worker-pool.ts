import { Worker } from 'node:worker_threads';

export interface PoolOptions<J, R> {
  /** Workers at once (at most one per job). */
  count: number;
  /** Given to every worker as it starts (`workerData`). */
  shared?: unknown;
  /**
   * A worker is replaced once the jobs it did weigh this much together: a heap that has held a
   * large job stays large, and its memory is given back only when the worker ends.
   */
  retireAt?: number;
  weight?: (job: J) => number;
  /**
   * What is kept of a worker's answer to a job, made as the answer comes (so that the answers,
   * as sent, do not pile up until the last job is done).
   */
  receive: (answer: never, job: J) => R;
  /** Told of each job done, as it is done. */
  onDone?: (index: number) => void;
  /** A job as a message about a worker that stopped names it. */
  describe: (job: J) => string;
}

/**
 * Runs jobs on worker threads running `script` (a module that answers each message it receives
 * with one message), the workers taking the jobs in the order given, one at a time each; what is
 * received of the answers is returned in the jobs' order. A worker that fails or stops fails the whole: the other
 * workers take no further job, and every worker is ended before the error is thrown.
 */
export async function runOnWorkers<J, R>(script: URL, jobs: readonly J[], options: PoolOptions<J, R>): Promise<R[]> {
  const answers: R[] = new Array<R>(jobs.length);
  const workers = new Set<Worker>();
  let next = 0;
  // Set when a worker has failed: the other slots start no worker and take no job after it.
  let failed = false;
  const slot = async () => {
    let worker: Worker | undefined;
    let weight = 0;
    while (!failed && next < jobs.length) {
      const index = next++;
      const job = jobs[index]!;
      // Not the command's own Node options (`--input-type` from a script run with -e would stop a worker from starting).
      if (!worker) workers.add((worker = new Worker(script, { execArgv: [], workerData: options.shared })));
      answers[index] = options.receive(await answerOf<never>(worker, job, options.describe(job)), job);
      options.onDone?.(index);
      weight += options.weight?.(job) ?? 0;
      if ((options.retireAt !== undefined && weight >= options.retireAt) || next >= jobs.length) {
        // Ended when done, not left idle without an 'error' listener while the other slots work.
        workers.delete(worker);
        await worker.terminate();
        worker = undefined;
        weight = 0;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.count, jobs.length)) }, slot));
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    await Promise.all([...workers].map((w) => w.terminate()));
  }
  return answers;
}

/** A worker's answer to one job; a failure names the job (`name`), its error kept as the cause. */
function answerOf<R>(worker: Worker, job: unknown, name: string): Promise<R> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.off('message', done);
      worker.off('messageerror', failed);
      worker.off('error', failed);
      worker.off('exit', exited);
    };
    const done = (m: R) => {
      stop();
      resolve(m);
    };
    const failed = (err: Error) => {
      stop();
      reject(new Error(`a worker thread failed while reading ${name}: ${err.message}`, { cause: err }));
    };
    const exited = (code: number) => failed(new Error(`it stopped (exit code ${code})`));
    worker.on('message', done);
    // An answer that cannot be received is a failure too, not a wait for ever.
    worker.on('messageerror', failed);
    worker.on('error', failed);
    worker.on('exit', exited);
    worker.postMessage(job);
  });
}
