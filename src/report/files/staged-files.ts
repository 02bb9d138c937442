import { createHash, randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { OutputError } from './output-error.js';

/** The file operations staging uses; tests give failing ones to show what a failure leaves. */
export type FileOps = Pick<typeof fs, 'copyFile' | 'link' | 'mkdir' | 'open' | 'readdir' | 'rename' | 'rm' | 'rmdir' | 'writeFile'>;

/** Files synced at once before they are renamed into place: thousands of scorecards, each a disk flush. */
const SYNC_AT_ONCE = 16;

/**
 * The names staging gives its files: `.<tag>.<n>.tmp` beside the target, and `.<tag>.<n>.tmp.old`
 * for the second name of the file it replaces. A run that is killed leaves them behind.
 */
export const TEMP_NAME = /^\.[0-9a-f]{8}\.\d+\.tmp(?:\.old)?$/;

/**
 * Files written to temporary names first, then renamed into place together: a failure at any
 * point leaves the folder's previous files as they were (see `commit`).
 */
export class StagedFiles {
  private readonly root: string;
  private readonly staged: { target: string; temp: string; path: string }[] = [];
  private readonly tag = randomBytes(4).toString('hex');
  /** Folders `mkdir` made for this run, outermost first: removed again (when empty) by `abort`. */
  private readonly made: string[] = [];
  /** The last folder made or being made: folders are made one at a time (see `folder`). */
  private mkdirs: Promise<unknown> = Promise.resolve();
  private readonly swept = new Set<string>();
  /** Folders found really inside the output folder, and where that folder really is. */
  private readonly checked = new Set<string>();
  private realRoot?: string;
  /** Paths (relative to the output folder) put in place by `commit`. */
  readonly committed: string[] = [];
  /** Files that could not be tidied once everything was in place (a backup, a stale file): not fatal. */
  readonly leftovers: OutputError[] = [];

  constructor(
    out: string,
    private readonly ops: FileOps = fs,
  ) {
    this.root = resolve(out);
  }

  /** By path (relative to the output folder), the SHA-256 of each file staged from content in memory: the log need not read it again. */
  readonly digests = new Map<string, string>();

  /** Writes `content` beside `path` (relative to the output folder) under a temporary name. */
  async add(path: string, content: string | Uint8Array): Promise<void> {
    await this.addWith(path, (temp) => this.ops.writeFile(temp, content));
    this.digests.set(path, createHash('sha256').update(content).digest('hex'));
  }

  /** Has `write` make the file for `path` itself, at the temporary name it is given (for a streamed workbook). */
  async addWith(path: string, write: (temp: string) => Promise<void>): Promise<void> {
    const target = resolve(this.root, path);
    const inside = relative(this.root, target);
    // Names come from safeFileNames; a path escaping the folder here is a bug, not bad input.
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new Error(`output path outside ${this.root}: ${path}`);
    const temp = join(dirname(target), `.${this.tag}.${this.staged.length}.tmp`);
    // Staged before the write starts, so a failure half-way still has its temporary file removed.
    this.staged.push({ target, temp, path });
    await guard(target, async () => {
      await this.folder(dirname(target));
      await this.requireInside(dirname(target), target);
      await write(temp);
    });
  }

  /**
   * Makes `dir` if it is not there, noting the folders made. One at a time: files are staged
   * concurrently, and of two `mkdir`s racing for the same folder, the one that loses does not say
   * what was made, so a folder would be left behind by `abort`.
   */
  private folder(dir: string): Promise<void> {
    const made = this.mkdirs.then(async () => {
      const first = await this.ops.mkdir(dir, { recursive: true });
      if (first !== undefined) this.made.push(...foldersBetween(first, dir));
    });
    this.mkdirs = made.catch(() => undefined);
    return made;
  }

  /**
   * Renames every staged file into place. Each file it replaces is first given a second name
   * (a hard link), so when a rename fails (a file open in Excel on Windows: EBUSY, EPERM) the
   * files already replaced are put back and the previous outputs stay whole.
   */
  async commit(): Promise<void> {
    // On disk before any is renamed: after a power cut a name holds the old file or the new one
    // whole, never an empty or partial one (a rename can reach the disk before the data).
    await eachAtOnce(this.staged, SYNC_AT_ONCE, (f) => guard(f.target, () => syncPath(f.temp, this.ops)));
    const done: { target: string; backup?: string; replaced: boolean }[] = [];
    try {
      for (const f of this.staged) {
        const backup = `${f.temp}.old`;
        const entry: (typeof done)[number] = { target: f.target, replaced: false };
        done.push(entry);
        if (await this.keep(f.target, backup)) entry.backup = backup;
        await guard(f.target, () => this.ops.rename(f.temp, f.target));
        entry.replaced = true;
      }
    } catch (err) {
      for (const d of done.reverse()) {
        if (d.replaced && d.backup) await this.ops.rename(d.backup, d.target).catch(() => undefined);
        else if (d.replaced) await this.ops.rm(d.target, { force: true }).catch(() => undefined);
        // A backup of a file never replaced is only a second name of it.
        if (d.backup) await this.ops.rm(d.backup, { force: true }).catch(() => undefined);
      }
      throw err;
    }
    // And the renames themselves, folder by folder.
    for (const dir of new Set(this.staged.map((f) => dirname(f.target)))) await syncFolder(dir, this.ops);
    this.committed.push(...this.staged.map((f) => f.path));
    for (const d of done) if (d.backup) await this.tidy(d.backup);
  }

  /**
   * A folder a file is written into must really be inside the output folder: a link planted
   * there (`units` → elsewhere) would carry the files out of it. Checked once per folder.
   */
  private async requireInside(dir: string, target: string): Promise<void> {
    if (this.checked.has(dir)) return;
    this.realRoot ??= await fs.realpath(this.root);
    const inside = relative(this.realRoot, await fs.realpath(dir));
    if (inside.startsWith('..') || isAbsolute(inside)) throw new OutputError(target, 'ELINKOUT');
    this.checked.add(dir);
  }

  /** Removes temporary files after a failure, and the folders made for them when nothing else went in. */
  async abort(): Promise<void> {
    await Promise.all(this.staged.map((f) => this.ops.rm(f.temp, { force: true }).catch(() => undefined)));
    // Innermost first; a folder something else was put in meanwhile is not empty and stays.
    for (const dir of [...this.made].reverse()) await this.ops.rmdir(dir).catch(() => undefined);
  }

  /**
   * Removes the temporary files an earlier run left in `dir` (killed before it could tidy): only
   * files named exactly as staging names them (`TEMP_NAME`), never this run's own. Like `tidy`, a
   * file that cannot be removed is a leftover. Two runs writing into one folder at once are not
   * supported: this would take the other run's files.
   */
  async removeStale(dir: string): Promise<void> {
    const folder = resolve(this.root, dir);
    if (this.swept.has(folder)) return;
    this.swept.add(folder);
    let entries: Dirent[];
    try {
      entries = await this.ops.readdir(folder, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw err;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.leftovers.push(new OutputError(folder, code));
      return;
    }
    for (const e of entries) {
      if (!TEMP_NAME.test(e.name) || e.name.startsWith(`.${this.tag}.`) || e.isDirectory()) continue;
      await this.tidy(join(folder, e.name));
    }
  }

  /** Removes a file once the outputs are in place; a failure is recorded, not thrown. */
  async tidy(file: string): Promise<void> {
    try {
      await this.ops.rm(file, { force: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw err;
      this.leftovers.push(new OutputError(file, code));
    }
  }

  /** Gives an existing file a second name (a hard link, or a copy where links are not allowed); false when there is none. */
  private async keep(target: string, backup: string): Promise<boolean> {
    return guard(target, async () => {
      try {
        await this.ops.link(target, backup);
        return true;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return false;
        if (code === 'EISDIR' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
          await this.ops.copyFile(target, backup);
          return true;
        }
        throw err;
      }
    });
  }
}

/**
 * Writes a set of files under `dir` all or nothing: `fill` stages them, then they are put in
 * place together; on any failure the temporary files are removed and the error goes on.
 */
export async function writeStaged(dir: string, fill: (staged: StagedFiles) => Promise<void>, ops?: FileOps): Promise<StagedFiles> {
  const staged = new StagedFiles(dir, ops);
  try {
    await fill(staged);
    await staged.commit();
  } catch (err) {
    await staged.abort();
    throw err;
  }
  return staged;
}

/** `dir` and the folders between it and `inner` (which is inside it), outermost first. */
function foldersBetween(dir: string, inner: string): string[] {
  const list = [inner];
  while (list[0] !== dir && dirname(list[0]!) !== list[0]) list.unshift(dirname(list[0]!));
  return list;
}

/** Runs a file operation; a system error becomes an OutputError naming `file`. */
export async function guard<T>(file: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw err;
    throw new OutputError(file, code);
  }
}

/** Runs `action` on every item, at most `limit` at a time. */
async function eachAtOnce<T>(items: readonly T[], limit: number, action: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await action(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Flushes a file's data to disk. */
async function syncPath(path: string, ops: Pick<FileOps, 'open'>): Promise<void> {
  const handle = await ops.open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Syncs a folder, so that names made, renamed or removed in it are on disk; systems that cannot (Windows) skip it. */
export async function syncFolder(dir: string, ops: Pick<FileOps, 'open'> = fs): Promise<void> {
  await guard(dir, async () => {
    let handle: fs.FileHandle;
    try {
      handle = await ops.open(dir, 'r');
    } catch (err) {
      if (['EISDIR', 'EPERM', 'EACCES'].includes((err as NodeJS.ErrnoException).code ?? '')) return;
      throw err;
    }
    try {
      await handle.sync().catch((err: NodeJS.ErrnoException) => {
        if (!['EINVAL', 'EPERM', 'EBADF'].includes(err.code ?? '')) throw err;
      });
    } finally {
      await handle.close();
    }
  });
}
