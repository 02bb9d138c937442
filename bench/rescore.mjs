// What `cchc score --watch` costs after an edit: the sample quarter scored and written by the
// command itself (as --watch runs it, reusing what has not changed), then one unit's figure
// changed in its evidence file and the quarter scored again. Prints {first, rescore, full} in
// ms: `full` is the same re-score without reuse (every file made again).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreCommand } from '../dist/cli/score.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-rescore-'));
const evidence = join(dir, 'evidence');
cpSync('samples/2019-Q1', evidence, { recursive: true });
const quiet = { out: () => undefined, err: () => undefined, tty: false };
const opts = { rules: 'rules', evidence, out: join(dir, 'out'), previous: false, missing: 'error', lang: 'vi' };
const file = join(evidence, 'district-branches.yaml');
const original = readFileSync(file, 'utf8');

async function timed(run) {
  const t = performance.now();
  const code = await run();
  if (code !== 0) throw new Error(`score exited ${code}`);
  return performance.now() - t;
}
try {
  const reuse = { rules: {}, scorecards: new Map() };
  const first = await timed(() => scoreCommand({ ...opts, reuse }, quiet));
  // A warm process, as --watch is after its first run.
  await timed(() => scoreCommand({ ...opts, reuse }, quiet));
  const times = [];
  for (const value of [91, 92, 93]) {
    writeFileSync(file, original.replace(/value: \d+(, source: "[^"]*tiến độ)/, `value: ${value}$1`));
    times.push(await timed(() => scoreCommand({ ...opts, reuse }, quiet)));
  }
  writeFileSync(file, original);
  const full = await timed(() => scoreCommand(opts, quiet));
  times.sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ first, rescore: times[1], full })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
