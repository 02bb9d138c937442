import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { sortDiagnostics } from '../src/diagnostics/diagnostic.js';
import { parseYaml } from '../src/load/yaml-file.js';
import { validateRules } from '../src/validate/rules.js';
import { BASE_RULES } from './helpers/fixtures.js';

const base = Object.fromEntries(
  ['scheme.yaml', 'units.yaml', 'departments.yaml', 'branches.yaml'].map((f) => [f, readFileSync(join(BASE_RULES, f), 'utf8')]),
);

/** Every path to a value inside a parsed document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => out.push(...paths(v, [...prefix, k])));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

/** The YAML problems of the texts, and what validation makes of them: as `checkRules` does, without files. */
function validateTexts(texts: Record<string, string>) {
  const parsed = Object.entries(texts).map(([f, t]) => [f, parseYaml(f, t)] as const);
  const { 'scheme.yaml': scheme, 'units.yaml': units, ...blocs } = Object.fromEntries(parsed.map(([f, p]) => [f, p.source]));
  const validated = validateRules({ dir: '.', scheme, units, blocs: Object.values(blocs) });
  return { ...validated, loadDiagnostics: parsed.flatMap(([, p]) => p.diagnostics) };
}

describe('validate on generated scorecards', () => {
  it('never throws, and returns its diagnostics sorted, whatever value replaces whatever node', () => {
    const docs = Object.fromEntries(Object.entries(base).map(([f, t]) => [f, parse(t) as unknown]));
    const targets = Object.entries(docs).flatMap(([f, d]) => paths(d).map((p) => [f, p] as const));
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.jsonValue({ maxDepth: 3 }), ([file, path], value) => {
        const texts = { ...base, [file]: stringify(setAt(docs[file], path, value)) };
        const { diagnostics, rules, loadDiagnostics } = validateTexts(texts);
        expect(sortDiagnostics(diagnostics)).toEqual(diagnostics);
        // Rules come back exactly when nothing is wrong (a value YAML cannot hold, such as 2^53, is wrong when loading).
        expect(rules === undefined).toBe([...loadDiagnostics, ...diagnostics].some((d) => d.severity === 'error'));
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20190331) },
    );
  });

  it('finds no problem in the base, so each generated problem is the mutation\'s', () => {
    expect(validateTexts(base).diagnostics).toEqual([]);
  });
});
