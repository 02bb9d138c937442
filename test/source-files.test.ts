// Much YAML, or many evidence forms, are read on worker threads (load/source-files.ts): the data,
// the diagnostics and the positions must be the same as when each file is read on the main thread.
// The built files are used, since a worker runs the compiled source-worker.js.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkRules, factTypeOf } from '../src/index.js';
import type { SourceFile } from '../src/load/yaml-file.js';
import { cchc, ROOT } from './helpers/cli.js';
import { tempDirs } from './helpers/temp.js';

const built = new URL('../dist/load/source-files.js', import.meta.url).href;
const { loadSourceFiles } = (await import(built)) as typeof import('../src/load/source-files.js');
const tempDir = tempDirs('source-files');
const HERE = { yamlFrom: Infinity, formsFrom: Infinity };
const WORKERS = { yamlFrom: 1, formsFrom: 1 };
const NO_TYPES = { blocOf: new Map(), types: new Map() };

type Loaded = { source?: SourceFile; diagnostics: unknown[] };
const plain = (list: Loaded[]) =>
  list.map(({ source, diagnostics }) => ({ diagnostics, file: source?.file, text: source?.text, data: source?.data, parsed: source?.parsed, forms: source?.forms }));

/** A file's evidence for `n` units, one of whose facts is named `__proto__`, with an NFD unit name. */
function evidence(n: number, extra = ''): string {
  const units = Array.from({ length: n }, (_, i) => `  U${i}:\n    facts:\n      rate: { value: ${i % 100}.5, source: "Báo cáo quý ${i}" }\n      __proto__: ${i}\n      ok: true\n`).join('');
  return `quarter: 2019-Q1\n${extra}units:\n${units}  "Ca\u0302\u0300u Ke\u0300":\n    facts: {}\n`;
}

describe('evidence read on worker threads', () => {
  it('give the same data, diagnostics and positions as parsed here, in the same order', async () => {
    const dir = tempDir();
    const files = {
      'a-valid.yaml': evidence(400),
      'b-syntax.yaml': `${evidence(50)}  broken: [1, 2\n`,
      'c-duplicate.yaml': evidence(30, 'quarter: 2019-Q2\n'),
      'd-number.yaml': evidence(20).replace('value: 0.5', 'value: 1e400'),
      'e-encoding.yaml': Buffer.concat([Buffer.from('quarter: 2019-Q1\nunits: {}\n# '), Buffer.from([0xc3, 0x28])]),
      'f-valid.yaml': evidence(300),
    };
    const names = Object.entries(files).map(([name, text]) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    });
    const here = await loadSourceFiles(names, NO_TYPES, HERE);
    const workers = await loadSourceFiles(names, NO_TYPES, WORKERS);
    expect(plain(workers)).toEqual(plain(here));
    // Every problem is found, each at its place. A unit takes 5 lines from line 3; `      rate: { value: ` is 21 characters.
    expect(here.map((l: Loaded) => (l.diagnostics as { code: string; line: number; col: number }[]).map((d) => `${d.code} ${d.line}:${d.col}`))).toEqual([
      [],
      // 50 units, Cầu Kè's two lines, the unclosed list on 255: the list is still open at the end, 256:1.
      ['YAML_SYNTAX 256:1'],
      ['YAML_DUPLICATE_KEY 2:1'],
      // U0's rate value: line 5, column 22.
      ['YAML_NUMBER 5:22'],
      ['YAML_ENCODING 3:3'],
      [],
    ]);
    // A fact named __proto__ stays data, not a prototype, after crossing threads.
    const data = workers[0]!.source!.data as { units: Record<string, { facts: Record<string, unknown> }> };
    expect(Object.hasOwn(data.units.U7!.facts, '__proto__')).toBe(true);
    expect(data.units.U7!.facts.__proto__).toBe(7);
    expect(Object.keys(data.units)).toContain('Cầu Kè');
    // Positions are found again from the text.
    for (const path of [['units', 'U7', 'facts', 'rate', 'value'], ['units', 'U399', 'facts', '__proto__'], ['quarter']]) {
      for (const target of ['value', 'key'] as const) expect(workers[5]!.source!.locate(path, target)).toEqual(here[5]!.source!.locate(path, target));
    }
    // U7 starts on line 3 + 7 × 5 = 38; its rate is two lines down.
    expect(workers[0]!.source!.locate(['units', 'U7', 'facts', 'rate', 'value'])).toEqual({ file: names[0], line: 40, col: 22 });
  });


  it('evidence forms: the same data, stamps, refused cells and cells of every value as read here', async () => {
    const dir = tempDir();
    expect(cchc(['template', '--quarter', '2019-Q1', '--per-unit', '--out', dir]).code).toBe(0);
    const rules = (await checkRules(join(ROOT, 'rules'))).rules!;
    const types = factTypeOf(rules);
    const names = readdirSync(dir).map((n) => join(dir, n)).sort();
    // The first form: a number fact given, another as a formula without its value (refused at its cell); the second, a row's key typed twice.
    const edit = async (file: string, change: (ws: ExcelJS.Worksheet, keyed: Map<string, number>) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      // The unit's sheet (after the instructions), keyed in its hidden column A.
      const ws = wb.worksheets.find((w) => w.getCell('A1').value === 'cchc-evidence-form/1')!;
      const keyed = new Map<string, number>();
      ws.eachRow((row, r) => {
        if (r > 6 && typeof row.getCell(1).value === 'string') keyed.set(row.getCell(1).value as string, r);
      });
      change(ws, keyed);
      await wb.xlsx.writeFile(file);
    };
    const unit = rules.units.find((u) => names[0]!.endsWith(`${u.id}.xlsx`))!;
    const numbers = Object.entries(rules.blocs.find((b) => b.bloc === unit.bloc)!.facts).filter(([, f]) => f.type === 'number' && !f.from).map(([id]) => id);
    await edit(names[0]!, (ws, keyed) => {
      ws.getCell(keyed.get(numbers[0]!)!, 5).value = 12.5;
      ws.getCell(keyed.get(numbers[1]!)!, 5).value = { formula: '1.3*2' } as ExcelJS.CellValue;
    });
    await edit(names[1]!, (ws, keyed) => {
      const [first] = [...keyed].filter(([k]) => !k.startsWith('manual:') && !k.startsWith('na:'));
      ws.getCell(first![1] + 1, 1).value = first![0];
    });
    writeFileSync(join(dir, 'z.yaml'), 'quarter: 2019-Q1\nunits: {}\n');
    names.push(join(dir, 'z.yaml'));
    const here = await loadSourceFiles(names, types, HERE);
    const workers = await loadSourceFiles(names, types, WORKERS);
    expect(plain(workers)).toEqual(plain(here));
    expect(here[0]!.diagnostics.map((d) => (d as { code: string }).code)).toEqual(['EVIDENCE_FORMULA']);
    expect(here[1]!.diagnostics.map((d) => (d as { code: string }).code)).toEqual(['EVIDENCE_ROW_TWICE']);
    const given = ['units', unit.id, 'facts', numbers[0]!];
    expect((here[0]!.source!.data as { units: Record<string, { facts: Record<string, { value: unknown }> }> }).units[unit.id]!.facts[numbers[0]!]!.value).toBe(12.5);
    for (const [h, w] of here.map((l, i) => [l.source!, workers[i]!.source!] as const)) {
      for (const path of [given, [...given, 'value'], ['units', unit.id, 'facts', numbers[1]!], ['units', unit.id, 'manual', 'x'], ['quarter'], []]) {
        expect(w.locate(path)).toEqual(h.locate(path));
        expect(w.locate(path, 'key')).toEqual(h.locate(path, 'key'));
        expect(w.slotOf?.(path)).toEqual(h.slotOf?.(path));
        expect(w.refused?.(path)).toEqual(h.refused?.(path));
      }
    }
    expect(workers[0]!.source!.refused!(['units', unit.id, 'facts', numbers[1]!])).toBe(true);
  }, 60_000);
});
