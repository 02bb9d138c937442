import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Results } from '../model/results.js';
import { writeRankingWorkbook, type ReportInput } from './ranking-workbook.js';
import { safeFileNames } from './safe-names.js';
import { guard, StagedFiles } from './staged-files.js';
import { writeUnitWorkbook } from './unit-workbook.js';

export const UNITS_DIR = 'units';

/** The path, under the output folder, of each unit's scorecard: safe and unique whatever the ids. */
export function unitFiles(results: Results): Map<string, string> {
  const ids = results.blocs.flatMap((b) => b.units.map((u) => u.id));
  const names = safeFileNames(ids);
  return new Map(ids.map((id, i) => [id, join(UNITS_DIR, `${names[i]}.xlsx`)]));
}

/**
 * Writes results.json, ranking.xlsx and one scorecard per unit under `out`. Each file goes to a
 * temporary file beside its target first; only when all are written are they renamed into place,
 * so a failure leaves the previous outputs as they were. Scorecards left from units no longer
 * scored are removed. Returns the paths written, relative to `out`.
 */
export async function writeReports(
  input: ReportInput,
  out: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<string[]> {
  const staged = new StagedFiles(out);
  try {
    await staged.add('results.json', `${JSON.stringify(input.results, null, 2)}\n`);
    await staged.add('ranking.xlsx', await writeRankingWorkbook(input));
    const files = unitFiles(input.results);
    const total = files.size;
    let done = 0;
    for (const bloc of input.results.blocs) {
      for (const unit of bloc.units) {
        await staged.add(files.get(unit.id)!, await writeUnitWorkbook(input, bloc.id, unit));
        onProgress(++done, total);
      }
    }
    await staged.commit();
    await removeStale(out, new Set(files.values()));
    return [...staged.committed];
  } catch (err) {
    await staged.abort();
    throw err;
  }
}

/** Removes scorecards of `units/` that this run did not write (units no longer in the rules). */
async function removeStale(out: string, written: Set<string>): Promise<void> {
  const dir = join(out, UNITS_DIR);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(UNITS_DIR, e.name);
    if (e.isFile() && e.name.endsWith('.xlsx') && !written.has(path)) {
      await guard(join(dir, e.name), () => rm(join(dir, e.name)));
    }
  }
}
