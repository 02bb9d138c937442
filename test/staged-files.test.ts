import * as fs from 'node:fs/promises';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError } from '../src/report/files/output-error.js';
import { StagedFiles, TEMP_NAME, type FileOps } from '../src/report/files/staged-files.js';

const temps: string[] = [];
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-staged-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** The real file operations, but `rename` onto `target` fails with `code`, as a file open in Excel does on Windows. */
function failingRename(target: string, code: string): FileOps {
  return {
    ...fs,
    rename: async (from, to) => {
      if (String(to).endsWith(target)) throw Object.assign(new Error(code), { code });
      return fs.rename(from, to);
    },
  };
}

describe('StagedFiles', () => {
  it('syncs every new file to disk before renaming any into place, and each folder after the renames', async () => {
    const dir = folderWith({ 'a.json': 'old a' });
    const events: string[] = [];
    const name = (path: unknown) => String(path).slice(dir.length + 1).replace(/\.[0-9a-f]{8}\.(\d+)\.tmp/, 'temp$1') || '.';
    const ops: FileOps = {
      ...fs,
      open: (async (path: string, flags?: string) => {
        const handle = await fs.open(path, flags);
        const sync = handle.sync.bind(handle);
        handle.sync = async () => {
          events.push(`sync ${name(path)}`);
          return sync();
        };
        return handle;
      }) as FileOps['open'],
      rename: async (from, to) => {
        events.push(`rename ${name(from)} ${name(to)}`);
        return fs.rename(from, to);
      },
    };
    const staged = new StagedFiles(dir, ops);
    await staged.add('a.json', 'new a');
    await staged.add(join('units', 'b.xlsx'), 'new b');
    await staged.commit();
    expect(events.slice(0, 2).sort()).toEqual(['sync temp0', `sync ${join('units', 'temp1')}`]);
    expect(events.slice(2)).toEqual(['rename temp0 a.json', `rename ${join('units', 'temp1')} ${join('units', 'b.xlsx')}`, 'sync .', 'sync units']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new a');
  });

  it('puts every file in place together', async () => {
    const dir = folderWith({ 'a.json': 'old a', 'b.xlsx': 'old b' });
    const staged = new StagedFiles(dir);
    await staged.add('a.json', 'new a');
    await staged.add('b.xlsx', 'new b');
    await staged.add('c.xlsx', 'new c');
    await staged.commit();
    expect(contents(dir)).toEqual({ 'a.json': 'new a', 'b.xlsx': 'new b', 'c.xlsx': 'new c' });
  });

  it.each(['EBUSY', 'EPERM', 'ENOSPC'])('a rename that fails (%s) puts back the files already replaced, and leaves nothing else', async (code) => {
    const dir = folderWith({ 'a.json': 'old a', 'b.xlsx': 'old b', 'c.xlsx': 'old c' });
    const staged = new StagedFiles(dir, failingRename('b.xlsx', code));
    await staged.add('a.json', 'new a');
    await staged.add('b.xlsx', 'new b');
    await staged.add('c.xlsx', 'new c');
    const failure = await staged.commit().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OutputError);
    expect(failure).toMatchObject({ file: join(dir, 'b.xlsx'), code });
    await staged.abort();
    expect(contents(dir)).toEqual({ 'a.json': 'old a', 'b.xlsx': 'old b', 'c.xlsx': 'old c' });
  });

  it('a first run that fails leaves no file of its own', async () => {
    const dir = folderWith({});
    const staged = new StagedFiles(dir, failingRename('b.xlsx', 'EBUSY'));
    await staged.add('a.json', 'new a');
    await staged.add('b.xlsx', 'new b');
    await expect(staged.commit()).rejects.toBeInstanceOf(OutputError);
    await staged.abort();
    expect(contents(dir)).toEqual({});
  });

  it('a backup that cannot be removed once all is in place is a leftover, not a failure', async () => {
    const dir = folderWith({ 'a.json': 'old a' });
    const ops: FileOps = { ...fs, rm: async (path, options) => (String(path).endsWith('.old') ? Promise.reject(Object.assign(new Error('EBUSY'), { code: 'EBUSY' })) : fs.rm(path, options)) };
    const staged = new StagedFiles(dir, ops);
    await staged.add('a.json', 'new a');
    await staged.commit();
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new a');
    expect(staged.leftovers.map((l) => l.code)).toEqual(['EBUSY']);
  });

  it('a first run that fails removes the folders it made for its files, and no other', async () => {
    const dir = folderWith({});
    mkdirSync(join(dir, 'kept'));
    const staged = new StagedFiles(join(dir, 'out', 'q'), failingRename('b.xlsx', 'EBUSY'));
    await staged.add('a.json', 'new a');
    await staged.add(join('units', 'b.xlsx'), 'new b');
    await expect(staged.commit()).rejects.toBeInstanceOf(OutputError);
    await staged.abort();
    expect(readdirSync(dir)).toEqual(['kept']);
  });

  it('removes the temporary files of an earlier run in a folder, named exactly as it names them, and none of its own', async () => {
    const stale = ['.0badc0de.0.tmp', '.0badc0de.12.tmp.old'];
    const alike = ['.0badc0de.0.tmp.bak', '0badc0de.0.tmp', '.0BADC0DE.0.tmp', '.0badc0d.0.tmp', '.0badc0de.x.tmp', '.0badc0de..tmp', 'a.tmp', 'report.xlsx'];
    const dir = folderWith(Object.fromEntries([...stale, ...alike].map((f) => [f, 'x'])));
    mkdirSync(join(dir, '.0badc0de.1.tmp'));
    const staged = new StagedFiles(dir);
    await staged.add('a.json', 'new a');
    const own = readdirSync(dir).filter((f) => TEMP_NAME.test(f) && !stale.includes(f) && f !== '.0badc0de.1.tmp');
    expect(own).toHaveLength(1);
    await staged.removeStale('.');
    await staged.removeStale('no-such-folder');
    expect(readdirSync(dir).sort()).toEqual([...alike, '.0badc0de.1.tmp', ...own].sort());
    await staged.commit();
    expect(staged.leftovers).toEqual([]);
    expect(existsSync(join(dir, 'a.json'))).toBe(true);
  });

  it('a stale temporary file that cannot be removed is a leftover, not a failure', async () => {
    const dir = folderWith({ '.0badc0de.0.tmp': 'x' });
    const ops: FileOps = { ...fs, rm: async (path, options) => (String(path).endsWith('.tmp') ? Promise.reject(Object.assign(new Error('EBUSY'), { code: 'EBUSY' })) : fs.rm(path, options)) };
    const staged = new StagedFiles(dir, ops);
    await staged.removeStale('.');
    expect(staged.leftovers).toMatchObject([{ file: join(dir, '.0badc0de.0.tmp'), code: 'EBUSY' }]);
  });

  it('accepts a drive or file-system root as the output folder, and refuses a path out of it', async () => {
    const quiet: FileOps = { ...fs, mkdir: async () => undefined, writeFile: async () => undefined };
    const staged = new StagedFiles('/', quiet);
    await expect(staged.add('results.json', '')).resolves.toBeUndefined();
    await expect(new StagedFiles('/tmp/x', quiet).add('../y.xlsx', '')).rejects.toThrow(/outside/);
  });
});
