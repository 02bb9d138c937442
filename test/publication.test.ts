// A quarter's publication through the built CLI: `cchc publish` locks the output folder with a
// manifest of digests; scoring it again is refused unless reopened with a reason; every run
// appends one whole line to the folder's log.jsonl, also when the run is killed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry, Manifest, Results } from '../src/index.js';
import { changedUnits, scoresIn } from '../src/rank/changed-units.js';
import { LOG_FILE, MANIFEST_FILE } from '../src/report/files/publication.js';
import { TEMP_NAME } from '../src/report/files/staged-files.js';
import { cchc, CLI, positionOf, ROOT } from './helpers/cli.js';
import { differences, filesUnder, snapshot } from './helpers/folder.js';
import { runAndKill, type KillTrigger, type KilledRun } from './helpers/kill.js';
import { tempDirs } from './helpers/temp.js';

const temp = tempDirs('publication');
/** As the README runs it, from the project folder. */
const SAMPLE = join('samples', '2019-Q1');
const RULE_FILES = ['scheme.yaml', 'units.yaml', 'direct-departments.yaml', 'district-branches.yaml', 'high-voltage-team.yaml', 'indirect-departments.yaml'].map((f) => join('rules', f));
const SAMPLE_FILES = ['direct-departments.yaml', 'district-branches.yaml', 'high-voltage-team.yaml', 'indirect-departments.yaml'].map((f) => join(SAMPLE, f));
const DIRECT = ['CNTT', 'KD', 'KT', 'TCKT', 'TCNS', 'TTBVPC', 'VP'];
const REASON = 'Điện lực Cầu Kè gửi lại số liệu tiết kiệm điện';
/** Each test runs the CLI a few times, about a second each (more on a loaded machine). */
const SLOW = { timeout: 60_000 };

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const score = (out: string, evidence = SAMPLE, ...extra: string[]) => cchc(['score', '--evidence', evidence, '--out', out, ...extra]);
const publish = (out: string, ...extra: string[]) => cchc(['publish', '--quarter', '2019-Q1', '--out', out, ...extra]);

/** The log's lines, checked whole: the file ends with a newline and every line is one JSON entry. */
function logOf(dir: string): LogEntry[] {
  const text = readFileSync(join(dir, LOG_FILE), 'utf8');
  expect(text.endsWith('\n'), 'the log ends with a newline').toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as LogEntry);
}

const commandsOf = (dir: string) => logOf(dir).map((e) => e.command);

/** Every file a publication locks, with `/`, sorted, with the digest computed here. */
function outputsOf(dir: string): { file: string; sha256: string }[] {
  return filesUnder(dir)
    .filter((f) => f !== LOG_FILE && f !== MANIFEST_FILE && !TEMP_NAME.test(basename(f)))
    .map((f) => ({ file: f.split(sep).join('/'), sha256: sha256(join(dir, f)) }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** The `file:line:col CODE` of every diagnostic on stderr, files relative to `dir`. */
function codesIn(stderr: string, dir: string): string[] {
  return [...stderr.matchAll(/^(\S+) (?:lỗi|error) ([A-Z_]+) /gm)].map((m) => `${m[1]!.replace(dir + sep, '').split(sep).join('/')} ${m[2]}`);
}

const unitsOf = (out: string) => (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results).blocs.flatMap((b) => b.units);

/** A copy of the sample quarter in which Điện lực Cầu Kè saved 10 % over plan (−1.2 before). */
function changedEvidence(): string {
  const dir = join(temp(), 'evidence');
  cpSync(join(ROOT, SAMPLE), dir, { recursive: true });
  const file = join(dir, 'district-branches.yaml');
  const text = readFileSync(file, 'utf8');
  const changed = text.replace('internal_saving_above_plan: { value: -1.2,', 'internal_saving_above_plan: { value: 10,');
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
  return dir;
}

describe('the units changed (changedUnits)', () => {
  const results = (quarter: string, units: [string, number][]) =>
    ({ scheme: 's', quarter, rulesDigest: 'd', blocs: [{ id: 'b', name: 'B', units: units.map(([id, score]) => ({ id, score })) }] }) as unknown as Results;

  it('a score that differs, a unit new or no longer scored; every unit when the file before is another quarter\'s or not a results file', () => {
    const now = results('2019-Q1', [['B', 80], ['A', 70.5], ['D', 60]]);
    expect(changedUnits(scoresIn(results('2019-Q1', [['A', 70.5], ['B', 80.01], ['C', 50]]), '2019-Q1'), now)).toEqual(['B', 'C', 'D']);
    expect(changedUnits(scoresIn(now, '2019-Q1'), now)).toEqual([]);
    for (const before of [results('2018-Q4', [['A', 70.5], ['B', 80], ['D', 60]]), undefined, null, { blocs: 'x' }, { quarter: '2019-Q1', blocs: [null, { units: [{ id: 7 }] }] }]) {
      expect(changedUnits(scoresIn(before, '2019-Q1'), now)).toEqual(['A', 'B', 'D']);
    }
  });
});

describe('scored, published, refused, reopened', SLOW, () => {
  let out = '';
  let manifest: Manifest;

  beforeAll(() => {
    out = join(temp(), '2019-Q1');
  });

  it('each score appends a line: every input and output by digest, and the units changed (all at first, none when scored again)', () => {
    const started = Date.now();
    for (let run = 0; run < 2; run++) {
      const r = score(out);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const log = logOf(out);
    expect(log.map((e) => e.command)).toEqual(['score', 'score']);
    const [first, second] = log as [LogEntry, LogEntry];
    expect(first.args).toEqual(['score', '--evidence', SAMPLE, '--out', out]);
    expect(first.user).not.toBe('');
    expect(Date.parse(first.time)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(second.time)).toBeGreaterThanOrEqual(Date.parse(first.time));
    expect(second.inputs).toEqual([...RULE_FILES, ...SAMPLE_FILES].map((file) => ({ file, sha256: sha256(join(ROOT, file)) })));
    expect(second.outputs).toEqual(outputsOf(out));
    const ids = unitsOf(out).map((u) => u.id).sort();
    expect(second.outputs!.map((o) => o.file)).toEqual([...ids.map((id) => `letters/${id}.docx`), 'ranking.xlsx', 'report.docx', 'results.json', ...ids.map((id) => `units/${id}.xlsx`)]);
    expect(first.changed).toEqual(unitsOf(out).map((u) => u.id).sort());
    expect(first.changed).toHaveLength(21);
    expect(second.changed).toEqual([]);
    // The time is in the log only: the same inputs give the same results.json.
    expect(first.outputs!.find((o) => o.file === 'results.json')).toEqual(second.outputs!.find((o) => o.file === 'results.json'));
  });

  it('publish writes a manifest of every output and of the last score\'s inputs, and a publish line', () => {
    const r = publish(out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(out, MANIFEST_FILE));
    const text = readFileSync(join(out, MANIFEST_FILE), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    manifest = JSON.parse(text) as Manifest;
    const log = logOf(out);
    expect(log.map((e) => e.command)).toEqual(['score', 'score', 'publish']);
    const line = log[2]!;
    expect(line.args).toEqual(['publish', '--quarter', '2019-Q1', '--out', out]);
    expect(manifest).toEqual({ quarter: '2019-Q1', publishedAt: line.time, user: line.user, stage: 'self', inputs: log[1]!.inputs, outputs: outputsOf(out) });
    expect(manifest.outputs).toHaveLength(3 + 21 + 21);
    expect(manifest.inputs.map((i) => i.sha256)).toEqual([...RULE_FILES, ...SAMPLE_FILES].map((f) => sha256(join(ROOT, f))));
  });

  it('a published quarter: scoring again is refused (exit 2, naming when and by whom), also with --force; --reopen needs a reason; nothing changes', () => {
    const before = snapshot(out);
    const refused = score(out);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(manifest.publishedAt);
    expect(refused.stderr).toContain(manifest.user);
    expect(refused.stderr).toContain('--reopen --reason');
    for (const extra of [['--force'], ['--reopen'], ['--reopen', '--reason', '  '], ['--reason', REASON], ['--lang', 'en']]) {
      expect(score(out, SAMPLE, ...extra).code, extra.join(' ')).toBe(2);
    }
    expect(publish(out).code).toBe(2);
    expect(differences(before, snapshot(out))).toEqual([]);
  });

  it('reopened with a reason: a reopen line, then a score line listing exactly the units whose score changed; the manifest gone; publishable again', () => {
    const before = new Map(unitsOf(out).map((u) => [u.id, u]));
    const evidence = changedEvidence();
    const r = score(out, evidence, '--reopen', '--reason', REASON);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(out, MANIFEST_FILE))).toBe(false);
    const log = logOf(out);
    expect(log.map((e) => e.command)).toEqual(['score', 'score', 'publish', 'reopen', 'score']);
    const [reopen, scored] = log.slice(3) as [LogEntry, LogEntry];
    expect(reopen.reason).toBe(REASON);
    expect(reopen.args).toEqual(['score', '--evidence', evidence, '--out', out, '--reopen', '--reason', REASON]);
    expect(Date.parse(reopen.time)).toBeLessThanOrEqual(Date.parse(scored.time));
    expect(scored.inputs!.map((i) => i.file)).toContain(join(evidence, 'district-branches.yaml'));
    expect(scored.outputs).toEqual(outputsOf(out));
    // Cầu Kè's bonus T.1: −1.2 % → 0 points, 10 % → 2 (rules/district-branches.yaml), so 73.37 → 75.37.
    // The branches' mean: 583.29 / 8 = 72.91 → 585.29 / 8 = 73.16; each direct department's bonus
    // T.1 is 5 × (mean − 50) / 50: 2.29 → 2.32. No other bloc reads the branches.
    expect(scored.changed).toEqual([...DIRECT, 'DL-CAUKE'].sort());
    const after = new Map(unitsOf(out).map((u) => [u.id, u]));
    expect([before.get('DL-CAUKE')!.score, after.get('DL-CAUKE')!.score]).toEqual([73.37, 75.37]);
    for (const id of DIRECT) {
      const t1 = (m: typeof before) => m.get(id)!.criteria.find((c) => c.id === 'T.1')!.points;
      expect([t1(before), t1(after)], id).toEqual([2.29, 2.32]);
      expect(Math.round((after.get(id)!.score - before.get(id)!.score) * 100), id).toBe(3);
    }
    for (const [id, u] of after) if (!scored.changed!.includes(id)) expect(u.score, id).toBe(before.get(id)!.score);

    expect(publish(out).code).toBe(0);
    const again = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(again.outputs).toEqual(outputsOf(out));
    expect(again.inputs).toEqual(scored.inputs);
    expect(commandsOf(out).at(-1)).toBe('publish');
  });

  it('the next quarter reads the published one: its results.json is an input of the score line; the folder stays as published', () => {
    const before = snapshot(out);
    const next = join(out, '..', '2019-Q2');
    const r = cchc(['score', '--evidence', join('samples', '2019-Q2'), '--out', next]);
    expect(r.code).toBe(0);
    const line = logOf(next)[0]!;
    const previous = join(next, '..', '2019-Q1', 'results.json');
    expect(line.inputs!.at(-1)).toEqual({ file: previous, sha256: sha256(previous) });
    // The rules, the four evidence files, the sample appraisal beside them, the previous quarter.
    expect(line.inputs!.map((i) => i.file)).toContain(join('samples', 'appraisal', '2019-Q2.yaml'));
    expect(line.inputs).toHaveLength(RULE_FILES.length + 4 + 1 + 1);
    expect(differences(before, snapshot(out))).toEqual([]);
  });
});

describe('publish refuses', SLOW, () => {
  /** A folder scored from the sample quarter, and its log as it was. */
  let seed = '';
  beforeAll(() => {
    seed = join(temp(), '2019-Q1');
    expect(score(seed).code).toBe(0);
  }, 30_000);

  function scored(): string {
    const dir = join(temp(), '2019-Q1');
    cpSync(seed, dir, { recursive: true });
    return dir;
  }

  /** Publish refused with exit 1: the codes at their places; nothing written. */
  function refused(dir: string, quarter = '2019-Q1'): string[] {
    const before = snapshot(dir);
    const r = cchc(['publish', '--quarter', quarter, '--out', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(differences(before, snapshot(dir))).toEqual([]);
    return codesIn(r.stderr, dir);
  }

  it('a folder without results.json, one of another quarter, one that is not ours', () => {
    const empty = join(temp(), '2019-Q1');
    expect(refused(empty)).toEqual(['results.json:1:1 PUBLISH_NO_RESULTS']);
    mkdirSync(empty);
    expect(refused(empty)).toEqual(['results.json:1:1 PUBLISH_NO_RESULTS']);
    expect(refused(scored(), '2019-Q2')).toEqual(['results.json:1:1 PUBLISH_NOT_RESULTS']);
    const other = scored();
    writeFileSync(join(other, 'results.json'), '{ "quarter": "2019-Q1", "budget": 12 }\n');
    expect(refused(other)).toEqual(['results.json:1:1 PUBLISH_NOT_RESULTS', 'results.json:1:1 PUBLISH_OUTPUT_CHANGED']);
  });

  it('outputs edited or removed after scoring, each named; once scored again, publishable', () => {
    const dir = scored();
    appendFileSync(join(dir, 'units', 'KD.xlsx'), 'x');
    rmSync(join(dir, 'units', 'VP.xlsx'));
    expect(refused(dir)).toEqual(['units/KD.xlsx:1:1 PUBLISH_OUTPUT_CHANGED', 'units/VP.xlsx:1:1 PUBLISH_OUTPUT_CHANGED']);
    // A file the score did not write (a form kept there) is locked as it is.
    writeFileSync(join(dir, 'note.txt'), 'biên bản họp');
    expect(score(dir).code).toBe(0);
    expect(publish(dir).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.outputs.map((o) => o.file)).toContain('note.txt');
    expect(manifest.outputs).toEqual(outputsOf(dir));
  });

  it('a folder scored without a log, or with a broken line in it', () => {
    const unlogged = scored();
    rmSync(join(unlogged, LOG_FILE));
    expect(refused(unlogged)).toEqual(['results.json:1:1 PUBLISH_NOT_SCORED']);
    const broken = scored();
    const text = readFileSync(join(broken, LOG_FILE), 'utf8');
    writeFileSync(join(broken, LOG_FILE), `{"edited": "by hand"}\n${text}`);
    expect(refused(broken)).toEqual([`${LOG_FILE}:1:1 PUBLISH_LOG_LINE`]);
  });

  it('a provisional quarter is refused until the committee settles it; the manifest keeps the stage', () => {
    const dir = join(temp(), '2019-Q2');
    const appraisal = join(temp(), 'appraisal.yaml');
    // DL-TRACU is asked to explain I.1 and has not been decided: provisional.
    writeFileSync(appraisal, 'quarter: 2019-Q2\nunits:\n  DL-TRACU:\n    explain: [I.1]\n');
    expect(cchc(['score', '--evidence', join('samples', '2019-Q2'), '--appraisal', appraisal, '--out', dir, '--no-previous']).code).toBe(0);
    const text = readFileSync(join(dir, 'results.json'), 'utf8');
    expect(refused(dir, '2019-Q2')).toEqual([`results.json:${positionOf(text, '"stage"')} PUBLISH_PROVISIONAL`]);
    writeFileSync(appraisal, 'quarter: 2019-Q2\nsettled: true\nunits:\n  DL-TRACU:\n    explain: [I.1]\n    explanations:\n      I.1: { decision: rejected, reason: "Đơn vị không giải trình trong thời hạn" }\n');
    expect(cchc(['score', '--evidence', join('samples', '2019-Q2'), '--appraisal', appraisal, '--out', dir, '--no-previous']).code).toBe(0);
    expect(cchc(['publish', '--quarter', '2019-Q2', '--out', dir]).code).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest).stage).toBe('final');
  });

  it('a last line cut short is ignored, and cut off by the next line appended', () => {
    const dir = scored();
    const whole = readFileSync(join(dir, LOG_FILE), 'utf8');
    appendFileSync(join(dir, LOG_FILE), '{"time":"2019-04-05T02:14:09.118Z","user":"tc');
    expect(publish(dir).code).toBe(0);
    const text = readFileSync(join(dir, LOG_FILE), 'utf8');
    expect(text.startsWith(whole)).toBe(true);
    expect(text.slice(whole.length)).toMatch(/^\{"time":"[^\n]*"command":"publish"[^\n]*\}\n$/);
  });
});

describe('--watch logs each run that completes', SLOW, () => {
  it('two runs, two score lines; the second lists the units changed and every output, also the scorecards it left in place', async () => {
    const evidence = join(temp(), 'evidence');
    cpSync(join(ROOT, SAMPLE), evidence, { recursive: true });
    const out = join(temp(), '2019-Q1');
    const child = spawn(process.execPath, [CLI, 'score', '--watch', '--evidence', evidence, '--out', out, '--lang', 'en'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const until = async (pattern: RegExp) => {
      for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (pattern.test(output)) return;
      throw new Error(`timed out waiting for ${pattern}:\n${output}`);
    };
    try {
      await until(/first run — done/);
      const file = join(evidence, 'district-branches.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('internal_saving_above_plan: { value: -1.2,', 'internal_saving_above_plan: { value: 10,'));
      await until(/changed: .*district-branches\.yaml — done/);
    } finally {
      child.kill();
    }
    const log = logOf(out);
    expect(log.map((e) => e.command)).toEqual(['score', 'score']);
    expect(log[1]!.changed).toEqual([...DIRECT, 'DL-CAUKE'].sort());
    expect(log[1]!.outputs).toEqual(outputsOf(out));
    expect(publish(out).code).toBe(0);
  });
});

describe('a run killed mid-way: never half a log line, never half a manifest', SLOW, () => {
  /** A published folder: two lines (score, publish) and the manifest. */
  let published = '';
  let manifestBytes: Buffer;
  let evidence = '';
  let scoreMs = 0;
  let publishMs = 0;
  const landed: string[] = [];

  beforeAll(() => {
    published = join(temp(), '2019-Q1');
    let started = performance.now();
    expect(score(published).code).toBe(0);
    scoreMs = performance.now() - started;
    started = performance.now();
    expect(publish(published).code).toBe(0);
    publishMs = performance.now() - started;
    manifestBytes = readFileSync(join(published, MANIFEST_FILE));
    evidence = changedEvidence();
  }, 30_000);

  /** A copy of `from`, named as its quarter. */
  function copyOf(from: string): string {
    const dir = join(temp(), '2019-Q1');
    cpSync(from, dir, { recursive: true });
    return dir;
  }

  /** Runs `args` in a copy of `from` killed at `trigger`, up to 4 times until the kill lands when `land` is set. */
  async function killed(from: string, args: (dir: string) => string[], trigger: (dir: string) => KillTrigger, land: boolean): Promise<{ dir: string; run: KilledRun }> {
    let attempt = 0;
    for (;;) {
      const dir = copyOf(from);
      const run = await runAndKill(args(dir), trigger(dir));
      if (!land || run.signal === 'SIGKILL' || ++attempt >= 4) {
        if (land) expect(run.signal, 'the run ended before the kill, 4 times').toBe('SIGKILL');
        return { dir, run };
      }
    }
  }

  /** The manifest, when there is one, is whole: valid, of this quarter, naming files that are there. */
  function manifestIn(dir: string): Manifest | undefined {
    const file = join(dir, MANIFEST_FILE);
    if (!existsSync(file)) return undefined;
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    expect(m.quarter).toBe('2019-Q1');
    expect(m.outputs.length).toBeGreaterThan(2);
    return m;
  }

  const size = (file: string) => () => (existsSync(file) ? statSync(file).size : 0);
  const changedFrom = (read: () => number) => {
    const before = read();
    return () => read() !== before;
  };
  const hasTemp = (dir: string) => () => readdirSync(dir).some((n) => TEMP_NAME.test(n));

  const scorePoints: { point: string; trigger: (dir: string) => KillTrigger; land?: boolean }[] = [
    ...[0.5, 0.9, 1].map((f) => ({ point: `${Math.round(f * 100)}% of a run`, trigger: () => ({ afterMs: f * scoreMs }) })),
    { point: 'first temporary file', trigger: (dir) => ({ watch: [dir], now: hasTemp(dir) }), land: true },
    { point: 'the reopen line', trigger: (dir) => ({ watch: [dir], now: changedFrom(size(join(dir, LOG_FILE))) }), land: true },
    { point: 'the manifest removed', trigger: (dir) => ({ watch: [dir], now: () => !existsSync(join(dir, MANIFEST_FILE)) }), land: true },
  ];

  it.each(scorePoints)('score --reopen killed at $point: whole lines, the manifest as it was or gone (and then after its reopen line); the run again succeeds', async ({ point, trigger, land }) => {
    const args = (dir: string) => ['score', '--evidence', evidence, '--out', dir, '--reopen', '--reason', REASON];
    const { dir, run } = await killed(published, args, trigger, land ?? false);
    const commands = commandsOf(dir);
    expect(commands.slice(0, 2)).toEqual(['score', 'publish']);
    expect([['score', 'publish'], ['score', 'publish', 'reopen'], ['score', 'publish', 'reopen', 'score']]).toContainEqual(commands);
    const manifest = manifestIn(dir);
    if (manifest) expect(readFileSync(join(dir, MANIFEST_FILE)).equals(manifestBytes)).toBe(true);
    else expect(commands).toContain('reopen');
    if (commands.length === 4) expect(manifest).toBeUndefined();
    landed.push(`score   ${point.padEnd(22)} ${run.signal ?? 'ended'}  ${commands.join(',')}${manifest ? ' +manifest' : ''}`);

    const again = cchc(args(dir));
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(commandsOf(dir).at(-1)).toBe('score');
    expect(manifestIn(dir)).toBeUndefined();
  });

  const publishPoints: { point: string; trigger: (dir: string) => KillTrigger }[] = [
    ...[0.7, 0.95].map((f) => ({ point: `${Math.round(f * 100)}% of a run`, trigger: () => ({ afterMs: f * publishMs }) })),
    { point: 'the publish line', trigger: (dir) => ({ watch: [dir], now: changedFrom(size(join(dir, LOG_FILE))) }) },
    { point: 'the temporary manifest', trigger: (dir) => ({ watch: [dir], now: hasTemp(dir) }) },
    { point: 'the manifest in place', trigger: (dir) => ({ watch: [dir], now: () => existsSync(join(dir, MANIFEST_FILE)) }) },
  ];

  it.each(publishPoints)('publish killed at $point: whole lines; no manifest, or a whole one after its publish line', async ({ point, trigger }) => {
    // The published folder as it was before publishing: its outputs and its score line.
    const scored = copyOf(published);
    rmSync(join(scored, MANIFEST_FILE));
    writeFileSync(join(scored, LOG_FILE), `${readFileSync(join(scored, LOG_FILE), 'utf8').split('\n')[0]}\n`);
    const { dir, run } = await killed(scored, (d) => ['publish', '--quarter', '2019-Q1', '--out', d], trigger, false);
    const commands = commandsOf(dir);
    expect([['score'], ['score', 'publish']]).toContainEqual(commands);
    const manifest = manifestIn(dir);
    if (manifest) {
      expect(commands).toEqual(['score', 'publish']);
      expect(manifest.outputs).toEqual(outputsOf(dir));
      expect(manifest.publishedAt).toBe(logOf(dir)[1]!.time);
    }
    landed.push(`publish ${point.padEnd(22)} ${run.signal ?? 'ended'}  ${commands.join(',')}${manifest ? ' +manifest' : ''}`);
    const again = publish(dir);
    expect(again.code).toBe(manifest ? 2 : 0);
    expect(manifestIn(dir)!.outputs).toEqual(outputsOf(dir));
  });

  it('had kills land', () => {
    console.info(`kill points (score ${Math.round(scoreMs)} ms, publish ${Math.round(publishMs)} ms):\n  ${landed.join('\n  ')}`);
    expect(landed).toHaveLength(scorePoints.length + publishPoints.length);
    expect(landed.filter((l) => l.includes('SIGKILL')).length).toBeGreaterThanOrEqual(3);
  });
});
