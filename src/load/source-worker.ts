/**
 * A worker thread that reads evidence files (see source-files.ts): a YAML file's text, parsed,
 * or an evidence form, read with exceljs (loaded at the first form). It sends back the data and
 * diagnostics; positions are found on the main thread, from the text or the form's cells.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FactTypes } from './evidence-workbook.js';
import type { Sent } from './source-files.js';
import { parseYaml } from './yaml-file.js';

const types = workerData as FactTypes;

parentPort!.on('message', (job: { kind: 'yaml'; file: string; text: string } | { kind: 'xlsx'; file: string }) => {
  void read(job).then((sent) => parentPort!.postMessage(sent));
});

async function read(job: { kind: 'yaml'; file: string; text: string } | { kind: 'xlsx'; file: string }): Promise<Sent> {
  if (job.kind === 'yaml') {
    const { source, diagnostics } = parseYaml(job.file, job.text);
    return { kind: 'yaml', text: source.text, data: source.data, parsed: source.parsed, diagnostics };
  }
  const { readEvidenceWorkbook } = await import('./evidence-workbook.js');
  return { kind: 'xlsx', ...(await readEvidenceWorkbook(job.file, types)) };
}
