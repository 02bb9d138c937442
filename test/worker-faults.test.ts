// Failures around the worker threads, with the built files (a worker runs compiled code): a
// scorecard that fails in its worker stops the writing at once, and nothing is written after
// writeReports has failed; evidence folders with more files than a process may open at once.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRules, type Results } from '../src/index.js';
import { cchc, ROOT } from './helpers/cli.js';
import { tempDirs } from './helpers/temp.js';

const tempDir = tempDirs('worker-faults');
const built = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;

describe('worker threads', () => {
  it('a scorecard failing in its worker: writeReports fails, and no file is written or left after', async () => {
    const { writeReports } = (await import(built('report/write-reports.js'))) as typeof import('../src/report/write-reports.js');
    const scored = join(tempDir(), 'scored');
    expect(cchc(['score', '--evidence', join(ROOT, 'samples', '2019-Q1'), '--out', scored, '--no-unit-files']).code).toBe(0);
    const results = JSON.parse(readFileSync(join(scored, 'results.json'), 'utf8')) as Results;
    // One unit's outcome lacks a criterion of its bloc: its scorecard cannot be made.
    const units = results.blocs.flatMap((b) => b.units);
    units[11]!.criteria = units[11]!.criteria.slice(1);
    const rules = (await checkRules(join(ROOT, 'rules'))).rules!;
    const out = tempDir();
    mkdirSync(join(out, 'units'));
    // Slow writes, so that scorecards made by the other worker are still waiting when it fails.
    let failedAt: number | undefined;
    const late: string[] = [];
    const ops = {
      ...fs,
      writeFile: (async (file: string, data: Uint8Array) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        if (failedAt !== undefined) late.push(file);
        return fs.writeFile(file, data);
      }) as typeof fs.writeFile,
    };
    const failure = await writeReports({ rules, results, lang: 'vi', stamp: new Date(0) }, out, { ops, workers: 2 }).catch((e: unknown) => e);
    failedAt = Date.now();
    expect(String((failure as Error).message)).toContain(`unit document units/${units[11]!.id}.xlsx`);
    expect(readdirSync(join(out, 'units'))).toEqual([]);
    expect(readdirSync(out)).toEqual(['units']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(late).toEqual([]);
    expect(readdirSync(join(out, 'units'))).toEqual([]);
  }, 60_000);

  it('a worker that fails or stops on a job fails the whole, naming the job, and no slot waits for ever', async () => {
    const { runOnWorkers } = (await import(built('load/worker-pool.js'))) as typeof import('../src/load/worker-pool.js');
    const script = join(tempDir(), 'worker.mjs');
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => {
  if (job === 'throws.xlsx') throw new Error('broken reader');
  if (job === 'stops.xlsx') process.exit(3);
  parentPort.postMessage(job.toUpperCase());
});`,
    );
    const run = (jobs: string[]) => runOnWorkers(pathToFileURL(script), jobs, { count: 2, receive: (answer: string) => answer, describe: (job) => job });
    expect(await run(['a.xlsx', 'b.xlsx', 'c.xlsx'])).toEqual(['A.XLSX', 'B.XLSX', 'C.XLSX']);
    const thrown = (await run(['a.xlsx', 'throws.xlsx', 'c.xlsx', 'd.xlsx']).catch((e: unknown) => e)) as Error;
    expect(thrown.message).toBe('a worker thread failed while reading throws.xlsx: broken reader');
    expect((thrown.cause as Error).message).toBe('broken reader');
    const stopped = (await run(['stops.xlsx', 'b.xlsx']).catch((e: unknown) => e)) as Error;
    expect(stopped.message).toBe('a worker thread failed while reading stops.xlsx: it stopped (exit code 3)');
  });

  it('an evidence folder of more YAML files than the process may open at once reads every one', () => {
    const dir = tempDir();
    const evidence = join(dir, 'evidence');
    mkdirSync(evidence);
    const files = Array.from({ length: 400 }, (_, i) => join(evidence, `u${i}.yaml`));
    for (const [i, file] of files.entries()) writeFileSync(file, `quarter: 2019-Q1\nunits:\n  U${i}: { facts: {} }\n`);
    writeFileSync(join(dir, 'files.json'), JSON.stringify(files));
    const script = `const { loadYamlFiles } = await import(${JSON.stringify(built('load/yaml-files.js'))});
const files = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(join(dir, 'files.json'))}, 'utf8'));
const loaded = await loadYamlFiles(files);
console.log(JSON.stringify({ read: loaded.filter((l) => l.source).length, problems: loaded.flatMap((l) => l.diagnostics).map((d) => d.code + ' ' + JSON.stringify(d.params)).slice(0, 3) }));`;
    // 100 open files at most (the default is 1,024 on Linux, 256 on macOS; a folder may hold a file per unit).
    const r = spawnSync('sh', ['-c', `ulimit -n 100 && exec "${process.execPath}" --input-type=module -e "$0"`, script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ read: 400, problems: [] });
    expect(existsSync(files[399]!)).toBe(true);
  });

  it("workers start whatever Node options the caller was run with (a script run with --input-type and -e)", () => {
    const dir = tempDir();
    const files = ['a.yaml', 'b.yaml'].map((name) => join(dir, name));
    for (const file of files) writeFileSync(file, 'quarter: 2019-Q1\nunits:\n  U1: { facts: {} }\n');
    const scored = join(dir, 'scored');
    expect(cchc(['score', '--evidence', join(ROOT, 'samples', '2019-Q1'), '--out', scored, '--no-unit-files']).code).toBe(0);
    const script = `const { loadYamlFiles } = await import(${JSON.stringify(built('load/yaml-files.js'))});
const { writeUnitFiles } = await import(${JSON.stringify(built('report/write-reports.js'))});
const { checkRules } = await import(${JSON.stringify(built('index.js'))});
const { readFileSync } = await import('node:fs');
const loaded = await loadYamlFiles(${JSON.stringify(files)}, 1);
const rules = (await checkRules(${JSON.stringify(join(ROOT, 'rules'))})).rules;
const results = JSON.parse(readFileSync(${JSON.stringify(join(scored, 'results.json'))}, 'utf8'));
let cards = 0;
await writeUnitFiles({ rules, results, lang: 'vi', stamp: new Date(0) }, async () => { cards += 1; }, 2);
console.log(JSON.stringify({ read: loaded.filter((l) => l.source).length, cards }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ read: 2, cards: 21 });
  }, 60_000);
});
