import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { diagnostic, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { setOwn } from '../model/own.js';
import { readBytes } from './read-bytes.js';

export type Path = readonly (string | number)[];

/** A YAML file as loaded: its text, its data (strings in NFC), and a way back to positions. */
export interface SourceFile {
  /** The path as shown to the user. */
  file: string;
  text: string;
  data: unknown;
  /** False when the YAML itself was broken: `data` is then null and not worth validating. */
  parsed: boolean;
  /** Position of the node at `path` (or of its key, for `key`); the nearest existing parent when absent. */
  locate(path: Path, target?: 'value' | 'key'): Location;
  /** Where a value at `path` would be written though it is not (a form's empty cell); forms only. */
  slotOf?(path: Path): Location | undefined;
  /** Whether the value at `path` was given but refused when read (a form's cell): not missing, then. */
  refused?(path: Path): boolean;
  /** For an evidence form read from a workbook: the stamp of each unit sheet. */
  forms?: FormStamp[];
}

/** What a form sheet says it was made for: a unit, a quarter, the rules (by digest), and where it says so. */
export interface FormStamp {
  unit: string;
  quarter: string;
  rulesDigest: string;
  quarterAt: Location;
  digestAt: Location;
}

/** Cap on alias expansion, so a "billion laughs" file is refused instead of filling memory. */
const MAX_ALIAS_COUNT = 1000;
/**
 * Largest YAML file read. 5,000 units' evidence is about 7 MB; the parser's syntax tree takes
 * up to about 100 bytes of memory per byte of a file made of tiny entries, so the cap also caps memory.
 */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;
/** Files up to this size keep their syntax tree (about 100 bytes per byte) for positions; larger ones parse again when asked. */
const KEEP_TREE_UP_TO = 256 * 1024;
/** Deepest nesting of mappings and lists; the scorecard language needs about ten. */
export const MAX_YAML_DEPTH = 64;
/** Explicit tags allowed: the YAML 1.2 core ones. Others (`!!binary`, `!!timestamp`, `!foo`) would make values no schema expects. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Reads and parses one YAML file; never throws for problems in the file itself. */
export async function loadYamlFile(file: string): Promise<{ source?: SourceFile; diagnostics: Diagnostic[] }> {
  const read = await readYamlText(file);
  return 'text' in read ? parseYaml(file, read.text) : read;
}

/** A YAML file's text, if it can be read as one: a regular file, not too large, in UTF-8. */
export async function readYamlText(file: string): Promise<{ text: string } | { diagnostics: Diagnostic[] }> {
  const read = readBytes(file, MAX_YAML_BYTES);
  return 'bytes' in read ? decodeText(file, read.bytes) : read;
}

/** A file's bytes as UTF-8 text, or the first byte that is not UTF-8, at its place. */
export function decodeText(file: string, bytes: Buffer): { text: string } | { diagnostics: Diagnostic[] } {
  try {
    // Decoded once, checked as it goes (a 71 MB results.json: 0.8 s, half of checking then decoding).
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes)!;
    return { diagnostics: [diagnostic('YAML_ENCODING', positionOfByte(file, bytes, bad), { byte: bytes[bad]!.toString(16).toUpperCase().padStart(2, '0') })] };
  }
}

/** Parses YAML text; syntax errors and duplicate keys become diagnostics at their position. */
export function parseYaml(file: string, text: string): { source: SourceFile; diagnostics: Diagnostic[] } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = syntaxTree(text);
  const { doc, lineCounter } = parsed;
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const diagnostics: Diagnostic[] = [];
  const syntaxLines = new Set<number>();
  for (const e of doc.errors) {
    const where = at(e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') {
      diagnostics.push(diagnostic('YAML_DUPLICATE_KEY', where, { key: keyText(text, e.pos[0]) }));
    } else if (e.code === 'RESOURCE_EXHAUSTION') {
      // The parser ran out of stack: nesting far deeper than any scorecard.
      diagnostics.push(diagnostic('YAML_TOO_DEEP', where, { limit: MAX_YAML_DEPTH }));
    } else if (!syntaxLines.has(where.line)) {
      // One syntax error sets off others on the same line; the first is the one to fix.
      syntaxLines.add(where.line);
      const detail = e.code === 'MULTIPLE_DOCS' ? 'one document per file: a second "---" starts another' : firstLine(e.message);
      diagnostics.push(diagnostic('YAML_SYNTAX', where, { detail }));
    }
  }
  if (diagnostics.length === 0) diagnostics.push(...checkTree(doc, at));
  let data: unknown = null;
  if (diagnostics.length === 0) {
    try {
      const problems: ValueProblem[] = [];
      // Aliases may not make the data larger, in values, than the text could hold without them.
      const budget = { left: text.length + 1000 };
      data = normalize(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), [], problems, new Set(), budget);
      if (budget.left < 0) throw new ReferenceError('aliases expand past the size of the file');
      for (const p of problems) {
        const where = at(offsetOf(doc, p.path, 'value'));
        diagnostics.push(p.value === undefined ? diagnostic('YAML_ALIASES', where, { limit: MAX_ALIAS_COUNT, self: 'yes' }) : diagnostic('YAML_NUMBER', where, { value: numberText(p.value) }));
      }
    } catch (err) {
      // The yaml library throws only for aliases here: too many, or one naming no anchor.
      if (!(err instanceof ReferenceError)) throw err;
      const missing = /^Unresolved alias[^:]*: (\S+)/.exec(err.message);
      const first = firstAlias(doc, missing?.[1]);
      const where = first === undefined ? { file, line: 1, col: 1 } : at(first);
      diagnostics.push(missing ? diagnostic('YAML_SYNTAX', where, { detail: `no anchor &${missing[1]} before the alias *${missing[1]}` }) : diagnostic('YAML_ALIASES', where, { limit: MAX_ALIAS_COUNT }));
    }
    if (diagnostics.length > 0) data = null;
  }
  // The syntax tree of a large evidence file is many times its data: it is let go now, and
  // parsed again only if a message needs a position in the file. A small file's is kept: the
  // rules are asked for positions even when valid (where each id is first defined).
  const keep = diagnostics.length > 0 || text.length <= KEEP_TREE_UP_TO;
  const source = sourceOf(file, text, data, diagnostics.length === 0, keep ? parsed : undefined);
  return { source, diagnostics };
}

type SyntaxTree = { doc: Document; lineCounter: LineCounter };

function syntaxTree(text: string): SyntaxTree {
  const lineCounter = new LineCounter();
  // The core schema whatever a `%YAML 1.1` line says: no `yes` as true, no `1:30` as 90.
  // Duplicate keys are found by checkTree: the parser's own check is quadratic in a mapping's size.
  return { lineCounter, doc: parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, schema: 'core' }) };
}

/**
 * A parsed file as the later stages see it, from its text (without a byte-order mark) and its
 * data; positions come from its syntax tree, parsed again when first asked for unless given.
 */
export function sourceOf(file: string, text: string, data: unknown, parsed: boolean, tree?: SyntaxTree): SourceFile {
  return {
    file,
    text,
    data,
    parsed,
    locate: (path, target = 'value') => {
      tree ??= syntaxTree(text);
      const { line, col } = tree.lineCounter.linePos(offsetOf(tree.doc, path, target));
      return { file, line, col };
    },
  };
}

/**
 * Tags outside the core schema and nesting deeper than MAX_YAML_DEPTH, each at its node.
 * Walked without recursion: the tree may be as deep as the parser managed.
 */
function checkTree(doc: Document, at: (offset: number) => Location): Diagnostic[] {
  const found = new Map<number, Diagnostic>();
  // A tag the parser could not resolve is warned about at the tag itself; those are shown there.
  const unresolved = new Set<string>();
  for (const w of doc.warnings) {
    if (w.code !== 'TAG_RESOLVE_FAILED') continue;
    const tag = /Unresolved tag: (\S+)/.exec(w.message)?.[1];
    if (tag) unresolved.add(tag);
    found.set(w.pos[0], diagnostic('YAML_TAG', at(w.pos[0]), { tag: (tag ?? firstLine(w.message)).replace('tag:yaml.org,2002:', '!!') }));
  }
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isNode(node)) continue;
    const offset = node.range?.[0] ?? 0;
    if (node.tag && !CORE_TAGS.has(node.tag) && !unresolved.has(node.tag)) {
      found.set(offset, diagnostic('YAML_TAG', at(offset), { tag: node.tag.replace('tag:yaml.org,2002:', '!!') }));
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_YAML_DEPTH) {
      found.set(offset, diagnostic('YAML_TOO_DEEP', at(offset), { limit: MAX_YAML_DEPTH }));
      return [...found.values()];
    }
    if (isMap(node)) {
      // Keys as they become data: an alias is the text it names, null is "", and keys equal once
      // in NFC are the same key ("Cầu" typed with combining accents is "Cầu").
      const keys = new Set<string>();
      for (const pair of node.items) {
        const keyAt = (pair.key as Node | null)?.range?.[0] ?? offset;
        const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
        if (key !== null && key !== undefined && !isScalar(key)) {
          found.set(keyAt, diagnostic('YAML_SYNTAX', at(keyAt), { detail: 'a key must be a single value, not a list or a mapping' }));
          continue;
        }
        const text = key?.value === null || key?.value === undefined ? '' : String(key.value).normalize('NFC');
        if (keys.has(text)) found.set(keyAt, diagnostic('YAML_DUPLICATE_KEY', at(keyAt), { key: text }));
        keys.add(text);
      }
    }
    for (const item of node.items) {
      if (isPair(item)) stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return [...found.values()];
}

/** Where the first alias is (the first naming `name`, if given). */
function firstAlias(doc: Document, name?: string): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (name !== undefined && node.source !== name) return undefined;
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  return String(value);
}

/** Offset of the first byte that is not valid UTF-8, if any. */
function firstInvalidUtf8(bytes: Buffer): number | undefined {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    strict.decode(bytes);
    return undefined;
  } catch {
    // The shortest prefix that fails ends at the bad byte; a sequence cut at the end of a
    // prefix is not a failure while streaming.
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
        lo = mid + 1;
      } catch {
        hi = mid;
      }
    }
    // Byte `lo` cannot follow what precedes it; when that is an unfinished sequence, the sequence
    // is what is broken, and its lead byte is the one shown.
    try {
      strict.decode(bytes.subarray(0, lo));
      return lo;
    } catch {
      let start = lo - 1;
      while (start > 0 && lo - start < 4 && (bytes[start]! & 0xc0) === 0x80) start--;
      return start;
    }
  }
}

function positionOfByte(file: string, bytes: Buffer, offset: number): Location {
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  const line = before.reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
  return { file, line, col: before.subarray(lineStart).toString('utf8').length + 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function keyText(text: string, start: number): string {
  return text.slice(start).split(/[:\n]/)[0]!.trim();
}

/** Each mapping's pairs by key text, built once: a file with thousands of bad keys is located in linear time. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      // The first pair of a key, as a search from the start would find it.
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

function offsetOf(doc: Document, path: Path, target: 'value' | 'key'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(seg));
      if (!pair) return offset;
      if (last && target === 'key') return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return offset;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** A number that cannot be used exactly, or (without a value) an alias inside what it names. */
interface ValueProblem {
  path: Path;
  value?: number;
}

/**
 * Deep copy with every string and key in NFC and -0 as 0; a key `__proto__` stays data (setOwn).
 * Numbers that cannot be used exactly (NaN, infinities, integers past 2^53) and aliases that hold
 * themselves (`&a [*a]`: a value without end) are collected with their path; `within` holds the
 * lists and mappings around `value`.
 */
function normalize(value: unknown, path: (string | number)[], problems: ValueProblem[], within: Set<object>, budget: { left: number }): unknown {
  if (--budget.left < 0) return null;
  if (typeof value === 'string') return value.normalize('NFC');
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) problems.push({ path: [...path], value });
    return value === 0 ? 0 : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (within.has(value)) {
    problems.push({ path: [...path] });
    return null;
  }
  within.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((v, i) => {
      path.push(i);
      const item = normalize(v, path, problems, within, budget);
      path.pop();
      return item;
    });
  } else {
    const map: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      path.push(k);
      setOwn(map, k.normalize('NFC'), normalize(v, path, problems, within, budget));
      path.pop();
    }
    out = map;
  }
  within.delete(value);
  return out;
}
