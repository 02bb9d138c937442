/**
 * A quarter's evidence files for the fuzz tests, generated against validated rules: clean ones
 * (every value of its fact's type and range) and dirty ones, with values of every wrong kind,
 * units and facts nobody declared, files that disagree, broken YAML.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { MissingMode } from '../../src/validate/evidence.js';
import { placedCriteria, type Bloc, type Fact, type Rules } from '../../src/model/scorecard.js';
import { define, INHERITED_NAMES, picker, type Pick } from './fuzz-pick.js';

export interface EvidenceCase {
  /** File name → content; written into one folder. */
  files: Record<string, string | Uint8Array>;
  /** The one file to pass instead of the folder, when there is just one. */
  single?: string;
  missing: MissingMode;
  quarter?: string;
  /** Built with no fault: every value fits its fact, and a value is left out only under --missing zero. */
  clean: boolean;
}

type Data = Record<string, unknown>;

/** Numbers a scorecard writes (thresholds, bounds): values on and beside them find the off-by-one. */
function numbersIn(value: unknown, out = new Set<number>()): Set<number> {
  if (typeof value === 'number') out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => numbersIn(v, out));
  return out;
}

function stringsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => stringsIn(v, out));
  return out;
}

// YAML refuses whole numbers past 2^53 − 1 (YAML_NUMBER), so the largest values here stop there.
const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, 5e-324, -5e-324, 1e-9, 70.835, 16.845, 99.995, 1e15 + 0.5, 2 ** 53 - 1, -(2 ** 53 - 1), 4503599627370495.5];

/** A value its fact accepts: within min and max, of its type; near the scorecard's own numbers often. */
function validValue(p: Pick, fact: Fact, near: number[], words: string[]): unknown {
  if (fact.type === 'boolean') return p.chance(50);
  if (fact.type === 'text') return p.chance(40) && words.length > 0 ? p.one(words) : p.text(p.chance(50)).normalize('NFC');
  const lo = fact.min ?? -Number.MAX_SAFE_INTEGER;
  const hi = fact.max ?? Number.MAX_SAFE_INTEGER;
  const integer = fact.type === 'integer';
  const fits = (v: number) => v >= lo && v <= hi && (!integer || Number.isInteger(v));
  const candidates = [...EDGE_NUMBERS, ...near.flatMap((n) => [n, n - 1, n + 1, n - 0.5, n + 0.5, n - 1e-9, n + 1e-9]), lo, hi].filter(fits);
  if (candidates.length > 0 && p.chance(50)) return p.one(candidates);
  if (integer) {
    const a = Math.max(Math.ceil(lo), -1e6);
    const b = Math.min(Math.floor(hi), 1e6);
    if (a <= b) return p.int(a, b);
    return candidates.length > 0 ? p.one(candidates) : Math.ceil(lo);
  }
  const [a, b] = [Math.max(lo, -1e6), Math.min(hi, 1e6)];
  return a <= b ? p.double(a, b) : lo;
}

/** Values no fact accepts, or that only some do, or that are not values at all. */
function wildValue(p: Pick, fact: Fact | undefined): unknown {
  const beyond = fact?.max !== undefined ? [fact.max + 1e-9, fact.max + 1] : [];
  const below = fact?.min !== undefined ? [fact.min - 1e-9, fact.min - 1] : [];
  return p.one([
    null, 'NaN', '.nan', NaN, Infinity, -Infinity, '12', '1,5', '85%', '', 'true', 'yes', '~', {}, [], [1], { a: { b: [null] } },
    { value: null }, { value: 1, extra: 2 }, { source: 'x' }, { value: { nested: 1 } }, { value: NaN }, { value: true, note: 3 },
    1.5, 2 ** 53 + 2, -0, 1e400, true, false, 'x', p.text(true), p.anyDouble(), p.json(), ...beyond, ...below,
  ]);
}

function factEntry(p: Pick, value: unknown): unknown {
  if (!p.chance(40)) return value;
  const entry: Data = { value };
  if (p.chance(60)) entry.source = p.text(true);
  if (p.chance(30)) entry.note = p.text(true);
  return entry;
}

/** A unit's entry: `rate` percent of its values wrong, `gaps` percent left out. */
function unitEvidence(p: Pick, bloc: Bloc, rate: number, gaps: number): Data {
  const near = [...numbersIn(bloc)].filter((n) => Number.isFinite(n));
  const words = [...stringsIn(bloc)];
  const facts: Data = {};
  for (const [name, fact] of Object.entries(bloc.facts)) {
    // A computed fact typed in anyway is refused.
    if (fact.from && !p.chance(rate)) continue;
    if (p.chance(gaps)) continue;
    define(facts, name, factEntry(p, p.chance(rate) ? wildValue(p, fact) : validValue(p, fact, near, words)));
  }
  if (p.chance(rate)) define(facts, p.one(['nope', '__proto__', ...INHERITED_NAMES, '1abc', 'a-b', `${Object.keys(bloc.facts)[0] ?? 'x'}_`]), factEntry(p, wildValue(p, undefined)));
  const placed = placedCriteria(bloc).map((c) => c.criterion);
  const manual: Data = {};
  for (const c of placed.filter((c) => 'manual' in c.score)) {
    if (p.chance(gaps)) continue;
    const points = p.chance(rate) ? wildValue(p, { label: '', type: 'number', min: 0, max: c.max }) : p.chance(50) ? p.one([0, c.max, c.max / 2, -0]) : p.double(0, c.max);
    const entry: Data = { points, note: p.chance(rate) ? p.one(['', 3, null]) : p.text(true) };
    if (p.chance(30)) entry.source = p.text(true);
    if (p.chance(rate)) delete entry[p.one(['points', 'note'])];
    define(manual, c.id, entry);
  }
  if (p.chance(rate) && placed.length > 0) define(manual, p.one([p.one(placed).id, 'nope', ...INHERITED_NAMES]), { points: 1, note: 'x' });
  const optional = placed.filter((c) => c.allowNotApplicable).map((c) => c.id);
  const notApplicable = optional.filter(() => p.chance(30));
  if (p.chance(rate)) notApplicable.push(p.one([...placed.map((c) => c.id), 'nope', ...INHERITED_NAMES, ...notApplicable]));
  const unit: Data = {};
  if (Object.keys(facts).length > 0 || p.chance(50)) unit.facts = facts;
  if (Object.keys(manual).length > 0 || p.chance(30)) unit.manual = manual;
  if (notApplicable.length > 0 || p.chance(20)) unit.not_applicable = notApplicable;
  return unit;
}

const JUNK = ['\t', ': ', '{', '"', '&a ', '*b', '\u0000', '- ', '\n  x', '%TAG\n'];

function corrupt(p: Pick, text: string): string {
  const at = p.int(0, text.length);
  switch (p.int(0, 2)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + p.one(JUNK) + text.slice(at);
    default: {
      const lines = text.split('\n');
      const i = p.int(0, lines.length - 1);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
  }
}

/** Evidence for `rules`: more than half of it clean, so that scoring is well exercised. */
export function evidenceCase(p: Pick, rules: Rules): EvidenceCase {
  const clean = p.chance(60);
  const missing = p.one(['error', 'zero'] as const);
  // How often each value, unit or file goes wrong, in percent.
  const rate = clean ? 0 : p.one([3, 10, 30]);
  // With --missing zero, a value left out is no fault: scored 0 and marked missing.
  const gaps = clean && missing === 'zero' ? p.one([0, 10]) : rate;
  const quarter = p.one(['2019-Q1', '2019-Q2', '2024-Q4']);
  const blocOf = new Map(rules.units.map((u) => [u.id, rules.blocs.find((b) => b.bloc === u.bloc)!]));
  const fileCount = p.int(1, 3);
  const perFile: Data[] = Array.from({ length: fileCount }, () => ({}));
  for (const u of rules.units) {
    if (p.chance(rate)) continue;
    const entry = unitEvidence(p, blocOf.get(u.id)!, rate, gaps);
    define(perFile[p.int(0, fileCount - 1)]!, u.id, entry);
    if (p.chance(rate)) define(perFile[p.int(0, fileCount - 1)]!, u.id, entry);
  }
  if (p.chance(rate)) {
    const id = p.one(['NOPE', '__proto__', ...INHERITED_NAMES, '-x', 'a b', 'x'.repeat(65), `${rules.units[0]!.id.toLowerCase()}`]);
    define(perFile[0]!, id, p.chance(50) ? unitEvidence(p, rules.blocs[0]!, rate, rate) : wildValue(p, undefined));
  }
  const files: Record<string, string | Uint8Array> = {};
  perFile.forEach((units, i) => {
    const doc: Data = { quarter, units };
    if (p.chance(rate)) doc.quarter = p.one(['2019-Q5', '2019-q1', 2019, null, '2020-Q1', quarter === '2019-Q1' ? '2019-Q2' : '2019-Q1']);
    if (p.chance(rate)) delete doc[p.one(['quarter', 'units'])];
    if (p.chance(rate)) doc[p.one(['extra', '__proto__', '$schema'])] = p.one(['x', 1, null]);
    let text = stringify(doc, { lineWidth: p.one([0, 80]) });
    if (p.chance(rate)) text = corrupt(p, text);
    if (p.chance(10)) text = `\ufeff${text}`;
    files[`${p.one(['q', 'evidence', 'Z'])}-${i}${p.one(['.yaml', '.yml', '.json'])}`] = text;
  });
  if (p.chance(rate)) {
    const bytes = new Uint8Array(p.int(0, 200));
    for (let i = 0; i < bytes.length; i++) bytes[i] = p.int(0, 255);
    files[p.one(['notes.csv', '~$open.xlsx', 'broken.xlsx', 'README.txt', 'empty.yaml', 'list.json'])] = p.one([bytes, '', '[1, 2]', 'null']);
  }
  const names = Object.keys(files);
  const asked = p.chance(80) ? undefined : clean ? quarter : p.one([quarter, '2018-Q3']);
  const single = names.length === 1 && p.chance(50) ? names[0] : undefined;
  return { files, single, missing, quarter: asked, clean };
}

export const evidenceFor = (rules: Rules): fc.Arbitrary<EvidenceCase> => fc.gen().map((g) => evidenceCase(picker(g), rules));
