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

function validateTexts(texts: Record<string, string>) {
  const sources = Object.fromEntries(Object.entries(texts).map(([f, t]) => [f, parseYaml(f, t).source]));
  const { 'scheme.yaml': scheme, 'units.yaml': units, ...blocs } = sources;
  return validateRules({ dir: '.', scheme, units, blocs: Object.values(blocs) });
}

describe('validate on generated scorecards', () => {
  it('never throws, and returns its diagnostics sorted, whatever value replaces whatever node', () => {
    const docs = Object.fromEntries(Object.entries(base).map(([f, t]) => [f, parse(t) as unknown]));
    const targets = Object.entries(docs).flatMap(([f, d]) => paths(d).map((p) => [f, p] as const));
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.jsonValue({ maxDepth: 3 }), ([file, path], value) => {
        const texts = { ...base, [file]: stringify(setAt(docs[file], path, value)) };
        const { diagnostics, rules } = validateTexts(texts);
        expect(sortDiagnostics(diagnostics)).toEqual(diagnostics);
        // Rules come back exactly when nothing is wrong.
        expect(rules === undefined).toBe(diagnostics.some((d) => d.severity === 'error'));
      }),
      { numRuns: 400 },
    );
  });

  it('finds no problem in the base, so each generated problem is the mutation\'s', () => {
    expect(validateTexts(base).diagnostics).toEqual([]);
  });
});
