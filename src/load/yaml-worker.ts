/**
 * A worker thread that parses YAML files (see yaml-files.ts): it receives a file's name and text,
 * and sends back its data and diagnostics; positions are found again on the main thread, from
 * the text, only if a message needs one.
 */
import { parentPort } from 'node:worker_threads';
import { parseYaml } from './yaml-file.js';

parentPort!.on('message', ({ file, text }: { file: string; text: string }) => {
  const { source, diagnostics } = parseYaml(file, text);
  parentPort!.postMessage({ text: source.text, data: source.data, parsed: source.parsed, diagnostics });
});
