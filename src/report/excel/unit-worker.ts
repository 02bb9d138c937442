/**
 * A worker thread that writes unit scorecards: it receives what they share once (as workerData),
 * then one unit's job after another, and sends each workbook back as bytes, so the files are
 * staged and renamed by the main thread like any other. It never holds the whole results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeUnitWorkbook, type ScorecardInput, type ScorecardJob } from './unit-workbook.js';

const input = workerData as ScorecardInput;

parentPort!.on('message', (job: ScorecardJob) => {
  void writeUnitWorkbook(input, job).then(
    (buffer) => {
      const bytes = new Uint8Array(buffer);
      parentPort!.postMessage({ unit: job.unit.id, bytes }, [bytes.buffer]);
    },
    (err: Error) => parentPort!.postMessage({ unit: job.unit.id, error: err.stack ?? String(err) }),
  );
});
