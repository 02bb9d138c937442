// Hostile and damaged input, one case each (issue: bad input, faults and security). Each case
// replaces the high-voltage team's evidence in a copy of samples/2019-Q1 and runs the built
// CLI: exit 1 with each expected code at its place, no stack trace, and nothing written; or,
// for input that only looks odd (a BOM, CRLF, -0, NFD accents, a hidden scratch sheet), the
// same results.json, byte for byte, as the samples give. Positions are found in the fixture
// text (positionOf), not counted by hand.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../src/load/yaml-file.js';
import { CLI, cchc, positionOf, ROOT } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';
import { readZip, writeZip } from './helpers/zip.js';
import { tempDirs } from './helpers/temp.js';

const SAMPLES = join(ROOT, 'samples', '2019-Q1');
const HV = 'high-voltage-team.yaml';
const HV_TEXT = readFileSync(join(SAMPLES, HV), 'utf8');
const HV_UNIT = 'QLVH-CT';

const tempDir = tempDirs('adversarial');

/** The sample quarter with the high-voltage team's file replaced by `files` (name → content). */
function quarterWith(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  cpSync(SAMPLES, dir, { recursive: true });
  rmSync(join(dir, HV));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The sample text of the high-voltage team with `from` replaced by `to` (which must be there). */
function hvWith(from: string, to: string): string {
  if (!HV_TEXT.includes(from)) throw new Error(`not in the sample: ${from}`);
  return HV_TEXT.replace(from, to);
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `file:line:col CODE` of every diagnostic printed, paths relative to the evidence folder. */
function diagnosticsOf(stderr: string, dir: string): string[] {
  return stderr
    .split('\n')
    .map((l) => /^(\S+?(?::\d+:\d+|![^!]+![A-Z]+\d+)) (?:error|warning) ([A-Z_]+) /.exec(l))
    .filter((m) => m !== null)
    .map((m) => `${m![1]!.replace(`${dir}/`, '')} ${m![2]}`);
}

/** The rules/units.yaml line of the high-voltage team, reported when its evidence is refused. */
const HV_MISSING = `${join('rules', 'units.yaml')}:${positionOf(readFileSync(join(ROOT, 'rules', 'units.yaml'), 'utf8'), `id: ${HV_UNIT}`).replace(/:\d+$/, ':11')} EVIDENCE_UNIT_MISSING`;

/** Scores `dir` and expects exit 1, exactly `expected` among the diagnostics, no stack trace, and no output folder. */
async function expectRefused(dir: string, expected: string[]): Promise<void> {
  const out = join(dir, 'out');
  const r = await run(['score', '--evidence', dir, '--out', out, '--no-previous', '--lang', 'en']);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  expect(diagnosticsOf(r.stderr, dir)).toEqual(expected);
  expect(r.code).toBe(1);
  expect(existsSync(out)).toBe(false);
}

let sampleResults: string;
beforeAll(() => {
  const out = join(tempDir(), 'out');
  const r = cchc(['score', '--evidence', SAMPLES, '--out', out, '--no-previous', '--lang', 'en']);
  expect(r.code).toBe(0);
  sampleResults = readFileSync(join(out, 'results.json'), 'utf8');
});

/** Scores `dir` and expects success with the samples' results.json, byte for byte. */
async function expectSameAsSamples(dir: string, warnings: string[] = []): Promise<void> {
  const out = join(dir, 'out');
  const r = await run(['score', '--evidence', dir, '--out', out, '--no-previous', '--lang', 'en']);
  expect(diagnosticsOf(r.stderr, dir)).toEqual(warnings);
  expect(r.code).toBe(0);
  expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(sampleResults);
}

describe('YAML', { timeout: 60_000 }, () => {
  it.concurrent('an alias bomb ("billion laughs") is refused at its first alias', async () => {
    let text = 'quarter: 2019-Q1\na: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let i = 1; i < 9; i++) text += `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]\n`;
    text += 'units: {}\n';
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, '*a')} YAML_ALIASES`, HV_MISSING]);
  });

  it.concurrent('an alias inside the value it names (a value without end) is refused at the alias', async () => {
    const text = hvWith('      uniform_ok: true\n', '      uniform_ok: true\n      loop: &loop { again: *loop }\n');
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, '*loop')} YAML_ALIASES`, HV_MISSING]);
  });

  it.concurrent('an alias used as a key is the key it names: a second value for a fact is a duplicate', async () => {
    const text = hvWith('      plan_task_on_time_rate: {', '      &k plan_task_on_time_rate: {').replace('      uniform_ok: true\n', '      uniform_ok: true\n      *k : { value: 10 }\n');
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, '*k :')} YAML_DUPLICATE_KEY`, HV_MISSING]);
  });

  it.concurrent('keys ~ and "" are the same key', async () => {
    const text = hvWith('      uniform_ok: true\n', '      uniform_ok: true\n      ~: 1\n      "": 2\n');
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, '"": 2')} YAML_DUPLICATE_KEY`, HV_MISSING]);
  });

  it.concurrent('a list or mapping used as a key is refused at the key', async () => {
    const text = hvWith('      uniform_ok: true\n', '      uniform_ok: true\n      ? [a, b]\n      : 1\n');
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, '[a, b]')} YAML_SYNTAX`, HV_MISSING]);
  });

  it.concurrent('an alias naming no anchor is a syntax error at the alias', async () => {
    const text = hvWith('value: 95,', 'value: *nope,');
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, '*nope')} YAML_SYNTAX`, HV_MISSING]);
  });

  it.concurrent('few aliases of a large mapping (999 copies of 30,000 keys) are refused, not copied', async () => {
    const big = `big: &b {${Array.from({ length: 30_000 }, (_, i) => `k${i}: ${i}`).join(', ')}}\ncopies: [${Array(999).fill('*b').join(', ')}]\n`;
    const text = `${big}${HV_TEXT}`;
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, '*b')} YAML_ALIASES`, HV_MISSING]);
  });

  it.concurrent('50,000 unknown keys are each reported, in seconds (locating them is not quadratic)', async () => {
    const text = hvWith('      uniform_ok: true\n', `      uniform_ok: true\n${Array.from({ length: 50_000 }, (_, i) => `      f${i}: 1\n`).join('')}`);
    const r = await run(['score', '--evidence', quarterWith({ [HV]: text }), '--out', join(tempDir(), 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/ error EVIDENCE_UNKNOWN_FACT /g)).toHaveLength(50_000);
  });

  it.concurrent('nesting past 64 levels is refused at the first level too deep', async () => {
    const text = `quarter: 2019-Q1\nunits:\n  ${HV_UNIT}:\n    facts:\n      late_reports: { value: ${'['.repeat(100)}0${']'.repeat(100)} }\n`;
    // The file's mapping (1) > units (2) > unit (3) > facts (4) > fact (5) > the value's first list (6): the 60th list is level 65.
    const col = Number(positionOf(text, '[').split(':')[1]) + 59;
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:5:${col} YAML_TOO_DEEP`, HV_MISSING]);
  });

  it.concurrent('nesting deep enough to exhaust the parser is refused, not a crash', async () => {
    const text = `quarter: 2019-Q1\nunits: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const out = join(tempDir(), 'out');
    const r = await run(['score', '--evidence', quarterWith({ [HV]: text }), '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toMatch(new RegExp(`${HV}:2:\\d+ error YAML_TOO_DEEP `));
    expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
  });

  it.concurrent('a file over 16 MiB is refused before it is read', async () => {
    const text = `quarter: 2019-Q1\n${`# ${'x'.repeat(1021)}\n`.repeat(16 * 1024 + 1)}`;
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:1:1 FILE_TOO_LARGE`, HV_MISSING]);
  });

  it.concurrent('custom and non-core tags are refused, never run or converted', async () => {
    let text = hvWith('value: 95,', "value: !!js/function 'function () { return 100 }',");
    text = text.replace('value: 78,', 'value: !!binary ODA=,').replace('uniform_ok: true', 'uniform_ok: !yes true');
    text = text.replace('value: 98,', 'value: !!timestamp 2019-03-31,');
    await expectRefused(quarterWith({ [HV]: text }), [
      `${HV}:${positionOf(text, '!!js/function')} YAML_TAG`,
      `${HV}:${positionOf(text, 'ODA=')} YAML_TAG`,
      `${HV}:${positionOf(text, '2019-03-31')} YAML_TAG`,
      `${HV}:${positionOf(text, '!yes')} YAML_TAG`,
      HV_MISSING,
    ]);
  });

  it.concurrent('a %YAML 1.1 line does not make 1:30 a number nor yes a boolean', async () => {
    const text = `%YAML 1.1\n---\n${hvWith('uniform_ok: true', 'uniform_ok: yes').replace('value: 95,', 'value: 1:30,')}`;
    await expectRefused(quarterWith({ [HV]: text }), [
      `${HV}:${positionOf(text, '1:30')} EVIDENCE_TYPE`,
      `${HV}:${positionOf(text, 'yes')} EVIDENCE_TYPE`,
    ]);
  });

  it.concurrent('a byte-order mark is read past', async () => {
    await expectSameAsSamples(quarterWith({ [HV]: `\ufeff${HV_TEXT}` }));
  });

  it.concurrent('CRLF line ends read the same', async () => {
    await expectSameAsSamples(quarterWith({ [HV]: HV_TEXT.replace(/\n/g, '\r\n') }));
  });

  it.concurrent('a tab used for indentation is a syntax error at its line', async () => {
    const text = hvWith('    facts:\n      plan_task', '    facts:\n\tplan_task');
    const out = join(tempDir(), 'out');
    const r = await run(['score', '--evidence', quarterWith({ [HV]: text }), '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toMatch(new RegExp(`${HV}:${positionOf(text, '\tplan')} error YAML_SYNTAX .*Tabs`));
  });

  it.concurrent('invalid UTF-8 is refused at the first bad byte', async () => {
    const text = hvWith('Bảng theo dõi', 'Bảng theo XX');
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf(Buffer.from('XX'));
    bytes[at] = 0xc3; // a lead byte followed by "X": not UTF-8
    await expectRefused(quarterWith({ [HV]: bytes }), [`${HV}:${positionOf(text, 'XX')} YAML_ENCODING`, HV_MISSING]);
  });

  it.concurrent('a file saved as UTF-16 ("Unicode" in Notepad) is refused at 1:1', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HV_TEXT, 'utf16le')]);
    await expectRefused(quarterWith({ [HV]: bytes }), [`${HV}:1:1 YAML_ENCODING`, HV_MISSING]);
  });

  it('keys __proto__, constructor and prototype stay data: no prototype pollution', () => {
    const text = [
      '__proto__: { polluted: yes }',
      'units:',
      '  __proto__: { polluted: yes }',
      '  constructor: { prototype: { polluted: yes } }',
      `  ${HV_UNIT}:`,
      '    facts:',
      '      __proto__: { value: 1, polluted: yes }',
      '      prototype: { value: 1 }',
      '',
    ].join('\n');
    const { source, diagnostics } = parseYaml('e.yaml', text);
    expect(diagnostics).toEqual([]);
    const data = source.data as Record<string, Record<string, unknown>>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__', 'units']);
    expect(Object.getPrototypeOf(data.units)).toBe(Object.prototype);
    expect(Object.keys(data.units!)).toEqual(['__proto__', 'constructor', HV_UNIT]);
    const facts = (data.units![HV_UNIT] as { facts: object }).facts;
    expect(Object.keys(facts)).toEqual(['__proto__', 'prototype']);
    expect(Object.getPrototypeOf(facts)).toBe(Object.prototype);
  });

  it.concurrent('a unit id __proto__ is refused as an id', async () => {
    const text = hvWith('units:\n', 'units:\n  __proto__: { facts: {} }\n');
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, '__proto__')} SCHEMA_PATTERN`, HV_MISSING]);
  });

  it.concurrent('ids constructor and prototype are looked up as data, never found on Object.prototype', async () => {
    const text = hvWith('units:\n', 'units:\n  constructor: { facts: {} }\n').replace(
      '      uniform_ok: true\n',
      '      uniform_ok: true\n      prototype: 1\n      constructor: { value: 1 }\n      toString: true\n',
    );
    await expectRefused(quarterWith({ [HV]: text }), [
      `${HV}:${positionOf(text, 'constructor: { facts')} EVIDENCE_UNKNOWN_UNIT`,
      `${HV}:${positionOf(text, 'prototype: 1')} EVIDENCE_UNKNOWN_FACT`,
      `${HV}:${positionOf(text, 'constructor: { value')} EVIDENCE_UNKNOWN_FACT`,
      `${HV}:${positionOf(text, 'toString')} EVIDENCE_UNKNOWN_FACT`,
    ]);
  });

  it.concurrent('two keys equal once in NFC are the same key', async () => {
    const text = hvWith('uniform_ok: true', 'uniform_ok: { value: true, ghi_chú: 1, ghi_chu\u0301: 2 }');
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, 'ghi_chu\u0301')} YAML_DUPLICATE_KEY`, HV_MISSING]);
  });
});

describe('numbers', { timeout: 60_000 }, () => {
  it.concurrent.each([
    ['.nan', 'YAML_NUMBER'],
    ['.inf', 'YAML_NUMBER'],
    ['-.inf', 'YAML_NUMBER'],
    ['1e309', 'YAML_NUMBER'],
    ['123456789012345678901', 'YAML_NUMBER'],
    ['"95"', 'EVIDENCE_TYPE'],
    ['"95,5"', 'EVIDENCE_TYPE'],
    ['1e20', 'YAML_NUMBER'],
    ['1e15', 'EVIDENCE_RANGE'],
    ['""', 'EVIDENCE_TYPE'],
  ])('%s for a rate is refused (%s) at the value', async (value, code) => {
    const text = hvWith('value: 95,', `value: ${value},`);
    const expected = [`${HV}:${positionOf(text, `${value},`)} ${code}`];
    if (code.startsWith('YAML_')) expected.push(HV_MISSING);
    await expectRefused(quarterWith({ [HV]: text }), expected);
  });

  it.concurrent('-0 scores as 0: the same results as the samples', async () => {
    await expectSameAsSamples(quarterWith({ [HV]: hvWith('late_reports: { value: 0,', 'late_reports: { value: -0,') }));
  });
});

describe('ids and names', { timeout: 60_000 }, () => {
  it.concurrent.each([['a/b'], ['a\\\\b'], ['../x'], ['..'], [''], ['QLVH-СT' /* Cyrillic С */], ['QLVH‐CT' /* U+2010 hyphen */], [' QLVH-CT']])(
    'unit id "%s" in evidence is refused as an id',
    async (id) => {
      const text = hvWith(`  ${HV_UNIT}:`, `  "${id}":`);
      await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, `"${id}":`)} SCHEMA_PATTERN`, HV_MISSING]);
    },
  );

  it.concurrent.each([['CON'], ['NUL'], ['a..b']])('unit id "%s" in evidence is a unit units.yaml does not have', async (id) => {
    const text = hvWith(`  ${HV_UNIT}:`, `  ${id}:`);
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, `${id}:`)} EVIDENCE_UNKNOWN_UNIT`, HV_MISSING]);
  });

  it.concurrent('accents typed in NFD read as the same text: the same results as the samples', async () => {
    const evidence = quarterWith({ [HV]: HV_TEXT.normalize('NFD') });
    expect(HV_TEXT.normalize('NFD')).not.toBe(HV_TEXT);
    await expectSameAsSamples(evidence);
  });
});

describe('ids and names in the scorecards', { timeout: 60_000 }, () => {
  const UNITS_TEXT = readFileSync(join(ROOT, 'rules', 'units.yaml'), 'utf8');

  /** A copy of rules/ with units.yaml replaced. */
  function rulesWith(units: string): string {
    const dir = tempDir();
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    writeFileSync(join(dir, 'units.yaml'), units);
    return dir;
  }

  it.concurrent.each([['../DL-CAUKE'], ['DL/CAUKE'], ['DL\\CAUKE'], ['DL-CAUKΕ' /* Greek Ε */], ['']])('unit id "%s" in units.yaml is refused as an id', async (id) => {
    const text = UNITS_TEXT.replace('id: DL-CAUKE,', `id: '${id}',`);
    const rules = rulesWith(text);
    const r = await run(['validate', '--rules', rules, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(diagnosticsOf(r.stderr, rules)).toEqual([`units.yaml:${positionOf(text, `'${id}'`)} SCHEMA_PATTERN`]);
  });

  it.concurrent('unit names typed with NFD accents give the same results as in NFC', async () => {
    const nfd = UNITS_TEXT.normalize('NFD');
    expect(nfd).not.toBe(UNITS_TEXT);
    const out = join(tempDir(), 'out');
    const r = await run(['score', '--rules', rulesWith(nfd), '--evidence', SAMPLES, '--out', out, '--no-previous', '--lang', 'en']);
    expect(r.code).toBe(0);
    // The rules digest is over the files' bytes, which differ; everything else is the same.
    const digest = /"rulesDigest": "[^"]+"/;
    expect(readFileSync(join(out, 'results.json'), 'utf8').replace(digest, '')).toBe(sampleResults.replace(digest, ''));
  });
});

describe('evidence cannot change the rules', { timeout: 60_000 }, () => {
  it.concurrent('a fact the engine computes from another bloc cannot be given', async () => {
    const file = 'direct-departments.yaml';
    const text = readFileSync(join(SAMPLES, file), 'utf8').replace('    facts:\n', '    facts:\n      branches_mean_score: 100\n');
    const dir = quarterWith({ [HV]: HV_TEXT, [file]: text });
    await expectRefused(dir, [`${file}:${positionOf(text, 'branches_mean_score')} EVIDENCE_UNKNOWN_FACT`]);
  });

  it.concurrent('manual points above the criterion\'s max, and keys of the scorecard language, are refused', async () => {
    const text = hvWith('II.4: { points: 6.5,', 'II.4: { points: 60,').replace('    manual:\n', '    max: 1000\n    manual:\n');
    await expectRefused(quarterWith({ [HV]: text }), [`${HV}:${positionOf(text, 'max: 1000')} SCHEMA_UNKNOWN_KEY`]);
    const points = hvWith('II.4: { points: 6.5,', 'II.4: { points: 60,');
    await expectRefused(quarterWith({ [HV]: points }), [`${HV}:${positionOf(points, '60,')} EVIDENCE_MANUAL`]);
  });
});

describe('evidence text in the outputs', { timeout: 60_000 }, () => {
  it.concurrent('text that looks like a formula, or holds control characters, is written as text', async () => {
    const source = '=HYPERLINK("http://example.invalid","xem") a\\x01b\\x0bc\\uFFFE';
    const long = 'x'.repeat(40_000);
    const text = hvWith('source: "Bảng theo dõi tiến độ kế hoạch CCHC quý I/2019 của thường trực BCĐ"', `source: "${source.replace(/"/g, '\\"')}"`).replace(
      'note: "Báo cáo sự cố ngày 14/02/2019 gửi trễ"',
      `note: "${long}"`,
    );
    const dir = quarterWith({ [HV]: text });
    const out = join(dir, 'out');
    const r = await run(['score', '--evidence', dir, '--out', out, '--no-previous']);
    expect(r.code).toBe(0);
    const expected = '=HYPERLINK("http://example.invalid","xem") a\u0001b\u000bc\uFFFE';
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { blocs: { units: { id: string; criteria: { facts: Record<string, { source?: string }> }[] }[] }[] };
    const sources = results.blocs.flatMap((b) => b.units).flatMap((u) => u.criteria).flatMap((c) => Object.values(c.facts)).map((f) => f.source);
    expect(sources).toContain(expected);
    // In the workbooks: a text cell (never a formula), without the characters XML cannot hold.
    for (const file of [join(out, 'units', `${HV_UNIT}.xlsx`), join(out, 'ranking.xlsx')]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const cells: ExcelJS.Cell[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
        if (String(cell.value).includes('HYPERLINK')) cells.push(cell);
      })));
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(String(cell.value)).toContain('=HYPERLINK("http://example.invalid","xem") abc');
      }
      // A 40,000-character note is cut to what an Excel cell holds.
      let longest = 0;
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (longest = Math.max(longest, String(cell.value).length)))));
      expect(longest).toBe(32_767);
    }
  });
});

describe('the file system', { timeout: 60_000 }, () => {
  it.concurrent('a pipe, a folder or a link to a device named like evidence is refused by name, not skipped', async () => {
    const dir = quarterWith({ [HV]: HV_TEXT });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    mkdirSync(join(dir, 'folder.yaml'));
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    await expectRefused(dir, ['folder.yaml:1:1 FILE_UNREADABLE', 'pipe.yaml:1:1 FILE_UNREADABLE', 'zero.yaml:1:1 FILE_UNREADABLE']);
    const direct = await run(['score', '--evidence', join(dir, 'pipe.yaml'), '--out', join(dir, 'out'), '--lang', 'en']);
    expect(direct.code).toBe(1);
    expect(direct.stderr).toContain('pipe.yaml:1:1 error FILE_UNREADABLE');
  });

  it.concurrent('a link to an evidence file is read as the file', async () => {
    const dir = quarterWith({});
    symlinkSync(join(SAMPLES, HV), join(dir, HV));
    await expectSameAsSamples(dir);
  });

  it.concurrent('an output folder that is, or holds, the evidence folder is refused (exit 2), nothing written', async () => {
    const dir = quarterWith({ [HV]: HV_TEXT });
    const before = readdirSync(dir).sort();
    for (const [evidence, out] of [
      [dir, dir],
      [dir, join(dir, '..', basename(dir))],
      [join(dir, HV), dir],
    ]) {
      const r = await run(['score', '--evidence', evidence!, '--out', out!, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('holds the evidence');
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it.concurrent('a units folder that is a link out of --out: nothing written through it, the file named', async () => {
    const root = tempDir();
    const outside = join(root, 'outside');
    mkdirSync(outside);
    mkdirSync(join(root, 'out'));
    symlinkSync(outside, join(root, 'out', 'units'));
    const r = await run(['score', '--evidence', SAMPLES, '--out', join(root, 'out'), '--no-previous', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*units.*: its folder is a link out of the output folder/);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(join(root, 'out')).sort()).toEqual(['units']);
  });

  it.concurrent('escape sequences in evidence text reach the terminal as text', async () => {
    const text = hvWith('value: 95,', 'value: "\\e[2J\\e[31mFAKE OK\\a",');
    const dir = quarterWith({ [HV]: text });
    const r = await run(['score', '--evidence', dir, '--out', join(dir, 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stderr).toContain('\\x1b[2J\\x1b[31mFAKE OK\\x07');
  });
});

describe('workbooks', { timeout: 60_000 }, () => {
  let form: Buffer;

  beforeAll(async () => {
    // The team's per-unit form, filled from the sample YAML as the unit would.
    const dir = tempDir();
    const made = cchc(['template', '--quarter', '2019-Q1', '--per-unit', '--out', dir]);
    expect(made.code).toBe(0);
    const unit = (parse(HV_TEXT) as { units: Record<string, { facts: Record<string, unknown>; manual: Record<string, { points: number; note?: string }> }> }).units[HV_UNIT]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, `${HV_UNIT}.xlsx`));
    const ws = wb.worksheets.find((s) => s.getCell('A1').value === 'cchc-evidence-form/1')!;
    ws.eachRow((row) => {
      const key = row.getCell(1).value;
      if (typeof key !== 'string') return;
      const fact = unit.facts[key];
      if (fact !== undefined) {
        const f = typeof fact === 'object' && fact !== null ? (fact as { value: unknown; source?: string; note?: string }) : { value: fact };
        row.getCell(5).value = typeof f.value === 'boolean' ? (f.value ? 'Có' : 'Không') : (f.value as number);
        if (f.source) row.getCell(6).value = f.source;
        if (f.note) row.getCell(7).value = f.note;
      } else if (key.startsWith('manual:')) {
        const m = unit.manual[key.slice('manual:'.length)]!;
        row.getCell(5).value = m.points;
        if (m.note) row.getCell(7).value = m.note;
      }
    });
    form = Buffer.from(await wb.xlsx.writeBuffer());
  });

  /** The filled form edited with exceljs, as bytes. */
  async function edited(edit: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form as unknown as ExcelJS.Buffer);
    edit(wb, wb.worksheets.find((s) => s.getCell('A1').value === 'cchc-evidence-form/1')!);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  function rowOf(ws: ExcelJS.Worksheet, key: string): number {
    let found = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === key) found = r;
    });
    return found;
  }

  it.concurrent('a form stamped with the unit __proto__ is refused at its cell, as an id', async () => {
    let name = '';
    const bytes = await edited((_, ws) => {
      name = ws.name;
      ws.getCell('A2').value = '__proto__';
    });
    const dir = quarterWith({ 'QLVH-CT.xlsx': bytes });
    const r = await run(['score', '--evidence', dir, '--out', join(dir, 'out'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(diagnosticsOf(r.stderr, dir)).toEqual([`QLVH-CT.xlsx!${name}!C2 SCHEMA_PATTERN`, HV_MISSING]);
  });

  it.concurrent.each([
    ['digits as text', '123456789012345678901'],
    ['a number', 1e20],
  ])('a whole number past 2^53 in a value cell (%s) is refused at the cell', async (_, value) => {
    let expected = '';
    const bytes = await edited((_, ws) => {
      const r = rowOf(ws, 'late_reports');
      ws.getCell(r, 5).value = value;
      expected = `QLVH-CT.xlsx!${ws.name}!E${r}`;
    });
    // Said once: refused, not also missing.
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': bytes }), [`${expected} EVIDENCE_NUMBER`]);
  });

  it.concurrent('a formula without a computed value is said once, at its cell: refused, not also missing', async () => {
    let expected = '';
    const bytes = await edited((_, ws) => {
      const r = rowOf(ws, 'late_reports');
      ws.getCell(r, 5).value = { formula: '1+1' } as ExcelJS.CellValue;
      expected = `QLVH-CT.xlsx!${ws.name}!E${r} EVIDENCE_FORMULA`;
    });
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': bytes }), [expected]);
  });

  it('the filled form scores as the samples do', async () => {
    await expectSameAsSamples(quarterWith({ 'QLVH-CT.xlsx': form }));
  });

  it.concurrent('a file that is not a zip', async () => {
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': HV_TEXT }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_FORMAT', HV_MISSING]);
  });

  it.concurrent('an old binary workbook (.xls) named .xlsx', async () => {
    const xls = readFileSync(join(FIXTURES, 'adversarial', 'old-binary.xlsx'));
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': xls }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_FORMAT', HV_MISSING]);
  });

  it.concurrent('a workbook with a password to open it', async () => {
    const encrypted = readFileSync(join(FIXTURES, 'adversarial', 'encrypted.xlsx'));
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': encrypted }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_ENCRYPTED', HV_MISSING]);
  });

  it.concurrent('a zip bomb: a part that unpacks past 16 MiB, whatever its header claims', async () => {
    const entries = readZip(form);
    entries.push({ name: 'xl/media/image1.png', data: Buffer.alloc(200 * 1024 * 1024), claimedSize: 1000 });
    const bomb = writeZip(entries);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': bomb }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_LIMIT', HV_MISSING]);
  });

  it.concurrent('a zip bomb: parts that unpack past 64 MiB in all', async () => {
    const entries = readZip(form);
    for (let i = 1; i <= 5; i++) entries.push({ name: `xl/media/image${i}.png`, data: Buffer.alloc(15 * 1024 * 1024, i) });
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': writeZip(entries) }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_LIMIT', HV_MISSING]);
  });

  it.concurrent('a zip of more than 5,000 parts', async () => {
    const entries = readZip(form);
    for (let i = 0; i < 5001; i++) entries.push({ name: `customXml/item${i}.xml`, data: Buffer.from('<a/>') });
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': writeZip(entries) }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_LIMIT', HV_MISSING]);
  });

  it.concurrent('a form sheet of 1,000,000 filled rows is refused before it is parsed', async () => {
    const entries = readZip(form);
    const sheet = entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) && e.data.includes('cchc-evidence-form') === false)!;
    const rows: string[] = [];
    for (let r = 100; r <= 1_000_099; r++) rows.push(`<row r="${r}"><c r="C${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
    const xml = sheet.data.toString('utf8').replace('</sheetData>', `${rows.join('')}</sheetData>`);
    sheet.data = Buffer.from(xml);
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': writeZip(entries) }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_LIMIT', HV_MISSING]);
  });

  it.concurrent.each([
    ['a merged range', '<mergeCells count="1"><mergeCell ref="Z1:XFD1048576"/></mergeCells>'],
    ['a data validation', '<dataValidations count="1"><dataValidation type="whole" sqref="Z1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>'],
    ['a data validation of a whole column', '<dataValidations count="1"><dataValidation type="whole" sqref="B7:B9 E:E"><formula1>0</formula1></dataValidation></dataValidations>'],
    ['a merged range quoted otherwise', "<mergeCells count='1'><x:mergeCell ref = 'Z1:XFD1048576'/></mergeCells>"],
  ])('%s over millions of cells (a few bytes that exceljs would expand cell by cell) is refused', async (_, xml) => {
    const entries = readZip(form);
    const sheet = entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) && e.data.includes('dataValidation'))!;
    sheet.data = Buffer.from(sheet.data.toString('utf8').replace('</worksheet>', `${xml}</worksheet>`));
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': writeZip(entries) }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_LIMIT', HV_MISSING]);
  });

  it.concurrent('the same range in a part whose name only contains a sheet\'s is refused too', async () => {
    const entries = readZip(form);
    const sheet = entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) && e.data.includes('dataValidation'))!;
    const xml = sheet.data.toString('utf8').replace('</worksheet>', '<mergeCells count="1"><mergeCell ref="Z1:XFD1048576"/></mergeCells></worksheet>');
    entries.push({ name: `x/${sheet.name}`, data: Buffer.from(xml) });
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': writeZip(entries) }), ['QLVH-CT.xlsx:1:1 EVIDENCE_WORKBOOK_LIMIT', HV_MISSING]);
  });

  /**
   * Reads `bytes` as an evidence form in a process of its own, as `cchc score` would: what it
   * says (`line:col code`), the processor time the read took and how much memory it took at its
   * peak beyond what the process held before it.
   */
  function readAlone(bytes: Buffer): { said: string[]; ms: number; extraMB: number } {
    const file = join(tempDir(), 'form.xlsx');
    writeFileSync(file, bytes);
    const reader = pathToFileURL(join(ROOT, 'dist', 'load', 'evidence-workbook.js')).href;
    const script = `
      const { loadEvidenceWorkbook } = await import(${JSON.stringify(reader)});
      const before = process.memoryUsage().rss;
      const start = process.cpuUsage();
      const { diagnostics } = await loadEvidenceWorkbook(process.argv[1], () => 'number');
      const used = process.cpuUsage(start);
      // Time on the processor, not on the clock: the suite runs files side by side on few cores.
      const ms = (used.user + used.system) / 1000;
      // The peak of this process's memory: VmHWM where Linux gives it (maxRSS counts a parent's too, kept across exec).
      const { existsSync, readFileSync } = await import('node:fs');
      const hwm = /VmHWM:\\s*(\\d+) kB/.exec(existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '');
      const peak = (hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) * 1024;
      const extraMB = (peak - before) / 2 ** 20;
      console.log(JSON.stringify({ said: diagnostics.map((d) => d.line + ':' + d.col + ' ' + d.code), ms, extraMB }));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { encoding: 'utf8' })) as { said: string[]; ms: number; extraMB: number };
  }

  /** The filled form with `xml` put into its form sheet just before `before`. */
  function formSheetWith(xml: string, before = '</sheetData>', part?: string): Buffer {
    const entries = readZip(form);
    const sheet = part
      ? entries.find((e) => e.name === part)!
      : entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) && e.data.includes('dataValidation'))!;
    sheet.data = Buffer.from(sheet.data.toString('utf8').replace(before, `${xml}${before}`));
    return writeZip(entries);
  }

  // Each within 1 s and 100 MB beyond what the process held: the forms are read on the main thread.
  const bounded = (r: { ms: number; extraMB: number }) => {
    expect(r.ms).toBeLessThan(1000);
    expect(r.extraMB).toBeLessThan(100);
  };

  it('a sheet of 1,048,576 empty rows is refused (its part is past 16 MiB), and one of 900,000 at the first row past 5,000: in under 1 s and 100 MB', () => {
    const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `<row r="${from + i}"/>`).join('');
    const all = readAlone(formSheetWith(rows(100, 1_048_576)));
    expect(all.said).toEqual(['1:1 EVIDENCE_WORKBOOK_LIMIT']);
    bounded(all);
    const most = readAlone(formSheetWith(rows(100, 900_000)));
    expect(most.said).toEqual(['5001:1 EVIDENCE_WORKBOOK_LIMIT']);
    bounded(most);
    const last = readAlone(formSheetWith('<row r="1048576"/>'));
    expect(last.said).toEqual(['5001:1 EVIDENCE_WORKBOOK_LIMIT']);
    bounded(last);
  });

  it('a shared-strings part of 750,000 strings (15.6 MiB), and a sheet of 700,000 blank cells: refused, in under 1 s and 100 MB', () => {
    const strings = Array.from({ length: 750_000 }, (_, i) => `<si><t>${i}</t></si>`).join('');
    const r = readAlone(formSheetWith(strings, '</sst>', 'xl/sharedStrings.xml'));
    expect(r.said).toEqual(['1:1 EVIDENCE_WORKBOOK_LIMIT']);
    bounded(r);
    const cells = Array.from({ length: 100 }, (_, i) => `<row r="${100 + i}">${'<c/>'.repeat(7000)}</row>`).join('');
    const blank = readAlone(formSheetWith(cells));
    expect(blank.said).toEqual(['1:1 EVIDENCE_WORKBOOK_LIMIT']);
    bounded(blank);
    // 200,000 strings are read (a whole company's form has a few thousand).
    const many = readAlone(formSheetWith(strings.slice(0, strings.indexOf('<si><t>200000<')), '</sst>', 'xl/sharedStrings.xml'));
    expect(many.said).toEqual([]);
    bounded(many);
  });

  it('elements nested a million deep, and one 15 MB long: located, in under 1 s and 100 MB', () => {
    const deep = readAlone(formSheetWith(`${'<x>'.repeat(1_000_000)}${'</x>'.repeat(1_000_000)}`, '<sheetData>'));
    expect(deep.said).toEqual(['1:1 FILE_UNREADABLE']);
    bounded(deep);
    const long = readAlone(formSheetWith(`<row r="5000"><c r="H5000" t="inlineStr" x="${'y'.repeat(15_000_000)}"><is><t>${'z'.repeat(100_000)}</t></is></c></row>`));
    expect(long.said).toEqual([]);
    bounded(long);
    const unclosed = readAlone(formSheetWith(`<row r="5000"><c r="H5000" x="${'y'.repeat(15_000_000)}`, '</sheetData>'));
    expect(unclosed.said).toEqual(['1:1 FILE_UNREADABLE']);
    bounded(unclosed);
  });

  it.concurrent('a form sheet with a value in row 1,000,000 is refused at the first row past 5,000', async () => {
    let name = '';
    const bytes = await edited((_, ws) => {
      name = ws.name;
      ws.getCell(1_000_000, 5).value = 1;
    });
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': bytes }), [`QLVH-CT.xlsx!${name}!A5001 EVIDENCE_WORKBOOK_LIMIT`, HV_MISSING]);
  });

  it.concurrent('a value cell merged down into the next row: the next row is blank, not a copy', async () => {
    let expected = '';
    const bytes = await edited((_, ws) => {
      const r = rowOf(ws, 'late_reports');
      ws.mergeCells(r - 1, 5, r, 5);
      expected = `QLVH-CT.xlsx!${ws.name}!E${r} EVIDENCE_MISSING`;
    });
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': bytes }), [expected]);
  });

  it.concurrent('a hidden form sheet is refused: what is scored is what the committee sees', async () => {
    let name = '';
    const bytes = await edited((_, ws) => {
      name = ws.name;
      ws.state = 'hidden';
    });
    await expectRefused(quarterWith({ 'QLVH-CT.xlsx': bytes }), [`QLVH-CT.xlsx!${name}!C1 EVIDENCE_SHEET_HIDDEN`, HV_MISSING]);
  });

  it.concurrent('hidden extra sheets that are not forms are left alone: the same results', async () => {
    const bytes = await edited((wb) => {
      const scratch = wb.addWorksheet('Nháp');
      scratch.getCell('A1').value = 'cchc-evidence-form/0';
      scratch.getCell('E10').value = 100;
      scratch.state = 'veryHidden';
      wb.addWorksheet('Ẩn').state = 'hidden';
    });
    await expectSameAsSamples(quarterWith({ 'QLVH-CT.xlsx': bytes }));
  });

  it.concurrent('Có typed with NFD accents reads as yes: the same results', async () => {
    const bytes = await edited((_, ws) => {
      ws.getCell(rowOf(ws, 'uniform_ok'), 5).value = 'Có'.normalize('NFD');
    });
    await expectSameAsSamples(quarterWith({ 'QLVH-CT.xlsx': bytes }));
  });
});
