// `cchc score` options for the workbooks: --previous, --date, --lang, and names made safe.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results } from '../src/model/results.js';
import { CLI, cchc, positionOf } from './helpers/cli.js';
import { BASE_RULES, FIXTURES, rulesFolder } from './helpers/fixtures.js';
import { normalisedView, readWorkbook, textCells } from './helpers/workbook.js';
import { tempDirs } from './helpers/temp.js';

const EVIDENCE = join(FIXTURES, 'evidence', 'base-2019-Q1.yaml');
const tempDir = tempDirs('report-cli');

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** Scores the base fixture into `<root>/2019-Q1` and returns its results. */
function scoreBase(root: string, ...extra: string[]): { r: ReturnType<typeof cchc>; out: string } {
  const out = join(root, '2019-Q1');
  return { r: cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', out, ...extra]), out };
}

/** A previous quarter made from the base results: edited, then written to `<root>/2018-Q4/results.json`. */
function previousOf(root: string, edit: (r: Results) => void): string {
  const { r, out } = scoreBase(join(root, 'seed'));
  expect(r.code).toBe(0);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
  results.quarter = '2018-Q4';
  edit(results);
  mkdirSync(join(root, '2018-Q4'), { recursive: true });
  const file = join(root, '2018-Q4', 'results.json');
  writeFileSync(file, JSON.stringify(results, null, 2));
  return file;
}

describe('the previous quarter', () => {
  it('is found under the same out root and compared: a unit not there is "mới"', async () => {
    const root = tempDir();
    previousOf(root, (p) => {
      const branches = p.blocs.find((b) => b.id === 'branches')!;
      branches.units = branches.units.filter((u) => u.id !== 'DL-B');
    });
    const { r, out } = scoreBase(root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('so sánh với 2018-Q4');
    const ws = (await readWorkbook(join(out, 'ranking.xlsx'))).getWorksheet('Khối các Điện lực')!;
    const texts = [...textCells(ws).values()];
    expect(texts).toContain('Thay đổi hạng');
    expect(texts).toContain('mới');
    expect(texts).toContain('=');
    const card = (await readWorkbook(join(out, 'units', 'DL-B.xlsx'))).worksheets[0]!;
    expect([...textCells(card).values()]).toContain('Chưa có kết quả quý IV/2018 của đơn vị.');
  });

  it('scored with other rules: a warning at the digest, and a note on the sheets', async () => {
    const root = tempDir();
    const file = previousOf(root, (p) => {
      p.rulesDigest = `sha256:${'0'.repeat(64)}`;
    });
    const { r, out } = scoreBase(root, '--lang', 'en');
    expect(r.code).toBe(0);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"rulesDigest"')) + 1;
    expect(r.stderr).toContain(`${file}:${line}:18 warning PREVIOUS_OTHER_RULES `);
    const ws = (await readWorkbook(join(out, 'ranking.xlsx'))).worksheets[0]!;
    expect([...textCells(ws).values()]).toContain('Note: Q4 2018 was scored with different criteria; compare the two quarters with care.');
  });

  it('given with --previous for a later quarter: a warning', () => {
    const root = tempDir();
    const file = previousOf(root, (p) => {
      p.quarter = '2019-Q3';
    });
    const { r } = scoreBase(root, '--previous', file, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning PREVIOUS_NOT_EARLIER results for 2019-Q3 are not from a quarter before 2019-Q1/);
  });

  it('broken: every problem at its place, exit 1, nothing written', () => {
    const root = tempDir();
    const file = join(root, 'old.json');
    const text = '{\n  "scheme": "x",\n  "quarter": "2018-Q4",\n  "blocs": 3\n}\n';
    writeFileSync(file, text);
    const { r, out } = scoreBase(root, '--previous', file, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:1:1 error SCHEMA_MISSING_KEY `);
    expect(r.stderr).toContain(`${file}:${positionOf(text, '3\n')} error SCHEMA_TYPE `);
    expect(existsSync(out)).toBe(false);
  });

  it('the same unit twice: refused at the second, exit 1, nothing written', () => {
    const root = tempDir();
    const file = previousOf(root, (p) => {
      const bloc = p.blocs[0]!;
      bloc.units.push({ ...bloc.units[0]! });
    });
    const text = readFileSync(file, 'utf8');
    const id = JSON.parse(text).blocs[0].units[0].id as string;
    const second = text.indexOf(`"id": "${id}"`, text.indexOf(`"id": "${id}"`) + 1);
    const before = text.slice(0, second).split('\n');
    const { r, out } = scoreBase(join(root, 'q'), '--previous', file, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:${before.length}:${before.at(-1)!.length + 7} error PREVIOUS_UNIT_TWICE unit "${id}" appears twice in these results; first at ${file}:`);
    expect(existsSync(out)).toBe(false);
  });

  it('found under the out root but broken: shown as warnings, left out, the quarter still scored', () => {
    const root = tempDir();
    mkdirSync(join(root, '2018-Q4'));
    const file = join(root, '2018-Q4', 'results.json');
    writeFileSync(file, '{ "scheme": "x" }\n');
    const { r, out } = scoreBase(root, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${file}:1:1 warning SCHEMA_MISSING_KEY `);
    expect(r.stderr).toContain(`no comparison with the previous quarter (${file} cannot be used`);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  });

  it('--no-previous leaves the comparison out', async () => {
    const root = tempDir();
    previousOf(root, () => undefined);
    const { r, out } = scoreBase(root, '--no-previous');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('so sánh với');
    const ws = (await readWorkbook(join(out, 'ranking.xlsx'))).worksheets[0]!;
    expect([...textCells(ws).values()]).not.toContain('Thay đổi hạng');
  });

  it.each([
    [1e308, 'YAML_NUMBER'],
    [1e15, 'SCHEMA_RANGE'],
  ])('an impossible previous score (%s) is refused (%s), not written as NaN', (score, code) => {
    const root = tempDir();
    const file = previousOf(root, (p) => {
      p.blocs[0]!.units[0]!.score = score;
    });
    const { r, out } = scoreBase(root, '--previous', file, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`error ${code} `));
    expect(existsSync(out)).toBe(false);
  });

  it('named but absent is wrong usage (exit 2)', () => {
    const root = tempDir();
    const { r, out } = scoreBase(root, '--previous', join(root, 'nothing.json'));
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--date and --lang', () => {
  it('refuses a date that is not a day of the calendar', () => {
    for (const date of ['2019-02-30', '5/4/2019', '2019-4-5']) {
      const { r, out } = scoreBase(tempDir(), '--date', date);
      expect(r.code, date).toBe(2);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('writes the date line as Decree 30 has it: leading zero for days below 10 and for January and February', async () => {
    const { r, out } = scoreBase(tempDir(), '--date', '2019-02-05');
    expect(r.code).toBe(0);
    const wb = await readWorkbook(join(out, 'ranking.xlsx'));
    expect([...textCells(wb.worksheets[0]!).values()]).toContain('Trà Vinh, ngày 05 tháng 02 năm 2019');
    expect(wb.created.toISOString()).toBe('2019-02-05T00:00:00.000Z');
  });

  it('speaks English with --lang en', async () => {
    const { r, out } = scoreBase(tempDir(), '--lang', 'en', '--date', '2019-04-05');
    expect(r.code).toBe(0);
    const wb = await readWorkbook(join(out, 'ranking.xlsx'));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Khối các phòng', 'Khối các Điện lực', 'Details']);
    const texts = [...textCells(wb.worksheets[0]!).values()];
    expect(texts).toEqual(expect.arrayContaining(['SOCIALIST REPUBLIC OF VIETNAM', 'No.', 'Unit', 'Score', 'Rank', 'Grade', 'Trà Vinh, 5 April 2019', 'PREPARED BY']));
    const card = (await readWorkbook(join(out, 'units', 'VP.xlsx'))).worksheets[0]!;
    expect(card.name).toBe('Scorecard');
    expect([...textCells(card).values()]).toEqual(expect.arrayContaining(['SCORE', 'Rank in the bloc', 'Evidence document']));
  });

  it('the same inputs give workbooks with the same content', async () => {
    const a = scoreBase(tempDir(), '--date', '2019-04-05');
    const b = scoreBase(tempDir(), '--date', '2019-04-05');
    for (const file of ['ranking.xlsx', join('units', 'DL-A.xlsx')]) {
      expect(await normalisedView(join(a.out, file))).toEqual(await normalisedView(join(b.out, file)));
    }
  });

  it('shows no progress bar on a pipe', () => {
    const { r } = scoreBase(tempDir());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  // util-linux `script` gives the CLI a terminal; it is part of every Debian system.
  it.skipIf(spawnSync('script', ['--version']).error !== undefined)('shows a progress bar on a terminal, and clears it', () => {
    const root = tempDir();
    const log = join(root, 'terminal.log');
    const command = [process.execPath, CLI, 'score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', join(root, 'out'), '>', '/dev/null'].map((a) => (a === '>' ? a : `'${a}'`)).join(' ');
    const r = spawnSync('script', ['-qec', command, log], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const screen = readFileSync(log, 'utf8');
    expect(screen).toContain('Bảng điểm và thông báo [');
    // Four scorecards and four letters.
    expect(screen).toContain('] 8/8');
    expect(screen).toContain('\r\x1b[K');
  });
});

describe('names made safe', () => {
  it('sheet names from long bloc names with forbidden characters; file names from ids such as CON; nothing outside --out', async () => {
    const hostile = "Khối các Điện lực: Cà Mau/Bạc Liêu [thử nghiệm] 'mở rộng' *?";
    const units = readFileSync(join(BASE_RULES, 'units.yaml'), 'utf8').replace('id: VP,', 'id: CON,').replace('id: KD,', 'id: nul.txt,').replace('id: DL-B,', 'id: dl-a,');
    const rename = (text: string) => text.replace(/^ {2}VP:/m, '  CON:').replace(/^ {2}KD:/m, '  nul.txt:').replace(/^ {2}DL-B:/m, '  dl-a:');
    const { dir, cleanup } = rulesFolder(undefined, {
      'units.yaml': units,
      'branches.yaml': readFileSync(join(BASE_RULES, 'branches.yaml'), 'utf8').replace('name: Khối các Điện lực', `name: "${hostile}"`),
      'departments.yaml': readFileSync(join(BASE_RULES, 'departments.yaml'), 'utf8').replace(/^name: .*$/m, `name: "${hostile}"`),
    });
    try {
      const root = tempDir();
      const evidence = join(root, 'evidence.yaml');
      writeFileSync(evidence, rename(readFileSync(EVIDENCE, 'utf8')));
      const out = join(root, 'out', 'q');
      const r = cchc(['score', '--rules', dir, '--evidence', evidence, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // Everything the run wrote is inside --out.
      const all = filesUnder(root).map((f) => join(root, f));
      expect(all.filter((f) => f !== evidence).every((f) => !relative(out, f).startsWith('..') && relative(out, f).split(sep)[0] !== '')).toBe(true);
      const unitsWritten = readdirSync(join(out, 'units')).sort();
      expect(unitsWritten).toHaveLength(4);
      expect(unitsWritten).toEqual(expect.arrayContaining(['_CON.xlsx', '_nul.txt.xlsx', 'DL-A.xlsx']));
      expect(unitsWritten.filter((f) => /^dl-a(~2)?\.xlsx$/i.test(f))).toHaveLength(2);
      expect(new Set(unitsWritten.map((f) => f.toLowerCase())).size).toBe(4);
      // Each unit's letter is named as its scorecard is.
      expect(readdirSync(join(out, 'letters')).sort()).toEqual(unitsWritten.map((f) => f.replace(/\.xlsx$/, '.docx')));
      const names = (await readWorkbook(join(out, 'ranking.xlsx'))).worksheets.map((ws) => ws.name);
      expect(names).toHaveLength(3);
      for (const n of names) {
        expect(n.length, n).toBeLessThanOrEqual(31);
        expect(n, n).not.toMatch(/[*?:/\\[\]']/);
      }
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(3);
      expect(names[2]).toBe('Chi tiết');
    } finally {
      cleanup();
    }
  });
});

describe('scorecards of units no longer scored', () => {
  it('are removed when the results they came from are replaced; other files of units/ are kept', () => {
    const root = tempDir();
    const { r, out } = scoreBase(root);
    expect(r.code).toBe(0);
    writeFileSync(join(out, 'units', 'VP - đã ký.xlsx'), 'signed copy');
    // KD leaves the rules: its scorecard goes, the signed copy stays.
    const units = readFileSync(join(BASE_RULES, 'units.yaml'), 'utf8').replace(/^.*id: KD,.*\n/m, '');
    const evidence = join(root, 'evidence.yaml');
    writeFileSync(evidence, readFileSync(EVIDENCE, 'utf8').replace(/^ {2}KD:\n(?: {4}.*\n)+/m, ''));
    const { dir, cleanup } = rulesFolder(undefined, { 'units.yaml': units });
    try {
      const again = cchc(['score', '--rules', dir, '--evidence', evidence, '--out', out]);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(readdirSync(join(out, 'units')).sort()).toEqual(['DL-A.xlsx', 'DL-B.xlsx', 'VP - đã ký.xlsx', 'VP.xlsx']);
    } finally {
      cleanup();
    }
  });
});

describe('a failed write', () => {
  it('names the file, exits 1, leaves the previous outputs as they were and no temporary file', () => {
    const root = tempDir();
    const { r, out } = scoreBase(root, '--date', '2019-04-05');
    expect(r.code).toBe(0);
    const before = new Map(filesUnder(out).map((f) => [f, readFileSync(join(out, f))]));
    // A folder where a scorecard must go: it cannot be replaced by a file.
    rmSync(join(out, 'units', 'KD.xlsx'));
    mkdirSync(join(out, 'units', 'KD.xlsx'));
    writeFileSync(join(out, 'units', 'KD.xlsx', 'keep'), '');
    const again = cchc(['score', '--rules', BASE_RULES, '--evidence', EVIDENCE, '--out', out, '--date', '2019-04-06']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^cchc: không ghi được .*KD\\.xlsx: E[A-Z]+`));
    before.delete(join('units', 'KD.xlsx'));
    for (const [f, bytes] of before) expect(readFileSync(join(out, f)).equals(bytes), f).toBe(true);
    expect(filesUnder(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('unit scorecards on worker threads', () => {
  it('give the same results.json, the same workbooks and the same letters for any number of workers', async () => {
    const runs = [1, 2, 3].map((w) => {
      const { r, out } = scoreBase(tempDir(), '--date', '2019-04-05', '--workers', String(w));
      expect(r.code, r.stderr).toBe(0);
      return out;
    });
    const first = readFileSync(join(runs[0]!, 'results.json'));
    for (const out of runs.slice(1)) {
      expect(readFileSync(join(out, 'results.json')).equals(first)).toBe(true);
      for (const f of readdirSync(join(runs[0]!, 'units'))) {
        expect(await normalisedView(join(out, 'units', f))).toEqual(await normalisedView(join(runs[0]!, 'units', f)));
      }
      for (const f of readdirSync(join(runs[0]!, 'letters'))) {
        expect(readFileSync(join(out, 'letters', f)).equals(readFileSync(join(runs[0]!, 'letters', f))), f).toBe(true);
      }
    }
  }, 30_000);

  it('refuses a number of workers that is not a whole number ≥ 1', () => {
    expect(scoreBase(tempDir(), '--workers', '0').r.code).toBe(2);
  });
});
