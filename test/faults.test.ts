// What `cchc score` leaves when writing goes wrong: a run killed at any moment, a file that cannot
// be replaced (EBUSY, EPERM: open in Excel on Windows), a full disk (ENOSPC), a run that fails
// before writing, unit ids hostile to file systems, and a folder holding another quarter.
import * as fs from 'node:fs/promises';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scoreCommand } from '../src/cli/score.js';
import { cannotWrite } from '../src/cli/io.js';
import { checkRules } from '../src/index.js';
import type { Results, Rules } from '../src/index.js';
import { OutputError } from '../src/report/files/output-error.js';
import { safeFileNames } from '../src/report/files/safe-names.js';
import { LOG_FILE } from '../src/report/files/publication.js';
import { TEMP_NAME, type FileOps } from '../src/report/files/staged-files.js';
import { unitFiles, writeReports } from '../src/report/write-reports.js';
import { cchc, ROOT } from './helpers/cli.js';
import { BASE_RULES, FIXTURES, rulesFolder } from './helpers/fixtures.js';
import { differences, entriesUnder, filesUnder, sameEntries, snapshot, tempFilesUnder, workbookEntries } from './helpers/folder.js';
import { runAndKill, type KillTrigger, type KilledRun } from './helpers/kill.js';
import { readWorkbook, textCells } from './helpers/workbook.js';

// The command run in-process (below) writes through node:fs/promises; `fault` makes one call fail.
const fault = vi.hoisted(() => ({ on: undefined as undefined | ((op: 'rename' | 'writeFile', path: string, data: unknown) => Promise<void>) }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const rename: typeof real.rename = async (from, to) => {
    await fault.on?.('rename', String(to), undefined);
    return real.rename(from, to);
  };
  const writeFile = (async (file: string, data: string | Uint8Array, options?: object) => {
    await fault.on?.('writeFile', String(file), data);
    return real.writeFile(file, data, options);
  }) as typeof real.writeFile;
  return { ...real, rename, writeFile, default: { ...real, rename, writeFile } };
});

const EVIDENCE = join(FIXTURES, 'evidence', 'base-2019-Q1.yaml');
/** For tests that run the command a few times (about a second each, more on a loaded machine). */
const SLOW = { timeout: 60_000 };
const SAMPLE = join(ROOT, 'samples', '2019-Q1');

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cchc-faults-'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

let count = 0;
/** A new empty folder under the test's temporary folder. */
function tempDir(): string {
  const dir = join(root, `t${++count}`);
  mkdirSync(dir);
  return dir;
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Scores the base fixture into `out`; a clean run expected. */
function scoreBase(out: string, ...extra: string[]): void {
  const r = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', out, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

describe('a run killed at any moment', () => {
  // The previous outputs: the sample quarter. The new run: the same quarter with one figure
  // changed (results.json differs) and another date (every workbook differs).
  const OLD_DATE = '2019-04-05';
  const NEW_DATE = '2019-04-06';
  let evidence = '';
  let oldOut = '';
  let oldFiles = new Map<string, Buffer>();
  let newFiles = new Map<string, Buffer>();
  /** Workbooks are not byte-for-byte reproducible (the zip records the time of writing): their entries are. */
  const newEntries = new Map<string, Map<string, string>>();
  let runMs = 0;
  const newRun = (out: string) => ['score', '--evidence', evidence, '--out', out, '--date', NEW_DATE];
  const landed: { point: string; phase: string; killedAt?: number; temps: number }[] = [];

  beforeAll(async () => {
    evidence = join(root, 'evidence-changed');
    cpSync(SAMPLE, evidence, { recursive: true });
    const file = join(evidence, 'direct-departments.yaml');
    const text = readFileSync(file, 'utf8');
    const changed = text.replace('plan_task_on_time_rate: { value: 95,', 'plan_task_on_time_rate: { value: 60,');
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);

    // A run's time: the shorter of these two, so that the late kill points are not all after the end.
    oldOut = join(root, 'old', '2019-Q1');
    let started = performance.now();
    expect(cchc(['score', '--evidence', SAMPLE, '--out', oldOut, '--date', OLD_DATE]).code).toBe(0);
    runMs = performance.now() - started;
    oldFiles = outputsIn(oldOut);
    const newOut = join(root, 'new', '2019-Q1');
    started = performance.now();
    expect(cchc(newRun(newOut)).code).toBe(0);
    runMs = Math.min(runMs, performance.now() - started);
    newFiles = outputsIn(newOut);
    expect([...newFiles.keys()]).toEqual([...oldFiles.keys()]);
    for (const f of newFiles.keys()) {
      // Each file's two versions differ, so which one is in place is never in doubt.
      expect(newFiles.get(f)!.equals(oldFiles.get(f)!), f).toBe(false);
      if (!f.endsWith('.xlsx')) continue;
      newEntries.set(f, await workbookEntries(join(newOut, f)));
      expect(sameEntries(newEntries.get(f)!, await workbookEntries(join(oldOut, f))), f).toBe(false);
    }
  }, 60_000);

  /** The outputs of a run, without the quarter's log (which grows a line a run: test/publication.test.ts checks it under kills). */
  function outputsIn(dir: string): Map<string, Buffer> {
    const files = snapshot(dir);
    files.delete(LOG_FILE);
    return files;
  }

  /** Each output file under `dir`: the previous version's bytes, the new run's content, or neither. */
  async function versions(dir: string): Promise<Map<string, 'old' | 'new' | 'neither'>> {
    const states = new Map<string, 'old' | 'new' | 'neither'>();
    for (const f of filesUnder(dir).filter((f) => !TEMP_NAME.test(basename(f)) && f !== LOG_FILE)) {
      const bytes = readFileSync(join(dir, f));
      if (oldFiles.get(f)?.equals(bytes)) states.set(f, 'old');
      else if (f.endsWith('.xlsx') && newEntries.has(f)) {
        const entries = await workbookEntries(join(dir, f)).catch(() => undefined);
        states.set(f, entries && sameEntries(entries, newEntries.get(f)!) ? 'new' : 'neither');
      } else states.set(f, newFiles.get(f)?.equals(bytes) ? 'new' : 'neither');
    }
    return states;
  }

  /** Where in its run the kill landed, read from what it left. */
  function phaseOf(run: KilledRun, states: Map<string, string>, temps: string[]): string {
    if (run.signal !== 'SIGKILL') return 'ended before the kill';
    const fresh = [...states.values()].filter((s) => s === 'new').length;
    if (fresh === 0 && temps.length === 0) return 'scoring';
    if (fresh === 0 && !temps.some((t) => t.endsWith('.old'))) return 'staging';
    if (fresh < states.size) return 'renaming';
    return temps.length > 0 ? 'tidying' : 'exiting';
  }
  /** The phases after the first temporary file exists and before the run is done. */
  const WRITING = ['staging', 'renaming', 'tidying'];

  const hasTemp = (dir: string) => () => readdirSync(dir).some((n) => TEMP_NAME.test(n));
  /** `after`, for a point at a moment of the writing: the phases a kill sent then can land in. */
  const points: { point: string; trigger: (dir: string) => KillTrigger; after?: string[] }[] = [
    // Spread over a whole run as measured; on this kind of run the writing starts about 70% in.
    ...[0.2, 0.45, 0.65, 0.75, 0.82, 0.88, 0.94, 0.99].map((f) => ({ point: `${Math.round(f * 100)}% of a run`, trigger: () => ({ afterMs: f * runMs }) })),
    { point: 'first temporary file', trigger: (dir) => ({ watch: [dir], now: hasTemp(dir) }), after: WRITING },
    { point: 'first temporary scorecard', trigger: (dir) => ({ watch: [join(dir, 'units')], now: hasTemp(join(dir, 'units')) }), after: WRITING },
    {
      point: 'first rename (results.json)',
      trigger: (dir) => {
        const file = join(dir, 'results.json');
        const before = statSync(file).ino;
        return { watch: [dir], now: () => statSync(file).ino !== before };
      },
      after: ['renaming', 'tidying', 'exiting'],
    },
  ];

  it.each(points)('killed at $point: each file old or new, never half; the next run succeeds and leaves no temporary file', async ({ point, trigger, after }) => {
    let run: KilledRun;
    let dir: string;
    let attempt = 0;
    do {
      dir = join(tempDir(), '2019-Q1');
      cpSync(oldOut, dir, { recursive: true });
      run = await runAndKill(newRun(dir), trigger(dir));
      // A kill meant for a moment of the writing must land in it, or this case proves nothing.
    } while (after && run.signal !== 'SIGKILL' && ++attempt < 4);
    if (after) expect(run.signal, `${point}: the run ended before the kill, 4 times`).toBe('SIGKILL');

    const states = await versions(dir);
    const temps = tempFilesUnder(dir);
    expect([...states.keys()], point).toEqual([...oldFiles.keys()]);
    expect([...states].filter(([, s]) => s === 'neither'), point).toEqual([]);
    const phase = phaseOf(run, states, temps);
    landed.push({ point, phase, killedAt: run.killedAt, temps: temps.length });
    if (after) expect(after, `${point} landed in ${phase}`).toContain(phase);

    const again = cchc(newRun(dir));
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(tempFilesUnder(dir)).toEqual([]);
    expect([...(await versions(dir)).values()].every((s) => s === 'new')).toBe(true);
  }, 60_000);

  it('had kills land while the files were being written', () => {
    const lines = landed.map((l) => `  ${l.point.padEnd(28)} ${(l.killedAt === undefined ? '-' : `${Math.round(l.killedAt)} ms`).padStart(8)}  ${l.phase}${l.temps ? ` (${l.temps} temporary files left)` : ''}`);
    const writing = landed.filter((l) => WRITING.includes(l.phase)).length;
    console.info(`kill points (a run takes ${Math.round(runMs)} ms); ${writing} of ${landed.length} landed while writing:\n${lines.join('\n')}`);
    expect(landed).toHaveLength(points.length);
    // The two kills at a temporary file's appearance land while writing, whatever the machine's load.
    expect(writing).toBeGreaterThanOrEqual(2);
  });
});

describe('a file that cannot be replaced, a full disk (writeReports)', SLOW, () => {
  let rules: Rules;
  let seed = '';
  let results: Results;
  /** A second run of the same quarter: a unit renamed, and another date, so every file would change. */
  const input = () => ({ rules, results, lang: 'vi' as const, date: '2019-04-06', stamp: new Date('2019-04-06T00:00:00Z') });

  beforeAll(async () => {
    seed = join(tempDir(), 'seed');
    scoreBase(seed, '--date', '2019-04-05');
    rules = (await checkRules(BASE_RULES)).rules!;
    results = JSON.parse(readFileSync(join(seed, 'results.json'), 'utf8')) as Results;
    results.blocs[0]!.units[0]!.name += ' (đổi tên)';
  }, 30_000);

  /** A folder holding the previous outputs. */
  function previousOutputs(): string {
    const out = join(tempDir(), '2019-Q1');
    cpSync(seed, out, { recursive: true });
    return out;
  }

  /** The real file operations, but the rename onto `target` fails with `code`. */
  function failingRename(target: string, code: string): FileOps {
    return { ...fs, rename: async (from, to) => (String(to).endsWith(target) ? Promise.reject(errno(code)) : fs.rename(from, to)) };
  }

  /** The real file operations, but the `nth` scorecard written stops half-way with ENOSPC. */
  function diskFullAt(nth: number): FileOps & { partial: string[] } {
    let n = 0;
    const partial: string[] = [];
    const writeFile = (async (file: string, data: Uint8Array) => {
      if (basename(dirname(file)) !== 'units' || ++n !== nth) return fs.writeFile(file, data);
      await fs.writeFile(file, data.subarray(0, Math.floor(data.length / 2)));
      partial.push(file);
      throw errno('ENOSPC');
    }) as typeof fs.writeFile;
    return { ...fs, writeFile, partial };
  }

  it.each(['EBUSY', 'EPERM'])('a scorecard that cannot be replaced (%s): the file named, every previous file byte-identical, no temporary file', async (code) => {
    const out = previousOutputs();
    const before = snapshot(out);
    const target = join(out, 'units', 'DL-A.xlsx');
    const failure = await writeReports(input(), out, { ops: failingRename(join('units', 'DL-A.xlsx'), code), workers: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OutputError);
    expect(failure).toMatchObject({ file: target, code });
    expect(cannotWrite(failure as OutputError, 'vi')).toContain(`${target}: ${code}`);
    expect(cannotWrite(failure as OutputError, 'en')).toContain(`cannot write ${target}: ${code}`);
    expect(differences(before, snapshot(out))).toEqual([]);
    expect(tempFilesUnder(out)).toEqual([]);
  });

  it('a disk full half-way through a scorecard (ENOSPC): the file named, every previous file byte-identical, no temporary file', async () => {
    const out = previousOutputs();
    const before = snapshot(out);
    const ops = diskFullAt(3);
    const failure = await writeReports(input(), out, { ops, workers: 1 }).catch((e: unknown) => e);
    const third = [...unitFiles(results).values()][2]!;
    expect(failure).toMatchObject({ file: join(out, third), code: 'ENOSPC' });
    expect(failure).toBeInstanceOf(OutputError);
    // The half-written temporary file was there, beside its target, and is gone.
    expect(ops.partial.map((p) => relative(out, dirname(p)))).toEqual(['units']);
    expect(existsSync(ops.partial[0]!)).toBe(false);
    expect(differences(before, snapshot(out))).toEqual([]);
    expect(tempFilesUnder(out)).toEqual([]);
  });

  it('a disk full on the first run: no file and no folder left', async () => {
    const out = join(tempDir(), 'out', '2019-Q1');
    await expect(writeReports(input(), out, { ops: diskFullAt(1), workers: 1 })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(existsSync(dirname(out))).toBe(false);
  });

  it.each([
    ['EBUSY', 'the rename of KD\'s scorecard', (out: string) => join(out, 'units', 'KD.xlsx')],
    ['ENOSPC', 'half of the second scorecard written', (out: string) => join(out, [...unitFiles(results).values()][1]!)],
  ])('through the command (%s, %s): exit 1, the message names the file, every previous file byte-identical', async (code, _, file) => {
    const out = previousOutputs();
    const before = snapshot(out);
    const target = file(out);
    let scorecards = 0;
    fault.on = async (op, path, data) => {
      if (code === 'EBUSY' && op === 'rename' && path === target) throw errno(code);
      if (code === 'ENOSPC' && op === 'writeFile' && basename(dirname(path)) === 'units' && ++scorecards === 2) {
        await fs.writeFile(path, (data as Uint8Array).subarray(0, 100));
        throw errno(code);
      }
    };
    const err: string[] = [];
    try {
      const exit = await scoreCommand(
        { rules: BASE_RULES, evidence: EVIDENCE, out, date: '2019-04-06', missing: 'error', lang: 'vi', workers: 1 },
        { out: () => undefined, err: (t) => void err.push(t), tty: false },
      );
      expect(exit).toBe(1);
    } finally {
      fault.on = undefined;
    }
    expect(err.join('')).toBe(cannotWrite({ file: target, code }, 'vi'));
    expect(differences(before, snapshot(out))).toEqual([]);
    expect(tempFilesUnder(out)).toEqual([]);
  });

  it('the next run that succeeds removes the temporary files a killed run left, in the folder and in units/, and only those', async () => {
    const out = previousOutputs();
    const ours = ['.0badc0de.0.tmp', '.0badc0de.0.tmp.old', join('units', '.0badc0de.7.tmp'), join('units', '.0badc0de.7.tmp.old')];
    const alike = ['.0badc0de.0.tmp.bak', '0badc0de.0.tmp', '.0BADC0DE.0.tmp', '.0badc0d.0.tmp', '.0badc0de.x.tmp', 'notes.tmp', join('units', '.0badc0de.7.tmp~')];
    for (const f of [...ours, ...alike]) writeFileSync(join(out, f), 'left behind');
    mkdirSync(join(out, '.0badc0de.9.tmp'));
    // Also when this run writes no scorecard: units/ is swept all the same.
    const { leftovers } = await writeReports(input(), out, { unitFiles: false });
    expect(leftovers).toEqual([]);
    for (const f of ours) expect(existsSync(join(out, f)), f).toBe(false);
    for (const f of alike) expect(readFileSync(join(out, f), 'utf8'), f).toBe('left behind');
    expect(statSync(join(out, '.0badc0de.9.tmp')).isDirectory()).toBe(true);
  });
});

describe('a run that fails writes nothing', SLOW, () => {
  it('evidence with errors: exit 1, the folder byte-identical, nothing new (not even a folder)', () => {
    const out = join(tempDir(), '2019-Q1');
    scoreBase(out, '--date', '2019-04-05');
    writeFileSync(join(out, '.0badc0de.0.tmp'), 'left by a killed run');
    const before = snapshot(out);
    const entries = entriesUnder(out);
    const broken = join(tempDir(), 'evidence.yaml');
    writeFileSync(broken, readFileSync(EVIDENCE, 'utf8').replace('satisfaction: 8.37', 'satisfaction: "tám"'));
    const r = cchc(['score', '--rules', BASE_RULES, '--evidence', broken, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ error [A-Z_]+ /);
    expect(differences(before, snapshot(out))).toEqual([]);
    expect(entriesUnder(out)).toEqual(entries);
  });
});

/** The base rules with `ids` for units, in turn in each bloc, and evidence for each (copied from VP's and DL-A's). */
function rulesWithIds(ids: string[]): { rules: string; evidence: string; names: Map<string, string>; cleanup: () => void } {
  const base = readFileSync(EVIDENCE, 'utf8');
  const body = (unit: string) => /^ {2}[A-Z-]+:\n((?: {4}.*\n)+)/m.exec(base.slice(base.indexOf(`  ${unit}:\n`)))![1]!;
  // One letter each: no unit's name is part of another's.
  const names = new Map(ids.map((id, i) => [id, `Đơn vị thử ${String.fromCharCode(65 + i)}`]));
  const blocOf = (i: number) => (i % 2 === 0 ? 'departments' : 'branches');
  const units = `units:\n${ids.map((id, i) => `  - { id: "${id}", name: "${names.get(id)}", bloc: ${blocOf(i)} }\n`).join('')}`;
  const { dir, cleanup } = rulesFolder(undefined, { 'units.yaml': units });
  const evidence = join(tempDir(), 'evidence.yaml');
  writeFileSync(evidence, `quarter: 2019-Q1\nunits:\n${ids.map((id, i) => `  "${id}":\n${body(blocOf(i) === 'departments' ? 'VP' : 'DL-A')}`).join('')}`);
  return { rules: dir, evidence, names, cleanup };
}

describe('--out confinement', SLOW, () => {
  // Legal ids (schemas/units.schema.json: ^[A-Za-z0-9][A-Za-z0-9._-]*$, at most 64) that are
  // hostile to file systems: dots, device names, a trailing dot, case twins, the longest.
  const HOSTILE = ['a..b', 'CON', 'con', 'NUL.x', 'x.', 'x_', 'COM1', 'Aux.txt', 'lpt9.', '9.-_.', 'L'.repeat(64), 'l'.repeat(64), 'DL-A'];

  it('unit ids hostile to file systems: every file inside --out, named as safeFileNames makes them, each holding its own unit', async () => {
    const { rules, evidence, names, cleanup } = rulesWithIds(HOSTILE);
    try {
      const parent = tempDir();
      writeFileSync(join(parent, 'beside.xlsx'), 'not ours');
      const out = join(parent, 'nested', 'out');
      const r = cchc(['score', '--rules', rules, '--evidence', evidence, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // Everything under the parent folder is inside --out, but the file that was there.
      const outside = entriesUnder(parent).filter((e) => e !== 'beside.xlsx' && e !== 'nested' && !`${e}${sep}`.startsWith(`nested${sep}out${sep}`));
      expect(outside).toEqual([]);
      expect(readFileSync(join(parent, 'beside.xlsx'), 'utf8')).toBe('not ours');
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
      const ids = results.blocs.flatMap((b) => b.units.map((u) => u.id));
      expect([...ids].sort()).toEqual([...HOSTILE].sort());
      const expected = safeFileNames(ids).map((n) => `${n}.xlsx`);
      expect(readdirSync(join(out, 'units')).sort()).toEqual([...expected].sort());
      // Letters are named as the scorecards are.
      const letters = expected.map((f) => join('letters', f.replace(/\.xlsx$/, '.docx')));
      expect(filesUnder(out)).toEqual([LOG_FILE, 'ranking.xlsx', 'report.docx', 'results.json', ...letters, ...expected.map((f) => join('units', f))].sort());
      // As docs/score-sheets.md says: device names get a leading _, a trailing dot becomes _, case twins get ~2.
      expect(expected).toEqual(expect.arrayContaining(['a..b.xlsx', '_NUL.x.xlsx', '_COM1.xlsx', '_Aux.txt.xlsx', 'lpt9_.xlsx', '9.-__.xlsx', 'DL-A.xlsx']));
      expect(expected.filter((f) => /^_con(~2)?\.xlsx$/i.test(f))).toHaveLength(2);
      expect(expected.filter((f) => /^x_(~2)?\.xlsx$/.test(f))).toHaveLength(2);
      expect(expected.filter((f) => /^l{64}(~2)?\.xlsx$/i.test(f))).toHaveLength(2);
      for (const [i, id] of ids.entries()) {
        const card = (await readWorkbook(join(out, 'units', expected[i]!))).worksheets[0]!;
        expect([...textCells(card).values()].some((t) => t.includes(names.get(id)!)), id).toBe(true);
      }
    } finally {
      cleanup();
    }
  });

  it('with --force over a results.json listing path-like ids, no file outside --out is removed; the files of a plain id are', () => {
    const parent = tempDir();
    const out = join(parent, 'a', 'b', 'out');
    mkdirSync(join(out, 'units'), { recursive: true });
    mkdirSync(join(out, 'letters'), { recursive: true });
    const victims = [join(parent, 'victim.xlsx'), join(parent, 'a', 'victim.xlsx'), join(parent, 'a', 'b', 'victim.xlsx')];
    for (const v of victims) writeFileSync(v, 'keep');
    // Not a cchc results file (no scheme, no quarter): --force writes over it, and its units' files go with it.
    writeFileSync(join(out, 'units', 'OLD.xlsx'), 'old');
    writeFileSync(join(out, 'letters', 'OLD.docx'), 'old');
    const ids = ['../victim', '../../victim', '../../../victim', '..\\..\\victim', `${parent}${sep}victim`, 42, null, 'OLD'];
    writeFileSync(join(out, 'results.json'), JSON.stringify({ blocs: [{ units: ids.map((id) => ({ id })) }, {}, null, { units: 'x' }] }));
    const refused = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', out]);
    expect(refused.code).toBe(2);
    scoreBase(out, '--force');
    for (const v of victims) expect(readFileSync(v, 'utf8'), v).toBe('keep');
    const units = ['DL-A', 'DL-B', 'KD', 'VP'];
    expect(filesUnder(out)).toEqual([LOG_FILE, 'ranking.xlsx', 'report.docx', 'results.json', ...units.map((u) => join('letters', `${u}.docx`)), ...units.map((u) => join('units', `${u}.xlsx`))].sort());
  });
});

describe('a folder holding another quarter: --force', SLOW, () => {
  const q2 = () => {
    const file = join(tempDir(), 'base-2019-Q2.yaml');
    writeFileSync(file, readFileSync(EVIDENCE, 'utf8').replace('quarter: 2019-Q1', 'quarter: 2019-Q2'));
    return file;
  };

  it('another quarter in --out: refused as wrong usage (exit 2), naming the folder and the quarter found, nothing written', () => {
    const out = join(tempDir(), 'scores');
    const r2 = cchc(['score', '--rules', BASE_RULES, '--evidence', q2(), '--out', out]);
    expect(r2.code).toBe(0);
    const before = snapshot(out);
    const refused = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`cchc: thư mục ${out} đang chứa kết quả quý 2019-Q2, không phải quý 2019-Q1; thêm --force để ghi đè, hoặc chọn --out khác\n`);
    const en = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', out, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(`cchc: ${out} holds the results of 2019-Q2, not 2019-Q1; add --force to write over them, or choose another --out\n`);
    expect(differences(before, snapshot(out))).toEqual([]);
    scoreBase(out, '--force');
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).quarter).toBe('2019-Q1');
    expect(tempFilesUnder(out)).toEqual([]);
  });

  it.each([
    ['not JSON', 'quarter: 2019-Q1\n'],
    ['JSON of something else', '{ "quarter": "2019-Q1", "budget": 12 }\n'],
  ])('a results.json that is not ours (%s): refused (exit 2), nothing written; --force writes over it', (_, text) => {
    const out = join(tempDir(), 'scores');
    mkdirSync(out);
    writeFileSync(join(out, 'results.json'), text);
    const r = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cchc: ${join(out, 'results.json')} is not a cchc results file; add --force to write over it in ${out}, or choose another --out\n`);
    expect(filesUnder(out)).toEqual(['results.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(text);
    scoreBase(out, '--force');
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).quarter).toBe('2019-Q1');
  });

  it('the default out/<quarter>, scored again for the same quarter, never asks for it', () => {
    const cwd = tempDir();
    const changed = join(tempDir(), 'evidence.yaml');
    writeFileSync(changed, readFileSync(EVIDENCE, 'utf8').replace('satisfaction: 8.37', 'satisfaction: 9.1'));
    for (const evidence of [EVIDENCE, EVIDENCE, changed]) {
      const r = cchc(['score', '--rules', BASE_RULES, '--evidence', evidence], cwd);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const next = cchc(['score', '--rules', BASE_RULES, '--evidence', q2()], cwd);
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('so sánh với 2019-Q1');
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['2019-Q1', '2019-Q2']);
  });
});
