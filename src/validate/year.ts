import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/yaml-file.js';
import type { Results } from '../model/results.js';
import type { YearSettings } from '../model/scorecard.js';

/** A quarter of the year as found: its results.json's path, and its results when they passed their checks. */
export interface YearQuarterFile {
  quarter: string;
  path: string;
  /** False when there is no such file: the quarter is missing. */
  found: boolean;
  source?: SourceFile;
  results?: Results;
}

/**
 * What the year's quarters say of one another, each at its place: a quarter with no results, a
 * unit missing from a quarter, a unit that changed bloc, quarters scored with other scorecard
 * files, a quarter still provisional. A unit or quarter missing is an error when it leaves fewer
 * quarters than `requireQuarters`, unless `allowMissing` (but a year without any quarter is an
 * error); a unit whose quarters all weigh 0 is an error whatever is allowed, since it has no
 * annual score.
 */
export function checkYearQuarters(files: readonly YearQuarterFile[], settings: YearSettings, allowMissing: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const present = files.filter((f): f is YearQuarterFile & { results: Results; source: SourceFile } => f.results !== undefined && f.source !== undefined);
  const enough = (count: number) => count >= settings.requireQuarters;
  /** An error, or a warning (and a message that says so) when the quarters left are enough or missing ones are allowed. */
  const missing = (d: Diagnostic, count: number): Diagnostic => (enough(count) || (allowMissing && count > 0) ? { ...d, severity: 'warning', params: { ...d.params, allowed: 'yes' } } : d);
  for (const f of files) {
    if (f.found) continue;
    out.push(missing(diagnostic('YEAR_QUARTER_MISSING', { file: f.path, line: 1, col: 1 }, { quarter: f.quarter }), present.length));
  }
  const last = present.at(-1);
  for (const f of present) {
    if (f.results.stage === 'provisional') out.push(diagnostic('YEAR_QUARTER_PROVISIONAL', f.source.locate(['stage']), { quarter: f.quarter }));
    if (last && f !== last && f.results.rulesDigest !== last.results.rulesDigest) {
      out.push(diagnostic('YEAR_RULES_DIFFER', f.source.locate(['rulesDigest']), { quarter: f.quarter, last: last.quarter }));
    }
  }

  // Each unit's quarters, and the bloc of its last one, where it is ranked for the year.
  const seen = new Map<string, { quarters: YearQuarterFile[]; blocs: string[]; at: { file: YearQuarterFile & { source: SourceFile }; path: (string | number)[] }[] }>();
  for (const f of present) {
    f.results.blocs.forEach((b, i) =>
      b.units.forEach((u, j) => {
        const s = seen.get(u.id) ?? { quarters: [], blocs: [], at: [] };
        s.quarters.push(f);
        s.blocs.push(b.id);
        s.at.push({ file: f, path: ['blocs', i, 'units', j, 'id'] });
        seen.set(u.id, s);
      }),
    );
  }
  const weights = settings.method === 'weighted' ? settings.weights ?? [] : [1, 1, 1, 1];
  const index = (f: YearQuarterFile) => files.indexOf(f);
  for (const [unit, s] of seen) {
    const lastBloc = s.blocs.at(-1)!;
    const lastQuarter = s.quarters.at(-1)!.quarter;
    s.blocs.forEach((bloc, k) => {
      if (bloc !== lastBloc) out.push(diagnostic('YEAR_UNIT_MOVED', s.at[k]!.file.source.locate(s.at[k]!.path), { unit, quarter: s.quarters[k]!.quarter, bloc, last: lastQuarter, lastBloc }));
    });
    const presentIn = s.quarters.map((f) => f.quarter).join(', ');
    if (s.quarters.every((f) => (weights[index(f)] ?? 0) === 0)) {
      const first = s.at[0]!;
      out.push(diagnostic('YEAR_UNIT_MISSING', first.file.source.locate(first.path), { unit, quarter: '', present: presentIn, problem: 'weight' }));
      continue;
    }
    for (const f of present) {
      if (s.quarters.includes(f)) continue;
      // Where its bloc's units are listed in the quarter it is missing from (or the list of blocs).
      const b = f.results.blocs.findIndex((x) => x.id === lastBloc);
      const at = f.source.locate(b >= 0 ? ['blocs', b, 'units'] : ['blocs'], 'key');
      out.push(missing(diagnostic('YEAR_UNIT_MISSING', at, { unit, quarter: f.quarter, present: presentIn }), s.quarters.length));
    }
  }
  return out;
}
