/** What `cchc publish` checks in an output folder before it locks it, and the manifest it would write. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic, type Location } from './diagnostics/diagnostic.js';
import type { FileDigest, LogEntry, Manifest } from './model/publication.js';
import { isResultsFile } from './model/results.js';
import { digestOutputs, LOG_FILE, outputFiles, readLog } from './report/files/publication.js';
import { guard } from './report/files/staged-files.js';

export interface PublicationCheck {
  /** Every reason the folder cannot be published; none when it can. */
  diagnostics: Diagnostic[];
  /** The text of the files diagnostics point into, for excerpts. */
  sources: Map<string, string>;
  /** What the manifest holds, when there is no diagnostic: all but who publishes and when. */
  manifest?: Omit<Manifest, 'publishedAt' | 'user'>;
}

/**
 * Checks `dir` before it is published as `quarter`, reporting every problem at once: no
 * results.json, or not one of `quarter`; provisional results; a log without a `score` line, or
 * with broken lines; an output that is not what the last `score` line recorded (edited,
 * replaced, removed). Files the last score did not write (evidence forms kept there) are locked
 * as they are. A file that cannot be read is an OutputError naming it.
 */
export async function checkPublication(dir: string, quarter: string): Promise<PublicationCheck> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const resultsFile = join(dir, 'results.json');
  const top = (file: string): Location => ({ file, line: 1, col: 1 });

  const text = await guard(resultsFile, () =>
    readFile(resultsFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw err;
    }),
  );
  if (text === undefined) return { diagnostics: [diagnostic('PUBLISH_NO_RESULTS', top(resultsFile), { out: dir })], sources };
  const results = parsed(text);
  let stage: string | undefined;
  if (!isResultsFile(results)) {
    diagnostics.push(diagnostic('PUBLISH_NOT_RESULTS', top(resultsFile)));
  } else {
    if (results.quarter !== quarter) diagnostics.push(diagnostic('PUBLISH_NOT_RESULTS', top(resultsFile), { found: results.quarter, quarter }));
    // Set by appraisal; a results.json without it has not been through one, and may be published.
    const given = (results as { stage?: unknown }).stage;
    if (typeof given === 'string') stage = given;
    if (stage === 'provisional') {
      diagnostics.push(diagnostic('PUBLISH_PROVISIONAL', positionOfKey(resultsFile, text, 'stage')));
      sources.set(resultsFile, text);
    }
  }

  const logFile = join(dir, LOG_FILE);
  const log = await readLog(dir);
  for (const line of log.broken) diagnostics.push(diagnostic('PUBLISH_LOG_LINE', { file: logFile, line, col: 1 }));
  if (log.broken.length > 0) sources.set(logFile, log.text);
  const last = log.entries.findLastIndex((e: LogEntry) => e.command === 'score');
  const scored = last >= 0 ? log.entries[last] : undefined;
  if (!scored) diagnostics.push(diagnostic('PUBLISH_NOT_SCORED', top(resultsFile), { log: logFile }));

  const outputs = await digestOutputs(dir, await outputFiles(dir));
  const now = new Map(outputs.map((d) => [d.file, d.sha256]));
  // What the last score wrote, with the letters written again since (`cchc letters`) in their place.
  const expected = new Map((scored?.outputs ?? []).map((d) => [d.file, { sha256: d.sha256, time: scored!.time }]));
  for (const e of log.entries.slice(last + 1)) {
    if (e.command === 'letters') for (const d of e.outputs ?? []) expected.set(d.file, { sha256: d.sha256, time: e.time });
  }
  for (const [file, d] of scored ? expected : []) {
    const sha256 = now.get(file);
    if (sha256 === d.sha256) continue;
    diagnostics.push(diagnostic('PUBLISH_OUTPUT_CHANGED', top(join(dir, file)), { problem: sha256 === undefined ? 'missing' : 'edited', time: d.time }));
  }
  if (diagnostics.length > 0) return { diagnostics, sources };
  const inputs: FileDigest[] = scored!.inputs ?? [];
  return { diagnostics, sources, manifest: { quarter, ...(stage !== undefined ? { stage } : {}), inputs, outputs } };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Where a top-level key of a results.json (written two spaces in) is: its line, at the column of its quote. */
function positionOfKey(file: string, text: string, key: string): Location {
  const at = text.indexOf(`\n  ${JSON.stringify(key)}:`);
  if (at < 0) return { file, line: 1, col: 1 };
  return { file, line: text.slice(0, at + 1).split('\n').length, col: 3 };
}
