import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Results } from '../model/results.js';
import type { OutputError } from './output-error.js';
import { writeRankingWorkbook, type ReportInput } from './ranking-workbook.js';
import { safeFileNames } from './safe-names.js';
import { StagedFiles, type FileOps } from './staged-files.js';
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
 * so a failure leaves the previous outputs as they were. The scorecards of units the replaced
 * results.json had and this one has not are removed (no other file of the folder is touched).
 * Returns the paths written, relative to `out`, and the files that could not be tidied afterwards.
 */
export async function writeReports(
  input: ReportInput,
  out: string,
  onProgress: (done: number, total: number) => void = () => undefined,
  ops?: FileOps,
): Promise<{ written: string[]; leftovers: OutputError[] }> {
  const before = await readFile(join(out, 'results.json'), 'utf8')
    .then((text) => JSON.parse(text) as Results)
    .catch(() => undefined);
  const staged = new StagedFiles(out, ops);
  const files = unitFiles(input.results);
  try {
    await staged.add('results.json', `${JSON.stringify(input.results, null, 2)}\n`);
    await staged.add('ranking.xlsx', await writeRankingWorkbook(input));
    const total = files.size;
    let done = 0;
    for (const bloc of input.results.blocs) {
      for (const unit of bloc.units) {
        await staged.add(files.get(unit.id)!, await writeUnitWorkbook(input, bloc.id, unit));
        onProgress(++done, total);
      }
    }
    await staged.commit();
  } catch (err) {
    await staged.abort();
    throw err;
  }
  const kept = new Set(files.values());
  const stale = before && Array.isArray(before.blocs) ? [...unitFiles(before).values()].filter((p) => !kept.has(p)) : [];
  for (const path of stale) await staged.tidy(join(out, path));
  return { written: [...staged.committed], leftovers: staged.leftovers };
}
