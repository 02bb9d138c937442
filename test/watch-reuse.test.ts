// `score --watch` reuses what has not changed between its runs (the checked rules, scorecards
// and letters whose input is the same): the outputs must be exactly those of a fresh run, and
// only the scorecards and letters whose content changes are written again.
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreCommand, type ScoreOptions } from '../src/cli/score.js';
import { ROOT } from './helpers/cli.js';
import { filesUnder, sameEntries, workbookEntries } from './helpers/folder.js';
import { tempDirs } from './helpers/temp.js';

const tempDir = tempDirs('reuse');

const quiet = { out: () => undefined, err: () => undefined, tty: false };
const changeTime = (file: string) => statSync(file, { bigint: true }).mtimeNs;

/** The outputs of two folders are the same: results.json and the Word documents by bytes, every workbook part by part. */
async function expectSameOutputs(a: string, b: string): Promise<void> {
  expect(filesUnder(a)).toEqual(filesUnder(b));
  expect(readFileSync(join(a, 'results.json'), 'utf8')).toBe(readFileSync(join(b, 'results.json'), 'utf8'));
  for (const f of filesUnder(a).filter((f) => f.endsWith('.xlsx'))) {
    expect(sameEntries(await workbookEntries(join(a, f)), await workbookEntries(join(b, f))), f).toBe(true);
  }
  for (const f of filesUnder(a).filter((f) => f.endsWith('.docx'))) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
}

describe('score --watch reuses what has not changed', { timeout: 60_000 }, () => {
  it('after an edit: the same outputs as a fresh run; only the scorecards and letters that change are written again', async () => {
    const dir = tempDir();
    const evidence = join(dir, 'evidence');
    const rules = join(dir, 'rules');
    cpSync(join(ROOT, 'samples', '2019-Q1'), evidence, { recursive: true });
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const opts: ScoreOptions = { rules, evidence, out: join(dir, 'out'), previous: false, missing: 'error', lang: 'vi', workers: 1 };
    const reuse = { rules: {}, scorecards: new Map<string, string>() };
    expect(await scoreCommand({ ...opts, reuse }, quiet)).toBe(0);
    const units = join(dir, 'out', 'units');
    const letters = join(dir, 'out', 'letters');
    const before = new Map(filesUnder(units).map((f) => [f, changeTime(join(units, f))]));
    const lettersBefore = new Map(filesUnder(letters).map((f) => [f, changeTime(join(letters, f))]));

    // The high-voltage team is a bloc of its own, and no other bloc reads its scores.
    const file = join(evidence, 'high-voltage-team.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('late_reports: { value: 0,', 'late_reports: { value: 2,'));
    expect(await scoreCommand({ ...opts, reuse }, quiet)).toBe(0);
    const rewritten = filesUnder(units).filter((f) => changeTime(join(units, f)) !== before.get(f));
    expect(rewritten).toEqual(['QLVH-CT.xlsx']);
    expect(filesUnder(letters).filter((f) => changeTime(join(letters, f)) !== lettersBefore.get(f))).toEqual(['QLVH-CT.docx']);
    const fresh = join(tempDir(), 'out');
    expect(await scoreCommand({ ...opts, out: fresh }, quiet)).toBe(0);
    await expectSameOutputs(join(dir, 'out'), fresh);

    // A scorecard or letter removed or edited by hand since is written again, and only they.
    const kept = new Map([...filesUnder(units).map((f) => [join(units, f), changeTime(join(units, f))] as const), ...filesUnder(letters).map((f) => [join(letters, f), changeTime(join(letters, f))] as const)]);
    rmSync(join(units, 'VP.xlsx'));
    rmSync(join(letters, 'DL-CAUKE.docx'));
    writeFileSync(join(units, 'KD.xlsx'), 'edited');
    writeFileSync(join(letters, 'KD.docx'), 'edited');
    const edited = new Map([join(units, 'KD.xlsx'), join(letters, 'KD.docx')].map((f) => [f, changeTime(f)]));
    expect(await scoreCommand({ ...opts, reuse }, quiet)).toBe(0);
    const again = [...kept.keys()].filter((f) => changeTime(f) !== (edited.get(f) ?? kept.get(f)));
    expect(again.sort()).toEqual([join(letters, 'DL-CAUKE.docx'), join(letters, 'KD.docx'), join(units, 'KD.xlsx'), join(units, 'VP.xlsx')].sort());
    await expectSameOutputs(join(dir, 'out'), fresh);

    // An edit of the rules is seen.
    const scheme = join(rules, 'scheme.yaml');
    writeFileSync(scheme, readFileSync(scheme, 'utf8').replace('{ min: 80, label: "Tốt" }', '{ min: 85, label: "Tốt" }'));
    expect(await scoreCommand({ ...opts, reuse }, quiet)).toBe(0);
    const fresh2 = join(tempDir(), 'out');
    expect(await scoreCommand({ ...opts, out: fresh2 }, quiet)).toBe(0);
    await expectSameOutputs(join(dir, 'out'), fresh2);
    expect(readFileSync(join(dir, 'out', 'results.json'), 'utf8')).not.toBe(readFileSync(join(fresh, 'results.json'), 'utf8'));
  });
});
