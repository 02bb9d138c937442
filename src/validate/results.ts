import { diagnostic, where, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/yaml-file.js';
import type { Results } from '../model/results.js';
import { validateSchema } from './schema.js';

/**
 * Checks a scored quarter's results.json before documents are written from it again: its schema,
 * no unit twice, the quarter asked for, and scored with these rules (same digest, known blocs).
 */
export function validateQuarterResults(source: SourceFile, current: { quarter: string; rulesDigest: string; rules: string; blocs: readonly string[] }): { results?: Results; diagnostics: Diagnostic[] } {
  return checkedQuarter(source, current.quarter, (results, out) => {
    if (results.rulesDigest !== current.rulesDigest) out.push(diagnostic('RESULTS_OTHER_RULES', source.locate(['rulesDigest']), { quarter: results.quarter, rules: current.rules }));
    results.blocs.forEach((b, i) => {
      if (!current.blocs.includes(b.id)) out.push(diagnostic('RESULTS_OTHER_RULES', source.locate(['blocs', i, 'id']), { bloc: b.id, rules: current.rules }));
    });
  });
}

/**
 * Checks a quarter's results.json for the year's roll-up: its schema, no unit twice, the quarter
 * its folder names, the scheme of these rules, and blocs the scheme has.
 */
export function validateYearQuarter(source: SourceFile, current: { quarter: string; scheme: string; blocs: readonly string[] }): { results?: Results; diagnostics: Diagnostic[] } {
  return checkedQuarter(source, current.quarter, (results, out) => {
    if (results.scheme !== current.scheme) out.push(diagnostic('YEAR_OTHER_SCHEME', source.locate(['scheme']), { found: results.scheme, scheme: current.scheme }));
    results.blocs.forEach((b, i) => {
      if (!current.blocs.includes(b.id)) out.push(diagnostic('YEAR_BLOC_UNKNOWN', source.locate(['blocs', i, 'id']), { bloc: b.id, known: current.blocs.join(', ') }));
    });
  });
}

/** A results.json of `quarter`: its schema, then no unit twice, the quarter, and what `more` checks; `results` only without an error. */
function checkedQuarter(source: SourceFile, quarter: string, more: (results: Results, out: Diagnostic[]) => void): { results?: Results; diagnostics: Diagnostic[] } {
  const { diagnostics } = validateSchema('results', source);
  if (diagnostics.length > 0) return { diagnostics };
  const results = source.data as Results;
  const out = unitsTwice(source, results);
  if (results.quarter !== quarter) out.push(diagnostic('RESULTS_OTHER_QUARTER', source.locate(['quarter']), { found: results.quarter, quarter }));
  more(results, out);
  return out.length > 0 ? { diagnostics: out } : { results, diagnostics: [] };
}

/** A unit listed twice: which of its results to use, no one could tell. */
function unitsTwice(source: SourceFile, results: Results): Diagnostic[] {
  const twice: Diagnostic[] = [];
  const seen = new Map<string, (string | number)[]>();
  results.blocs.forEach((b, i) =>
    b.units.forEach((u, j) => {
      const path = ['blocs', i, 'units', j, 'id'];
      const first = seen.get(u.id);
      if (first) twice.push(diagnostic('PREVIOUS_UNIT_TWICE', source.locate(path), { unit: u.id, first: where(source.locate(first)) }));
      else seen.set(u.id, path);
    }),
  );
  return twice;
}

/**
 * Checks an earlier quarter's results.json before a report compares with it: the schema (errors at
 * their place in the file), then whether it really comes before `current` and used the same rules
 * (warnings). `results` is set when there is no error.
 */
export function validatePreviousResults(source: SourceFile, current: { quarter: string; rulesDigest: string }): { results?: Results; diagnostics: Diagnostic[] } {
  const { diagnostics } = validateSchema('results', source);
  if (diagnostics.length > 0) return { diagnostics };
  const results = source.data as Results;
  // A unit twice would be compared with only one of its two results.
  const twice = unitsTwice(source, results);
  if (twice.length > 0) return { diagnostics: twice };
  const out: Diagnostic[] = [];
  if (results.quarter >= current.quarter) {
    out.push(diagnostic('PREVIOUS_NOT_EARLIER', source.locate(['quarter']), { quarter: results.quarter, current: current.quarter }));
  }
  if (results.rulesDigest !== current.rulesDigest) {
    out.push(diagnostic('PREVIOUS_OTHER_RULES', source.locate(['rulesDigest']), { quarter: results.quarter }));
  }
  return { results, diagnostics: out };
}
