import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';

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

/** Reads and parses one YAML file; never throws for problems in the file itself. */
export async function loadYamlFile(file: string): Promise<{ source?: SourceFile; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const code = e.code === 'ENOENT' ? 'FILE_MISSING' : 'FILE_UNREADABLE';
    return { diagnostics: [diagnostic(code, { file, line: 1, col: 1 }, { name: file, reason: e.code ?? e.message })] };
  }
  return parseYaml(file, text);
}

/** Parses YAML text; syntax errors and duplicate keys become diagnostics at their position. */
export function parseYaml(file: string, text: string): { source: SourceFile; diagnostics: Diagnostic[] } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parse = () => {
    const lineCounter = new LineCounter();
    return { lineCounter, doc: parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true }) };
  };
  let parsed: ReturnType<typeof parse> | undefined = parse();
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
    } else if (!syntaxLines.has(where.line)) {
      // One syntax error sets off others on the same line; the first is the one to fix.
      syntaxLines.add(where.line);
      diagnostics.push(diagnostic('YAML_SYNTAX', where, { detail: firstLine(e.message) }));
    }
  }
  let data: unknown = null;
  if (diagnostics.length === 0) {
    try {
      data = normalize(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    } catch (err) {
      // The yaml library throws only for excessive alias expansion here.
      if (!(err instanceof ReferenceError)) throw err;
      diagnostics.push(diagnostic('YAML_SYNTAX', { file, line: 1, col: 1 }, { detail: err.message }));
    }
  }
  // The syntax tree of a large evidence file is many times its data: it is let go now, and
  // parsed again only if a message needs a position in the file.
  if (diagnostics.length === 0) parsed = undefined;
  const source: SourceFile = {
    file,
    text,
    data,
    parsed: diagnostics.length === 0,
    locate: (path, target = 'value') => {
      parsed ??= parse();
      const { line, col } = parsed.lineCounter.linePos(offsetOf(parsed.doc, path, target));
      return { file, line, col };
    },
  };
  return { source, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function keyText(text: string, start: number): string {
  return text.slice(start).split(/[:\n]/)[0]!.trim();
}

function offsetOf(doc: Document, path: Path, target: 'value' | 'key'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
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

/** Deep copy with every string and key in NFC; keys are defined, never assigned, so `__proto__` stays data. */
function normalize(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k.normalize('NFC'), { value: normalize(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
