/** The previous quarter's results, as `cchc score` and `cchc letters` find and check them. */
import { dirname, join } from 'node:path';
import { compareQuarters, loadPreviousResults, previousQuarter, type Comparison, type Diagnostic, type Lang, type Results } from '../index.js';
import { isFile, UsageError } from './io.js';

export interface PreviousQuarter {
  results?: Results;
  comparison?: Comparison;
  /** Its problems: errors when the file was named, warnings when it was found by default. */
  diagnostics: Diagnostic[];
  /** The file read, with its text for excerpts; `used` when it was compared with. */
  file?: { path: string; text?: string; used: boolean };
  /** A file named with --previous that cannot be used: the run stops. */
  failed: boolean;
}

/**
 * The results.json named (`--previous FILE`), or by default `<out root>/<previous quarter>/results.json`
 * when it exists; none with `--no-previous`. A broken file found by default does not stop the
 * quarter: its problems become warnings and it is left out.
 */
export async function previousQuarterOf(previous: string | false | undefined, out: string, results: Results, precision: number): Promise<PreviousQuarter> {
  const given = typeof previous === 'string';
  const path = given ? previous : join(dirname(out), previousQuarter(results.quarter), 'results.json');
  if (!given && (previous === false || !(await isFile(path)))) return { diagnostics: [], failed: false };
  const loaded = await loadPreviousResults(path, results);
  const file = { path, text: loaded.text, used: loaded.results !== undefined };
  if (loaded.results) return { results: loaded.results, comparison: compareQuarters(results, loaded.results, precision), diagnostics: loaded.diagnostics, file, failed: false };
  if (given) return { diagnostics: loaded.diagnostics, file, failed: true };
  return { diagnostics: loaded.diagnostics.map((d) => ({ ...d, severity: 'warning' as const })), file, failed: false };
}

/** Refuses (wrong usage) a `--previous FILE` that is not there. */
export async function requirePrevious(previous: string | false | undefined, lang: Lang): Promise<void> {
  if (typeof previous === 'string' && !(await isFile(previous))) {
    throw new UsageError(lang === 'vi' ? `không tìm thấy tệp kết quả quý trước: ${previous}` : `previous results not found: ${previous}`);
  }
}
