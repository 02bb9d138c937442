import { spawn } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { CLI, ROOT } from './cli.js';

/** When to kill: after a delay, or as soon as `now()` holds (checked on every change in `watch` and every few ms). */
export type KillTrigger = { afterMs: number } | { watch: string[]; now: () => boolean };

export interface KilledRun {
  /** SIGKILL when the kill landed; null when the run ended first. */
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  /** Milliseconds from the start to the kill (undefined when it was not sent) and to the end. */
  killedAt?: number;
  endedAt: number;
}

/** Runs the built CLI and sends it SIGKILL at `trigger`; resolves once it has ended. */
export function runAndKill(args: string[], trigger: KillTrigger): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    let killedAt: number | undefined;
    const kill = () => {
      if (killedAt !== undefined || child.exitCode !== null || child.signalCode !== null) return;
      killedAt = performance.now() - start;
      child.kill('SIGKILL');
    };
    const watchers: FSWatcher[] = [];
    let timer: NodeJS.Timeout;
    if ('afterMs' in trigger) {
      timer = setTimeout(kill, trigger.afterMs);
    } else {
      const check = () => {
        try {
          if (trigger.now()) kill();
        } catch {
          // A folder read while the run renames in it: the next change or tick looks again.
        }
      };
      for (const dir of trigger.watch) watchers.push(watch(dir, check));
      timer = setInterval(check, 1);
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      watchers.forEach((w) => w.close());
      resolve({ signal, code, stderr, killedAt, endedAt: performance.now() - start });
    });
  });
}
