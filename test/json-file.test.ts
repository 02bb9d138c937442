// A results.json too large for the YAML loader (over 16 MiB: 71 MB at 3,000 units) is read with
// JSON.parse, and its positions found by scanning the text: they must be the YAML loader's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadJsonFile, offsetOf } from '../src/load/json-file.js';
import { MAX_YAML_BYTES, parseYaml, type Path } from '../src/load/yaml-file.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every path to a value in `data`, its containers included. */
function pathsOf(data: unknown, at: Path = []): Path[] {
  const inner = Array.isArray(data) ? data.flatMap((v, i) => pathsOf(v, [...at, i])) : data !== null && typeof data === 'object' ? Object.entries(data).flatMap(([k, v]) => pathsOf(v, [...at, k])) : [];
  return [at, ...inner];
}

/** `line:col` of an offset, as the YAML loader counts them. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => v !== null && typeof v === 'object');

describe('positions in JSON text', () => {
  it('property: every value and key is where the YAML loader finds it, pretty-printed or on one line', () => {
    fc.assert(
      fc.property(json, fc.boolean(), fc.constantFrom('', 'missing', 7), (data, pretty, extra) => {
        const text = JSON.stringify(data, null, pretty ? 2 : 0);
        const yaml = parseYaml('f.json', text).source;
        for (const path of pathsOf(data)) {
          for (const target of ['value', 'key'] as const) {
            const { line, col } = yaml.locate(path, target);
            expect(lineCol(text, offsetOf(text, path, target)), `${JSON.stringify(path)} ${target}`).toBe(`${line}:${col}`);
          }
          // A path that is not there: the nearest parent that is.
          if (extra !== '') {
            const { line, col } = yaml.locate([...path, extra]);
            expect(lineCol(text, offsetOf(text, [...path, extra])), `${JSON.stringify([...path, extra])}`).toBe(`${line}:${col}`);
          }
        }
      }),
      { seed: 20191231, numRuns: 300 },
    );
  });
});

describe('a JSON file over the YAML loader\'s size', () => {
  const units = Array.from({ length: 40_000 }, (_, i) => ({ id: `U${i}`, name: `Đơn vị thử nghiệm ${i}`, score: (i % 10_000) / 100, reason: 'x'.repeat(360) }));
  const big = { scheme: 'bench', quarter: '2019-Q1', blocs: [{ id: 'b', name: 'Khối', units }] };

  it('reads with the same data, and positions deep in the file', async () => {
    const file = join(dir, 'big.json');
    const text = JSON.stringify(big, null, 2);
    writeFileSync(file, text);
    expect(text.length).toBeGreaterThan(MAX_YAML_BYTES);
    const { source, diagnostics } = await loadJsonFile(file);
    expect(diagnostics).toEqual([]);
    expect(source!.data).toEqual(big);
    const at = source!.locate(['blocs', 0, 'units', 39_999, 'score']);
    expect(`${at.line}:${at.col}`).toBe(lineCol(text, text.lastIndexOf('"score": 99.99') + '"score": '.length));
    // As the schema's errors name items: their index as text.
    const same = source!.locate(['blocs', '0', 'units', '39999', 'score']);
    expect(same).toEqual(at);
  });

  it('text typed decomposed (NFD) is read in NFC', async () => {
    const file = join(dir, 'nfd.json');
    writeFileSync(file, JSON.stringify({ ...big, blocs: [{ id: 'b', name: 'Khối'.normalize('NFD'), units }] }));
    const { source } = await loadJsonFile(file);
    expect((source!.data as typeof big).blocs[0]!.name).toBe('Khối'.normalize('NFC'));
  });

  it('a syntax error is YAML_SYNTAX at its line', async () => {
    const file = join(dir, 'broken.json');
    const text = JSON.stringify(big, null, 2);
    const cut = text.lastIndexOf('"score"');
    writeFileSync(file, `${text.slice(0, cut)}"score" 1${text.slice(cut + '"score": 99.99'.length)}`);
    const { diagnostics } = await loadJsonFile(file);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['YAML_SYNTAX', Number(lineCol(text, cut).split(':')[0])]]);
  });
});
