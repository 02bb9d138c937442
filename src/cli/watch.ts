/** `--watch`: run a command again whenever a scorecard or evidence file changes. */
import { watch as watchPath, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Lang } from '../index.js';
import { UsageError, type Output } from './io.js';

const WATCHED = /\.(ya?ml|json|xlsx)$/i;
/** Temporary files (our own `.…tmp`, editors' swap files) and Excel's lock files are not changes. */
const NOISE = /^(\.|~\$)|~$|\.tmp$|\.swp$/i;
const SETTLE_MS = 120;

/**
 * Runs `run` now, then again each time a YAML, JSON or workbook file under `paths` changes
 * (files `ignore` accepts, which the command writes itself, do not count). The screen shows the last good
 * result; when a run finds problems they are shown under it, and the good result stays.
 * Runs never overlap: a change during a run starts one more run after it. Never returns.
 */
export async function watchAndRun(paths: string[], ignore: (file: string) => boolean, lang: Lang, run: (io: Output) => Promise<number>): Promise<never> {
  const vi = lang === 'vi';
  let lastGood = '';
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();

  const cycle = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const files = [...changed];
    changed = new Set();
    const out: string[] = [];
    const err: string[] = [];
    const started = performance.now();
    let code: number;
    try {
      code = await run({ out: (t) => out.push(t), err: (t) => err.push(t), tty: false });
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      err.push(`cchc: ${e.message}\n`);
      code = 2;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (code === 0) lastGood = out.join('') + err.join('');
    const time = new Date().toTimeString().slice(0, 8);
    const cause = files.length > 0 ? `${vi ? 'thay đổi' : 'changed'}: ${files.join(', ')}` : vi ? 'lần chạy đầu' : 'first run';
    const head = `[${time}] ${cause} — ${code === 0 ? (vi ? 'xong' : 'done') : vi ? 'có lỗi' : 'problems found'} (${seconds.replace('.', vi ? ',' : '.')} s). ${vi ? 'Đang theo dõi; Ctrl+C để thoát.' : 'Watching; Ctrl+C to stop.'}\n`;
    const screen =
      code === 0
        ? lastGood
        : `${lastGood ? `${lastGood}\n${vi ? '— Kết quả trên là của lần chạy đúng gần nhất. Lỗi hiện tại:' : '— The result above is from the last good run. Problems now:'}\n` : ''}${err.join('')}`;
    // On a terminal, redraw the screen; on a pipe, append.
    process.stdout.write(`${process.stdout.isTTY ? '\x1b[2J\x1b[H' : '\n'}${screen}${screen.endsWith('\n') ? '' : '\n'}${head}`);
    running = false;
    if (again) {
      again = false;
      await cycle();
    }
  };

  const onChange = (file: string) => {
    const name = basename(file);
    if (!WATCHED.test(name) || NOISE.test(name)) return;
    const full = resolve(file);
    if (ignore(full)) return;
    changed.add(relative(process.cwd(), full) || name);
    clearTimeout(timer);
    timer = setTimeout(() => void cycle(), SETTLE_MS);
  };

  const watchers: FSWatcher[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    // A file is watched through its folder: editors often save by writing a new file and renaming it.
    const dir = info?.isDirectory() ? path : dirname(path);
    const only = info?.isDirectory() ? undefined : basename(path);
    watchers.push(
      watchPath(dir, { recursive: info?.isDirectory() ?? false }, (_event, name) => {
        if (!name) return;
        const file = resolve(dir, name.toString());
        if (only === undefined || basename(file) === only) onChange(file);
      }),
    );
  }
  await cycle();
  return new Promise<never>(() => undefined);
}

/** The files `cchc score` writes under an output root: results.json, ranking.xlsx, report.docx, the log, units/…, letters/…; forms kept there are not. */
export function scoreOutputs(root: string): (file: string) => boolean {
  const base = resolve(root);
  return (file) => {
    if (!file.startsWith(base + sep)) return false;
    const parts = file.slice(base.length + 1).split(sep);
    return ['results.json', 'ranking.xlsx', 'report.docx', 'log.jsonl'].includes(parts.at(-1)!) || parts.slice(0, -1).includes('units') || parts.slice(0, -1).includes('letters');
  };
}
