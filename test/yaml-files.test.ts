// Large sets of YAML files are parsed on worker threads (load/yaml-files.ts): the data, the
// diagnostics and the positions must be the same as when each file is parsed on the main thread.
// The built files are used, since a worker runs the compiled yaml-worker.js.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../src/load/yaml-file.js';
import { tempDirs } from './helpers/temp.js';

const built = new URL('../dist/load/yaml-files.js', import.meta.url).href;
const { loadYamlFiles } = (await import(built)) as typeof import('../src/load/yaml-files.js');
const tempDir = tempDirs('yaml-files');

/** A file's evidence for `n` units, one of whose facts is named `__proto__`, with an NFD unit name. */
function evidence(n: number, extra = ''): string {
  const units = Array.from({ length: n }, (_, i) => `  U${i}:\n    facts:\n      rate: { value: ${i % 100}.5, source: "Báo cáo quý ${i}" }\n      __proto__: ${i}\n      ok: true\n`).join('');
  return `quarter: 2019-Q1\n${extra}units:\n${units}  "Ca\u0302\u0300u Ke\u0300":\n    facts: {}\n`;
}

describe('YAML files parsed on worker threads', () => {
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
    const here = await loadYamlFiles(names, Infinity);
    const workers = await loadYamlFiles(names, 1);
    const plain = (list: { source?: SourceFile; diagnostics: unknown[] }[]) =>
      list.map(({ source, diagnostics }) => ({ diagnostics, file: source?.file, text: source?.text, data: source?.data, parsed: source?.parsed }));
    expect(plain(workers)).toEqual(plain(here));
    // Every problem is found, each at its place. A unit takes 5 lines from line 3; `      rate: { value: ` is 21 characters.
    expect(here.map((l) => l.diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`))).toEqual([
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

});
