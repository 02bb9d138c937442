import { diagnostic, where, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/yaml-file.js';
import type { Results } from '../model/results.js';
import { validateSchema } from './schema.js';

/**
 * Checks an earlier quarter's results.json before a report compares with it: the schema (errors at
 * their place in the file), then whether it really comes before `current` and used the same rules
 * (warnings). `results` is set when there is no error.
 */
export function validatePreviousResults(source: SourceFile, current: { quarter: string; rulesDigest: string }): { results?: Results; diagnostics: Diagnostic[] } {
  const { diagnostics } = validateSchema('results', source);
  if (diagnostics.length > 0) return { diagnostics };
  const results = source.data as Results;
  // A unit twice would be compared with only one of its two results: which, no one could tell.
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
