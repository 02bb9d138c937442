import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Results } from '../model/results.js';
import { OutputError } from './output-error.js';
import { writeRankingWorkbook, type ReportInput } from './ranking-workbook.js';
import { safeFileNames } from './safe-names.js';
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

/** Files written to temporary names first, then renamed into place together. */
class StagedFiles {
  private readonly root: string;
  private readonly staged: { target: string; temp: string; path: string }[] = [];
  private readonly tag = randomBytes(4).toString('hex');

  constructor(out: string) {
    this.root = resolve(out);
  }

  async add(path: string, content: string | Buffer): Promise<void> {
    const target = resolve(this.root, path);
    // Names come from safeFileNames; a path escaping the folder here is a bug, not bad input.
    if (!target.startsWith(this.root + sep)) throw new Error(`output path outside ${this.root}: ${path}`);
    const temp = join(dirname(target), `.${this.tag}.${this.staged.length}.tmp`);
    await guard(target, async () => {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(temp, content);
    });
    this.staged.push({ target, temp, path });
  }

  /** Paths (relative to the output folder) put in place by `commit`. */
  readonly committed: string[] = [];

  /**
   * Renames every staged file into place. Each file it replaces is kept under a second name
   * until all are in place, so a rename that fails (a file open in Excel on Windows: EBUSY,
   * EPERM) puts back the files already replaced: the previous outputs stay whole.
   */
  async commit(): Promise<void> {
    const done: { target: string; backup?: string }[] = [];
    try {
      for (const f of this.staged) {
        const backup = `${f.temp}.old`;
        const kept = await keep(f.target, backup);
        done.push({ target: f.target, backup: kept ? backup : undefined });
        await guard(f.target, () => rename(f.temp, f.target));
      }
    } catch (err) {
      for (const d of done.reverse()) {
        if (d.backup) await rename(d.backup, d.target).catch(() => undefined);
        else await rm(d.target, { force: true }).catch(() => undefined);
      }
      throw err;
    }
    for (const d of done) if (d.backup) await rm(d.backup, { force: true });
    this.committed.push(...this.staged.map((f) => f.path));
  }

  async abort(): Promise<void> {
    await Promise.all(this.staged.map((f) => rm(f.temp, { force: true }).catch(() => undefined)));
  }
}

/** Gives an existing file a second name (a hard link, or a copy where links are not allowed); false when there is none. */
async function keep(target: string, backup: string): Promise<boolean> {
  return guard(target, async () => {
    try {
      await link(target, backup);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return false;
      if (code === 'EISDIR' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
        await copyFile(target, backup);
        return true;
      }
      throw err;
    }
  });
}

async function guard<T>(file: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw err;
    throw new OutputError(file, code);
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
