/** What every command shares: where it writes, exit codes, usage errors, small checks of arguments. */
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Lang } from '../index.js';

/** Exit codes: 0 clean, 1 problems in the user's files, 2 wrong usage. */
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line itself (exit 2). */
export class UsageError extends Error {}

/** Where a command writes: the terminal, or a buffer when `--watch` redraws the screen. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal, which a progress bar needs. */
  tty: boolean;
}

export const STDIO: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  tty: process.stderr.isTTY === true,
};

/** Refuses a rules folder that is not there (wrong usage). */
export async function requireDir(dir: string, lang: Lang): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(lang === 'vi' ? `không tìm thấy thư mục quy tắc: ${dir}` : `rules folder not found: ${dir}`);
  }
}

/**
 * Refuses an appraisal or explanation forms named on the command line that are not there (wrong
 * usage); the default ones are read only when they exist.
 */
export async function requireAppraisal(opts: { appraisal?: string[] | false; explanations?: string }, lang: Lang): Promise<void> {
  const vi = lang === 'vi';
  for (const file of opts.appraisal || []) {
    if (!(await isFile(file))) throw new UsageError(vi ? `không tìm thấy tệp thẩm định: ${file}` : `appraisal not found: ${file}`);
  }
  if (opts.explanations !== undefined && !(await stat(opts.explanations).catch(() => undefined))) {
    throw new UsageError(vi ? `không tìm thấy biểu giải trình: ${opts.explanations}` : `explanation forms not found: ${opts.explanations}`);
  }
}

/** Whether `path` is an existing file. */
export async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** A progress bar on stderr when it is a terminal; silent on a pipe or file. */
export function progressBar(label: string, io: Output): { update: (done: number, total: number) => void; done: () => void } {
  if (!io.tty) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update: (done, total) => {
      const width = 30;
      const filled = Math.round((done / total) * width);
      io.err(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`);
      shown = true;
    },
    done: () => {
      if (shown) io.err('\r\x1b[K');
    },
  };
}

/** The message for outputs that could not be written: staged writing leaves the previous ones as they were. */
export function cannotWrite(err: { file: string; code: string }, lang: Lang): string {
  // Our own code for a folder that a link carries out of the output folder.
  const code = err.code !== 'ELINKOUT' ? err.code : lang === 'vi' ? 'thư mục là liên kết ra ngoài thư mục kết quả' : 'its folder is a link out of the output folder';
  return lang === 'vi'
    ? `cchc: không ghi được ${err.file}: ${code} — các tệp kết quả cũ được giữ nguyên\n`
    : `cchc: cannot write ${err.file}: ${code} — previous outputs left as they were\n`;
}

/** The message for a run whose outputs are in place but whose log line could not be written: run `command` again. */
export function cannotLog(err: { file: string; code: string }, log: string, command: string, lang: Lang): string {
  return lang === 'vi'
    ? `cchc: không ghi được nhật ký ${log} (${err.file}: ${err.code}); các tệp kết quả đã được ghi — hãy chạy lại cchc ${command} trước khi công bố\n`
    : `cchc: cannot write the log ${log} (${err.file}: ${err.code}); the outputs were written — run cchc ${command} again before publishing\n`;
}

/** Who runs the command, for a quarter's log and manifest: the system's user name, else $USER, else "unknown". */
export function currentUser(): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No entry for this user id in the system's user list (a container run under an arbitrary id).
  }
  return process.env.USER || process.env.USERNAME || 'unknown';
}
