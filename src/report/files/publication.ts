/**
 * The files of a quarter's publication: digests, the run log `log.jsonl` (one JSON line per run,
 * appended) and `manifest.json` (written whole or not at all). Neither is ever left half-written
 * by a run that is killed: see `appendLogLine` and `writeManifest`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileDigest, LogEntry, Manifest } from '../../model/publication.js';
import { guard, syncFolder, TEMP_NAME } from './staged-files.js';

export const LOG_FILE = 'log.jsonl';
export const MANIFEST_FILE = 'manifest.json';

/** Files up to this size are read whole to be digested; larger ones (a results.json may be hundreds of MB) as a stream. */
const READ_WHOLE = 4 * 1024 * 1024;
/** Files digested at once: a quarter has a scorecard per unit, thousands of small files. */
const AT_ONCE = 8;

/** The sha256 of a file's bytes, in hex. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  if ((await stat(path)).size <= READ_WHOLE) hash.update(await readFile(path));
  else await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** The digest of each file, named as given, in order; a file that cannot be read is an OutputError naming it. */
export async function digestFiles(paths: readonly string[]): Promise<FileDigest[]> {
  return digestAll(paths.map((file) => ({ file, path: file })));
}

/**
 * The digest of each file of `dir` listed (relative to it, any separator), named with `/`, sorted.
 * A file of `known` (by path relative to `dir`: the digests of the bytes a run has just put in
 * place) is not read again.
 */
export async function digestOutputs(dir: string, files: readonly string[], known: ReadonlyMap<string, string> = new Map()): Promise<FileDigest[]> {
  const given = new Map([...known].map(([file, sha256]) => [slashed(file), sha256]));
  const listed = [...new Set(files.map(slashed))].sort();
  const read = await digestAll(listed.filter((file) => !given.has(file)).map((file) => ({ file, path: join(dir, file) })));
  const found = new Map(read.map((d) => [d.file, d.sha256]));
  return listed.map((file) => ({ file, sha256: given.get(file) ?? found.get(file)! }));
}

/** Digests files AT_ONCE at a time, keeping their order. */
async function digestAll(files: { file: string; path: string }[]): Promise<FileDigest[]> {
  const out: FileDigest[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const { file, path } = files[i]!;
      out[i] = { file, sha256: await guard(path, () => sha256Of(path)) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, files.length) }, worker));
  return out;
}

/**
 * Every file under `dir` that a publication locks, relative to it with `/`, sorted: all but the
 * log, the manifest and staging's temporary files (a killed run's leftovers, `TEMP_NAME`).
 * A link is followed to a file, not to a folder.
 */
export async function outputFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (sub: string): Promise<void> => {
    const entries = await guard(join(dir, sub), () => readdir(join(dir, sub), { withFileTypes: true }));
    for (const e of entries) {
      const path = sub === '' ? e.name : `${sub}/${e.name}`;
      if (TEMP_NAME.test(e.name) || (sub === '' && (e.name === LOG_FILE || e.name === MANIFEST_FILE))) continue;
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() || (e.isSymbolicLink() && (await stat(join(dir, path)).catch(() => undefined))?.isFile())) found.push(path);
    }
  };
  await walk('');
  return found.sort();
}

/**
 * Appends one line (the entry as JSON, then `\n`) to `dir`'s log, in one write on a file opened
 * for appending, and syncs it to disk before returning. A write a kill or a full disk cut short
 * leaves a last line without its `\n`: readers ignore it, and the next append first cuts it off,
 * so it never joins the next line.
 */
export async function appendLogLine(dir: string, entry: LogEntry): Promise<void> {
  const file = join(dir, LOG_FILE);
  const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
  let created = false;
  await guard(file, async () => {
    const handle = await open(file, 'a+');
    try {
      const { size } = await handle.stat();
      created = size === 0;
      const whole = await wholeLinesLength(handle, size);
      if (whole < size) await handle.truncate(whole);
      try {
        // One write; a second only when the system wrote part of the line (then it cannot be interrupted cleanly anyway).
        for (let done = 0; done < line.length; ) done += (await handle.write(line, done, line.length - done)).bytesWritten;
        await handle.sync();
      } catch (err) {
        await handle.truncate(whole).catch(() => undefined);
        throw err;
      }
    } finally {
      await handle.close();
    }
  });
  // A new file's name must reach the disk too.
  if (created) await syncFolder(dir);
}

/** The length of the file up to and including its last `\n`: what is after it is a write cut short. */
async function wholeLinesLength(handle: FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const last = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (last >= 0) return start + last + 1;
    end = start;
  }
  return 0;
}

/**
 * The lines of `dir`'s log (none when there is no log): each whole line that is a log entry, and
 * the 1-based numbers of those that are not. A last line without its `\n` is a write cut short
 * and is left out. A log that cannot be read is an OutputError naming it.
 */
export async function readLog(dir: string): Promise<{ entries: LogEntry[]; broken: number[]; text: string }> {
  const file = join(dir, LOG_FILE);
  const text = await guard(file, () =>
    readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw err;
    }),
  );
  if (text === undefined) return { entries: [], broken: [], text: '' };
  const lines = text.split('\n');
  // After the last `\n`: nothing, or a line whose write was cut short.
  lines.pop();
  const entries: LogEntry[] = [];
  const broken: number[] = [];
  for (const [i, line] of lines.entries()) {
    const entry = parsed(line);
    if (isLogEntry(entry)) entries.push(entry);
    else broken.push(i + 1);
  }
  return { entries, broken, text };
}

/**
 * Writes `dir`'s manifest whole or not at all: to a temporary file beside it (named as staging
 * names them, so the next `cchc score` sweeps one a kill left), synced, renamed into place, and
 * the folder synced so that the rename is on disk too.
 */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const file = join(dir, MANIFEST_FILE);
  const temp = join(dir, `.${randomBytes(4).toString('hex')}.0.tmp`);
  await guard(file, async () => {
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  });
  await syncFolder(dir);
}

/** `dir`'s manifest: undefined when there is none, null when the file there is not a manifest. */
export async function readManifest(dir: string): Promise<Manifest | null | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return null;
  }
  const m = parsed(text) as Partial<Record<keyof Manifest, unknown>> | undefined;
  const ok = isRecord(m) && typeof m.quarter === 'string' && typeof m.publishedAt === 'string' && typeof m.user === 'string' && isDigests(m.inputs) && isDigests(m.outputs);
  return ok ? (m as unknown as Manifest) : null;
}

/** Removes `dir`'s manifest (unlocks the quarter), the removal synced to disk. */
export async function removeManifest(dir: string): Promise<void> {
  await guard(join(dir, MANIFEST_FILE), () => rm(join(dir, MANIFEST_FILE), { force: true }));
  await syncFolder(dir);
}


function slashed(path: string): string {
  return path.replaceAll('\\', '/');
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDigests(v: unknown): v is FileDigest[] {
  return Array.isArray(v) && v.every((d) => isRecord(d) && typeof d.file === 'string' && typeof d.sha256 === 'string');
}

function isLogEntry(v: unknown): v is LogEntry {
  if (!isRecord(v)) return false;
  const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
  return (
    typeof v.time === 'string' &&
    typeof v.user === 'string' &&
    typeof v.command === 'string' &&
    v.command !== '' &&
    strings(v.args) &&
    (v.inputs === undefined || isDigests(v.inputs)) &&
    (v.outputs === undefined || isDigests(v.outputs)) &&
    (v.changed === undefined || strings(v.changed)) &&
    (v.reason === undefined || typeof v.reason === 'string')
  );
}
