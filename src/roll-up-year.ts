/** The year from the results.json of its four quarters, as `cchc year` reads them: every problem at once. */
import { join } from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import type { Lang } from './diagnostics/codes.js';
import { loadJsonFile } from './load/json-file.js';
import type { Results } from './model/results.js';
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
    const file: YearQuarterFile = { quarter, path, found: true };
    files.push(file);
    const loaded = await loadJsonFile(path);
    // Not there: the quarter is missing, which the checks of the year report.
    if (loaded.diagnostics.some((d) => d.code === 'FILE_MISSING')) {
      file.found = false;
      continue;
    }
    const checked = loaded.source?.parsed ? validateYearQuarter(loaded.source, { quarter, ...scheme }) : { diagnostics: [] };
    const found = [...loaded.diagnostics, ...checked.diagnostics];
    diagnostics.push(...found);
    file.source = loaded.source;
    // Only what the year reads is kept of each quarter (a results.json is 71 MB at 3,000 units),
    // and its text only when a message quotes it.
    file.results = checked.results && slim(checked.results);
    if (loaded.source && found.length > 0) sources.set(path, loaded.source.text);
  }
  const settings = rules.scheme.year!;
  const yearProblems = checkYearQuarters(files, settings, options.allowMissing);
  diagnostics.push(...yearProblems);
  for (const d of yearProblems) {
    const text = files.find((f) => f.path === d.file)?.source?.text;
    if (text !== undefined) sources.set(d.file, text);
  }
  const inputs = files.filter((f) => f.found).map((f) => f.path);
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || files.some((f) => f.found && !f.results)) return { diagnostics: sorted, sources, inputs };
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

/** A quarter's results with only what the year reads: each unit's id, name, score, grade and its criteria's points. */
function slim(results: Results): Results {
  return {
    ...results,
    blocs: results.blocs.map((b) => ({
      ...b,
      units: b.units.map((u) => ({
        ...u,
        sections: [],
        criteria: u.criteria.map((c) => ({ id: c.id, points: c.points, max: c.max, status: c.status, facts: {}, matched: [], reason: '' })),
      })),
    })),
  };
}
