import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { OutputError } from './output-error.js';

/**
 * Files written to temporary names first, then renamed into place together: a failure at any
 * point leaves the folder's previous files as they were (see `commit`).
 */
export class StagedFiles {
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

export async function guard<T>(file: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw err;
    throw new OutputError(file, code);
  }
}

