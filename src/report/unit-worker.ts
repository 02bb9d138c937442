/**
 * A worker thread that writes the units' documents (scorecards and letters): it receives what
 * they share once (as workerData), then one job after another, and sends each document back as
 * bytes, so the files are staged and renamed by the main thread like any other. It never holds
 * the whole results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeUnitDocument, type UnitDocumentJob, type UnitDocumentsInput } from './unit-documents.js';

const input = workerData as UnitDocumentsInput;

parentPort!.on('message', (job: UnitDocumentJob) => {
  void writeUnitDocument(input, job).then(
    (buffer) => {
      const bytes = new Uint8Array(buffer);
      parentPort!.postMessage({ path: job.path, bytes }, [bytes.buffer]);
    },
    (err: Error) => parentPort!.postMessage({ path: job.path, error: err.stack ?? String(err) }),
  );
});
