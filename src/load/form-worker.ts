/**
 * A worker thread that reads filled evidence forms (see evidence.ts): given the facts' types as it
 * starts, it receives a workbook's name and sends back what the form holds, its places as plain
 * data, and its diagnostics; the form's source is made again on the main thread (sourceOfForm).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readEvidenceWorkbook, typeOfFact, type FactTypes } from './evidence-workbook.js';

const typeOf = typeOfFact(workerData as FactTypes);

parentPort!.on('message', (file: string) => {
  void readEvidenceWorkbook(file, typeOf).then(({ form, diagnostics }) => parentPort!.postMessage({ form: form && { ...form, places: form.places.toPlain() }, diagnostics }));
});
