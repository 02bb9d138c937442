/** The year from the results.json of its four quarters, as `cchc year` reads them: every problem at once. */
import { join } from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import type { Lang } from './diagnostics/codes.js';
import { loadYamlFile } from './load/yaml-file.js';
import type { Rules } from './model/scorecard.js';
import { quartersOf, type YearResults } from './model/year.js';
import { rollUpYear } from './rank/roll-up.js';
import { readManifest } from './report/files/publication.js';
import { validateYearQuarter } from './validate/results.js';
import { checkYearQuarters, type YearQuarterFile } from './validate/year.js';

export interface YearRun {
  /** Set when there is no error. */
  year?: YearResults;
  diagnostics: Diagnostic[];
  /** The text of every results.json read, by path, for excerpts. */
  sources: Map<string, string>;
  /** The results.json files read. */
  inputs: string[];
}

/**
 * Reads `<outRoot>/<year>-Q1 … Q4/results.json`, checks each (schema, unit twice, its quarter,
 * this scheme, known blocs) and the four together (validate/year.ts), and rolls them up.
 */
export async function rollUpYearFiles(rules: Rules, options: { year: number; outRoot: string; allowMissing: boolean; lang: Lang }): Promise<YearRun> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const files: YearQuarterFile[] = [];
  const scheme = { scheme: rules.scheme.scheme, blocs: rules.scheme.blocs };
  for (const quarter of quartersOf(options.year)) {
    const path = join(options.outRoot, quarter, 'results.json');
    const file: YearQuarterFile = { quarter, path };
    files.push(file);
    const loaded = await loadYamlFile(path);
    // Not there: the quarter is missing, which the checks of the year report.
    if (loaded.diagnostics.some((d) => d.code === 'FILE_MISSING')) continue;
    diagnostics.push(...loaded.diagnostics);
    if (loaded.source) sources.set(path, loaded.source.text);
    if (!loaded.source?.parsed) {
      // Read, but not as results: an error of its own, not a quarter missing.
      file.source = loaded.source;
      continue;
    }
    const checked = validateYearQuarter(loaded.source, { quarter, ...scheme });
    diagnostics.push(...checked.diagnostics);
    file.source = loaded.source;
    file.results = checked.results;
  }
  const settings = rules.scheme.year!;
  diagnostics.push(...checkYearQuarters(files, settings, options.allowMissing));
  const inputs = files.filter((f) => f.source).map((f) => f.path);
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || files.some((f) => f.source && !f.results)) return { diagnostics: sorted, sources, inputs };
  const published = await Promise.all(files.map(async (f) => f.results !== undefined && (await readManifest(join(options.outRoot, f.quarter))) != null));
  const year = rollUpYear({
    year: options.year,
    scheme: rules.scheme.scheme,
    blocs: rules.blocs.map((b) => ({ id: b.bloc, name: b.name })),
    settings,
    grades: rules.scheme.grades,
    precision: rules.scheme.precision,
    quarters: files.map((f) => f.results),
    published,
    lang: options.lang,
  });
  return { year, diagnostics: sorted, sources, inputs };
}
