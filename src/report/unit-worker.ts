/**
 * A worker thread that writes unit scorecards: it receives the report input once (as workerData),
 * then unit after unit, and sends each workbook back as bytes, so the files are staged and
 * renamed by the main thread like any other.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReportInput } from './ranking-workbook.js';
import { writeUnitWorkbook } from './unit-workbook.js';

export interface UnitJob {
  bloc: string;
  unit: string;
}

const input = workerData as ReportInput;
const units = new Map(input.results.blocs.flatMap((b) => b.units.map((u) => [u.id, u] as const)));

parentPort!.on('message', (job: UnitJob) => {
  void writeUnitWorkbook(input, job.bloc, units.get(job.unit)!).then(
    (buffer) => {
      const bytes = new Uint8Array(buffer);
      parentPort!.postMessage({ unit: job.unit, bytes }, [bytes.buffer]);
    },
    (err: Error) => parentPort!.postMessage({ unit: job.unit, error: err.stack ?? String(err) }),
  );
});
