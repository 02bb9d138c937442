/**
 * Scorecard folders for the fuzz tests: valid ones, built so that `cchc validate` finds nothing
 * (every scoring method, facts from other blocs, ids that shadow JavaScript's own properties),
 * and broken ones, mutated from valid ones in their data, their text or their files.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { define, INHERITED_NAMES, picker, type Pick } from './fuzz-pick.js';

/** A rules folder before it is written: each file's content by file name. */
export type FolderFiles = Record<string, string | Uint8Array>;

type Data = Record<string, unknown>;
type FactType = 'number' | 'integer' | 'boolean' | 'text';

interface FactDecl {
  label: string;
  type: FactType;
  min?: number;
  max?: number;
  unit?: string;
  from?: { bloc: string; aggregate: string; of: string };
}

/** What later blocs may read of an earlier one through `from`. */
interface Readable {
  bloc: string;
  sections: string[];
}

const METHODS = ['bands', 'linear', 'deduct', 'count', 'check', 'checklist', 'rules', 'manual'] as const;
const ORDERING = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
const ANY_TYPE = ['equal', 'notEqual', 'in', 'notIn'];

/** Picks a name not yet taken: one of `pool` when free and drawn, else `fallback(n)`. */
function freshName(p: Pick, taken: Set<string>, pool: readonly string[], fallback: (n: number) => string, weird = 20): string {
  let name = p.chance(weird) ? p.one(pool) : fallback(taken.size);
  for (let n = taken.size; taken.has(name); n++) name = fallback(n);
  taken.add(name);
  return name;
}

/** The facts of one bloc, declared as criteria ask for them so that every fact is read. */
class FactBook {
  readonly facts: Data = {};
  private readonly names = new Set<string>();

  constructor(
    private readonly p: Pick,
    private readonly earlier: readonly Readable[],
  ) {}

  declare(decl: FactDecl): string {
    const pool = ['__proto__', ...INHERITED_NAMES, '_', 'prototype', 'length'];
    const name = freshName(this.p, this.names, pool, (n) => `${this.p.one(['rate', 'days', 'count', 'ok', '_v', 'X'])}_${n}`, 15);
    define(this.facts, name, decl);
    return name;
  }

  label(): string {
    return this.p.text(this.p.chance(50));
  }

  /** A number or integer fact, maybe bounded; sometimes computed from an earlier bloc, when one exists. */
  numeric(): string {
    const p = this.p;
    if (this.earlier.length > 0 && p.chance(20)) {
      const source = p.one(this.earlier);
      const of = p.one(['score', 'base', ...source.sections]);
      return this.declare({ label: this.label(), type: 'number', from: { bloc: source.bloc, aggregate: p.one(['mean', 'median', 'min', 'max']), of } });
    }
    const reuse = this.existing(['number', 'integer']);
    if (reuse && p.chance(30)) return reuse;
    const type = p.one(['number', 'integer'] as const);
    const decl: FactDecl = { label: this.label(), type };
    const a = p.int(-100, 200);
    const b = p.int(a, a + p.one([0, 1, 10, 300]));
    if (p.chance(40)) decl.min = type === 'number' && p.chance(30) ? a - 0.5 : a;
    if (p.chance(40)) decl.max = b;
    if (p.chance(30)) decl.unit = p.one(['%', 'ngày', 'lần']);
    return this.declare(decl);
  }

  boolean(): string {
    const reuse = this.existing(['boolean']);
    return reuse && this.p.chance(30) ? reuse : this.declare({ label: this.label(), type: 'boolean' });
  }

  /** Any fact for a condition: a new one of any type, or one already declared. */
  any(): string {
    const p = this.p;
    const all = Object.keys(this.facts);
    if (all.length > 0 && p.chance(50)) return p.one(all);
    const type = p.one(['number', 'integer', 'boolean', 'text'] as const);
    if (type === 'boolean') return this.boolean();
    if (type === 'text') return this.declare({ label: this.label(), type: 'text' });
    return this.numeric();
  }

  typeOf(name: string): FactType {
    return (this.facts[name] as FactDecl).type;
  }

  /** A declared fact whose values compare with those of a fact of `type` (numbers with numbers). */
  sameKind(type: FactType): string | undefined {
    const numeric = (t: FactType) => (t === 'integer' ? 'number' : t);
    const list = Object.keys(this.facts).filter((f) => numeric(this.typeOf(f)) === numeric(type));
    return list.length > 0 ? this.p.one(list) : undefined;
  }

  private existing(types: FactType[]): string | undefined {
    const list = Object.keys(this.facts).filter((f) => types.includes(this.typeOf(f)));
    return list.length > 0 ? this.p.one(list) : undefined;
  }
}

/** Points from 0 to max: mostly round fractions of max, sometimes any double in the range. */
function pointsUpTo(p: Pick, max: number, positive = false): number {
  if (p.chance(25)) {
    const v = p.double(0, max);
    return positive && v === 0 ? max : v;
  }
  return (max * p.int(positive ? 1 : 0, 20)) / 20;
}

/** A positive `per`: the usual ones, or any positive double (tiny ones included). */
function perValue(p: Pick): number {
  return p.chance(80) ? p.one([1, 2, 3, 0.5, 0.1, 10]) : p.double(Number.MIN_VALUE, 1e6);
}

/**
 * A `bands` method every step of which can match: thresholds at least 3 apart, running down
 * (atLeast / above) or up (atMost / below), the fact's range, when it has one, 3 beyond them;
 * maybe an `equals` step first; then `otherwise`, or a last step taking every value left.
 */
function numericBands(p: Pick, book: FactBook, max: number): Data {
  const type = p.one(['number', 'integer'] as const);
  const half = type === 'number' && p.chance(30);
  const scale = (v: number) => (half ? v / 2 : v);
  const raw: number[] = [];
  for (let t = p.int(-50, 100), k = p.int(1, 4); raw.length < k; t += p.int(3, 20)) raw.push(t);
  const lowMargin = p.int(3, 10);
  const highMargin = p.int(3, 10);
  const decl: FactDecl = { label: book.label(), type };
  if (p.chance(50)) decl.min = scale(raw[0]! - lowMargin);
  if (p.chance(50)) decl.max = scale(raw.at(-1)! + highMargin);
  const fact = book.declare(decl);
  const down = p.chance(50);
  const thresholds = (down ? [...raw].reverse() : raw).map(scale);
  const steps: Data[] = [];
  if (p.chance(25)) {
    const lo = Math.ceil(decl.min ?? scale(raw[0]! - 5));
    const hi = Math.floor(decl.max ?? scale(raw.at(-1)! + 5));
    steps.push({ equals: p.int(lo, hi), points: pointsUpTo(p, max) });
  }
  let last: string | undefined;
  for (const t of thresholds) {
    last = down ? p.one(['atLeast', 'above']) : p.one(['atMost', 'below']);
    steps.push({ [last]: t, points: pointsUpTo(p, max) });
  }
  const complement: Record<string, string> = { atLeast: 'below', above: 'atMost', atMost: 'above', below: 'atLeast' };
  if (p.chance(25)) steps.push({ [complement[last!]!]: thresholds.at(-1), points: pointsUpTo(p, max) });
  else steps.push({ otherwise: pointsUpTo(p, max) });
  return { bands: { fact, steps } };
}

function otherBands(p: Pick, book: FactBook, max: number): Data {
  if (p.chance(50)) {
    const fact = book.declare({ label: book.label(), type: 'boolean' });
    const first = p.chance(50);
    const steps: Data[] = [{ equals: first, points: pointsUpTo(p, max) }];
    steps.push(p.chance(50) ? { equals: !first, points: pointsUpTo(p, max) } : { otherwise: pointsUpTo(p, max) });
    return { bands: { fact, steps } };
  }
  const fact = book.declare({ label: book.label(), type: 'text' });
  const words = new Set<string>();
  for (let k = p.int(1, 3); words.size < k; ) words.add(p.text(p.chance(50)).normalize('NFC'));
  const steps: Data[] = [...words].map((w) => ({ equals: w, points: pointsUpTo(p, max) }));
  steps.push({ otherwise: pointsUpTo(p, max) });
  return { bands: { fact, steps } };
}

function literal(p: Pick, type: FactType): unknown {
  if (type === 'boolean') return p.chance(50);
  if (type === 'text') return p.text(p.chance(30)).normalize('NFC');
  return p.chance(70) ? p.int(-100, 200) : p.double(-1e6, 1e6);
}

function condition(p: Pick, book: FactBook, depth: number): Data {
  if (depth < 2 && p.chance(35)) {
    const kind = p.one(['all', 'any', 'not']);
    if (kind === 'not') return { not: condition(p, book, depth + 1) };
    return { [kind]: Array.from({ length: p.int(1, 3) }, () => condition(p, book, depth + 1)) };
  }
  const fact = book.any();
  const type = book.typeOf(fact);
  const operator = p.one(type === 'number' || type === 'integer' ? [...ORDERING, ...ANY_TYPE] : ANY_TYPE);
  const other = book.sameKind(type);
  const membership = operator === 'in' || operator === 'notIn';
  let value: unknown;
  if (membership) value = Array.from({ length: p.int(0, 3) }, () => literal(p, type));
  else if (other !== undefined && p.chance(15)) value = { fact: other };
  else value = literal(p, type);
  return { fact, operator, value };
}

function scoreOf(p: Pick, book: FactBook, max: number, unit: number): Data {
  switch (p.one(METHODS)) {
    case 'bands':
      return p.chance(70) ? numericBands(p, book, max) : otherBands(p, book, max);
    case 'linear': {
      const zeroAt = p.chance(70) ? p.int(-100, 200) : p.double(-1e6, 1e6);
      let fullAt = p.chance(70) ? p.int(-100, 200) : p.double(-1e6, 1e6);
      if (fullAt === zeroAt) fullAt = zeroAt + 1;
      return { linear: { fact: book.numeric(), zeroAt, fullAt } };
    }
    case 'deduct': {
      const deduct: Data = { fact: book.numeric(), points: pointsUpTo(p, max, true) };
      if (p.chance(40)) deduct.per = perValue(p);
      if (p.chance(40)) deduct.floor = (max * p.int(0, 19)) / 20;
      return { deduct };
    }
    case 'count': {
      const count: Data = { fact: book.numeric(), points: pointsUpTo(p, max, true) };
      if (p.chance(40)) count.per = perValue(p);
      return { count };
    }
    case 'check': {
      const check: Data = { fact: book.boolean() };
      if (p.chance(40)) check.expect = p.chance(50);
      return { check };
    }
    case 'checklist': {
      // Cuts in whole steps of the unit, so the items add up to max exactly.
      const steps = Math.round(max / unit);
      const cuts = Array.from({ length: p.int(0, 3) }, () => p.int(0, steps)).sort((a, b) => a - b);
      const bounds = [0, ...cuts, steps];
      const items = bounds.slice(1).map((b, i) => ({ fact: book.boolean(), points: (b - bounds[i]!) * unit }));
      return { checklist: { items } };
    }
    case 'rules': {
      const list = Array.from({ length: p.int(1, 3) }, () => ({ points: pointsUpTo(p, max), when: condition(p, book, 0) }));
      return { rules: { mode: p.one(['first', 'sum']), list } };
    }
    case 'manual':
      return { manual: {} };
  }
}

function criterion(p: Pick, book: FactBook, ids: Set<string>, unit: number): Data {
  const id = freshName(p, ids, [...INHERITED_NAMES, '0', '1.2', 'T.1'], (n) => `${p.one(['I', 'II', 'T', 'TR'])}.${n}`);
  const max = p.int(1, 40) * unit;
  const c: Data = { id, name: book.label(), max, score: scoreOf(p, book, max, unit) };
  if (p.chance(30)) c.allowNotApplicable = p.chance(80);
  if (p.chance(20)) c.guide = p.text(true);
  return c;
}

function bloc(p: Pick, id: string, precision: number, earlier: readonly Readable[]): { data: Data; readable: Readable } {
  const book = new FactBook(p, earlier);
  // Maxima in steps the precision can hold, so that the total adds up exactly; at most 40 steps
  // of 250 for each of at most 9 criteria keeps the total within the language's 100,000.
  const unit = p.one(precision >= 2 ? [1, 1, 0.5, 0.25, 5, 250] : precision === 1 ? [1, 0.5, 5] : [1, 5]);
  const criteria = new Set<string>();
  const sectionIds = new Set<string>();
  const sections = Array.from({ length: p.int(1, 3) }, () => ({
    id: freshName(p, sectionIds, [...INHERITED_NAMES, '0', 'I'], (n) => ['I', 'II', 'III', 'IV'][n] ?? `S${n}`),
    name: book.label(),
    criteria: Array.from({ length: p.int(1, 3) }, () => criterion(p, book, criteria, unit)),
  }));
  const total = sections.flatMap((s) => s.criteria.map((c) => c.max as number)).reduce((a, b) => a + b, 0);
  const extra = (n: number) => Array.from({ length: n }, () => criterion(p, book, criteria, unit));
  const data: Data = { bloc: id, name: book.label(), total, facts: book.facts, sections };
  const bonus = p.int(0, 2);
  if (bonus > 0 || p.chance(10)) data.bonus = extra(bonus);
  const penalty = p.int(0, 2);
  if (penalty > 0 || p.chance(10)) data.penalty = extra(penalty);
  if (p.chance(40)) data.tiebreak = [...sectionIds].filter(() => p.chance(60));
  return { data, readable: { bloc: id, sections: [...sectionIds] } };
}

/** A valid rules folder as data: scheme.yaml, units.yaml and one file per bloc. */
export function validFolderData(p: Pick): Record<string, Data> {
  const blocIds = new Set<string>();
  const ids = Array.from({ length: p.int(1, 3) }, () => freshName(p, blocIds, ['constructor', 'a', 'x-1', 'b_2', 'district-branches'], (n) => `bloc${n}`, 30));
  const precision = p.chance(20) ? undefined : p.int(0, 6);
  const files: Record<string, Data> = {};
  const earlier: Readable[] = [];
  for (const id of ids) {
    const made = bloc(p, id, precision ?? 2, earlier);
    earlier.push(made.readable);
    files[`${id}${p.chance(15) ? '.yml' : '.yaml'}`] = made.data;
  }
  const minima = [...new Set(Array.from({ length: p.int(0, 3) }, () => (p.chance(70) ? p.int(0, 120) : p.double(0, 120))))].sort((a, b) => b - a);
  const grades: Data[] = [...minima.map((min) => ({ min, label: p.text(true) })), { label: p.text(true) }];
  // Report order need not be scoring order: a bloc may come before the bloc it reads.
  const order = p.shuffle(ids);
  const scheme: Data = { scheme: p.one(['s', 'pctv-cchc', 'X.1']), organization: p.text(true), committee: p.text(true), place: p.text(true), version: p.one(['1', '2019.10', '']), grades, blocs: order };
  if (precision !== undefined) scheme.precision = precision;
  const unitIds = new Set<string>();
  const units = ids.flatMap((bloc) =>
    Array.from({ length: p.int(1, 3) }, () => ({
      id: freshName(p, unitIds, [...INHERITED_NAMES, '0', '1.2', 'DL-A', 'VP'], (n) => `U-${n}`, 25),
      name: p.text(true),
      bloc,
    })),
  );
  files['scheme.yaml'] = scheme;
  files['units.yaml'] = { units: p.shuffle(units) };
  return files;
}

/** The YAML text of each file, sometimes with the schema comment VS Code reads first. */
export function toTexts(p: Pick, files: Record<string, unknown>): FolderFiles {
  const out: FolderFiles = {};
  for (const [name, data] of Object.entries(files)) {
    const head = p.chance(30) ? '# yaml-language-server: $schema=../schemas/bloc.schema.json\n' : '';
    out[name] = head + stringify(data, { lineWidth: p.one([0, 80]) });
  }
  return out;
}

export const validFolder = (): fc.Arbitrary<FolderFiles> =>
  fc.gen().map((g) => {
    const p = picker(g);
    return toTexts(p, validFolderData(p));
  });

type Path = (string | number)[];

function pathsIn(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsIn(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsIn(v, [...prefix, k]));
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const seg of path) node = (node as Record<string | number, unknown>)[seg];
  return node;
}

/** Replaces the value at `path` (not the root); keys are defined, so `__proto__` stays data. */
function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = valueAt(root, path.slice(0, -1)) as Record<string, unknown>;
  define(parent, String(path.at(-1)), value);
}

const ODD_VALUES: unknown[] = [null, '', 'x', 0, -0, -1, 1e21, 1e308, Infinity, -Infinity, NaN, true, [], {}, 'NaN', '.inf', '__proto__', 'constructor', { fact: 'nope' }, [null], '1.2', 5e-324, 2 ** 53 + 2];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '$schema', 'path', 'otherwise', 'fact', ''];

/**
 * One change to a file's data. Some break the schema (a value of another type, a key deleted or
 * added); most keep it and break the meaning: a number nudged out of its range, a string swapped
 * with another of the same file (a fact, a type, an operator, an id, a bloc), entries duplicated
 * or reordered. Returns the new root.
 */
function mutateData(p: Pick, root: unknown): unknown {
  const paths = pathsIn(root).filter((path) => path.length > 0);
  if (paths.length === 0) return p.json();
  const ofKind = (test: (v: unknown) => boolean) => paths.filter((path) => test(valueAt(root, path)));
  const kind = p.int(0, 7);
  if (kind === 0) {
    setAt(root, p.one(paths), p.chance(50) ? p.one(ODD_VALUES) : p.json());
  } else if (kind === 1) {
    const path = p.one(paths);
    const parent = valueAt(root, path.slice(0, -1));
    if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
    else delete (parent as Record<string, unknown>)[path.at(-1)!];
  } else if (kind === 2 || kind === 3) {
    const numbers = ofKind((v) => typeof v === 'number');
    if (numbers.length === 0) return root;
    const path = p.one(numbers);
    const n = valueAt(root, path) as number;
    // Nudged, or copied from elsewhere in the file (zeroAt = fullAt, floor = max, a band step's threshold).
    setAt(root, path, p.chance(40) ? valueAt(root, p.one(numbers)) : p.one([-n, n * 10, n + 1e-7, n + 0.001, n - 1, -1e-9, 0, n / 3, n + 1, 1e15]));
  } else if (kind === 4 || kind === 5) {
    // Mostly among words that mean something to the checks (ids, fact names, types, operators), not labels.
    const words = ofKind((v) => typeof v === 'string' && /^[\w.-]+$/.test(v));
    const strings = words.length >= 2 && p.chance(80) ? words : ofKind((v) => typeof v === 'string');
    if (strings.length < 2) return root;
    setAt(root, p.one(strings), p.chance(90) ? valueAt(root, p.one(strings)) : p.one(['gte', 'contains', 'integer', 'text', 'boolean', 'score', 'nope', 'median']));
  } else if (kind === 6) {
    const lists = ofKind((v) => Array.isArray(v) && v.length > 0);
    if (lists.length === 0) return root;
    const list = valueAt(root, p.one(lists)) as unknown[];
    const i = p.int(0, list.length - 1);
    // A duplicated entry (two sections, criteria, units with one id), or two swapped (band steps out of order).
    if (p.chance(50)) list.splice(i, 0, structuredClone(list[i]));
    else [list[i], list[0]] = [list[0], list[i]];
  } else {
    const objects = ofKind((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    if (objects.length === 0) return root;
    define(valueAt(root, p.one(objects)) as Record<string, unknown>, p.one(ODD_KEYS), p.chance(50) ? p.one(ODD_VALUES) : p.json());
  }
  return root;
}

const JUNK = ['\t', ':', ': ', '{', '}', '[', '"', "'", '&a ', '*a', '!!binary ', '!foo ', '!!timestamp ', '\u0000', '\ufeff', '- ', '#', '\n  ', '? ', '%YAML 1.1\n---\n', '<<: *a\n', 'é', '\u0301', '\r'];
/** Whole files no scorecard should be: empty, of the wrong shape, too deep, an alias bomb, a cycle. */
const ODD_FILES = [
  '', '---\n', 'null', '[]', '- 1', '"text"', '{', 'a: 1\na: 2\n', 'a: yes\n', 'a: !!binary aGk=\n', '%YAML 1.1\n---\nx: 0o17\n',
  `${'['.repeat(70)}${']'.repeat(70)}`,
  ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n'),
  '&a [*a]',
  'a: &x\n  b: *x\n',
];

/** One change to a file's text: cut short, junk inserted, a line written twice (a duplicate key, often), or bytes. */
function mutateText(p: Pick, text: string): string | Uint8Array {
  const at = p.int(0, text.length);
  switch (p.int(0, 3)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + p.one(JUNK) + text.slice(at);
    case 2: {
      const lines = text.split('\n');
      const i = p.int(0, lines.length - 1);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    default: {
      const bytes = Buffer.from(text.slice(0, at), 'utf8');
      const junk = Array.from({ length: p.int(1, 8) }, () => p.int(0, 255));
      return Buffer.concat([bytes, Buffer.from(junk), Buffer.from(p.chance(50) ? text.slice(at) : '', 'utf8')]);
    }
  }
}

/** A valid folder with one to three mutations of its data, its texts or its files. */
export const brokenFolder = (): fc.Arbitrary<FolderFiles> =>
  fc.gen().map((g) => {
    const p = picker(g);
    const data: Record<string, unknown> = validFolderData(p);
    const dataChanges = p.int(0, 3);
    for (let k = dataChanges; k > 0; k--) {
      const name = p.one(Object.keys(data));
      data[name] = mutateData(p, data[name]);
    }
    const files = toTexts(p, data);
    for (let k = p.int(dataChanges === 0 ? 1 : 0, 2); k > 0; k--) {
      const names = Object.keys(files);
      const name = p.one(names);
      const text = files[name]!;
      switch (p.int(0, 5)) {
        case 0:
        case 1:
          if (typeof text === 'string') files[name] = mutateText(p, text);
          break;
        case 2:
          delete files[name];
          break;
        case 3:
          // A bloc file under another name, or a second spelling of a bloc file (x.yaml beside x.yml).
          files[p.one([`${name.replace(/\.ya?ml$/, '')}.yml`, 'other.yaml', 'Notes.YAML', 'constructor.yaml'])] = text;
          break;
        default:
          files[p.one([...names, 'x.yaml'])] = p.one(ODD_FILES);
      }
    }
    return files;
  });
