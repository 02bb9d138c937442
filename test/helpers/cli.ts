import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The project folder, where `npx cchc` runs. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI, as `npx cchc` runs it; `npm test` builds before testing. */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Runs the built CLI with NO_COLOR set and returns its exit code and output. */
export function cchc(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `line:col` (1-based) of the first occurrence of `marker` in `text`: positions found, not counted by hand. */
export function positionOf(text: string, marker: string): string {
  const offset = text.indexOf(marker);
  if (offset < 0) throw new Error(`marker not found: ${marker}`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}
