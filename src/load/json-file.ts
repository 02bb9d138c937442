import { diagnostic, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { readBytes } from './read-bytes.js';
import { decodeText, MAX_YAML_BYTES, parseYaml, type Path, type SourceFile } from './yaml-file.js';

/**
 * Largest JSON file read (a results.json: about 24 KB a unit, 71 MB at 3,000 units, 430 MB at
 * 20,000); V8's longest string is a little under 512 MiB.
 */
export const MAX_JSON_BYTES = 500 * 1024 * 1024;

/**
 * Characters that NFC may change: combining marks (Vietnamese typed decomposed, NFD, uses
 * U+0300–U+0323), Hangul jamo, the Ohm, Kelvin and Ångström signs, CJK compatibility ideographs.
 */
const MAY_DECOMPOSE = /[\u0300-\u036f\u1100-\u11ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f\u2126\u212a\u212b\uf900-\ufaff]/;

/**
 * Reads a JSON file, such as a quarter's results.json read again. Up to the YAML loader's size
 * it is read as YAML, of which JSON is a subset, with every check and position that gives. A
 * larger file's syntax tree would not fit in memory: it is parsed with JSON.parse, its strings
 * in NFC, and a position is found by scanning the text when a message needs one. There a key
 * given twice keeps its last value, as JSON.parse does.
 */
export async function loadJsonFile(file: string): Promise<{ source?: SourceFile; diagnostics: Diagnostic[] }> {
  const read = readBytes(file, MAX_JSON_BYTES);
  if (!('bytes' in read)) return read;
  const decoded = decodeText(file, read.bytes);
  if (!('text' in decoded)) return decoded;
  if (read.bytes.length <= MAX_YAML_BYTES) return parseYaml(file, decoded.text);
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  let data: unknown;
  try {
    // Text without combining marks (as cchc writes it, in NFC) is parsed as it is: normalising
    // 71 MB takes 0.6 s, looking for the marks 0.05 s.
    data = JSON.parse(MAY_DECOMPOSE.test(text) ? text.normalize('NFC') : text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const offset = Number(/position (\d+)/.exec(err.message)?.[1] ?? 0);
    const detail = err.message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
    const source: SourceFile = { file, text, data: null, parsed: false, locate: () => positionAt(file, text, offset) };
    return { source, diagnostics: [diagnostic('YAML_SYNTAX', positionAt(file, text, offset), { detail })] };
  }
  return { source: { file, text, data, parsed: true, locate: (path, target = 'value') => positionAt(file, text, offsetOf(text, path, target)) }, diagnostics: [] };
}

/**
 * The offset of the value at `path` in JSON text (or of its key, for `key`); of the nearest
 * existing parent when the path is not there. Scans from the start, skipping the values passed.
 */
export function offsetOf(text: string, path: Path, target: 'value' | 'key' = 'value'): number {
  let at = skipSpace(text, 0);
  let keyAt = at;
  for (const step of path) {
    // Schema errors name an array's items by their index as text ("3"), as JSON pointers do.
    const index = typeof step === 'number' ? step : text[at] === '[' && /^\d+$/.test(step) ? Number(step) : undefined;
    const next = index !== undefined ? itemOf(text, at, index) : memberOf(text, at, step as string);
    if (next === undefined) return at;
    [at, keyAt] = next;
  }
  return target === 'key' ? keyAt : at;
}

/** The value of member `key` of the object at `at`, and its key's offset. */
function memberOf(text: string, at: number, key: string): [number, number] | undefined {
  if (text[at] !== '{') return undefined;
  let i = skipSpace(text, at + 1);
  // The last of a key given twice: the one JSON.parse keeps.
  let found: [number, number] | undefined;
  while (text[i] === '"') {
    const keyAt = i;
    const end = stringEnd(text, i);
    const name = (JSON.parse(text.slice(i, end)) as string).normalize('NFC');
    i = skipSpace(text, skipSpace(text, end) + 1);
    if (name === key) found = [i, keyAt];
    i = skipSpace(text, valueEnd(text, i));
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return found;
}

/** Item `index` of the array at `at`. */
function itemOf(text: string, at: number, index: number): [number, number] | undefined {
  if (text[at] !== '[') return undefined;
  let i = skipSpace(text, at + 1);
  for (let k = 0; k < index; k++) {
    if (text[i] === ']' || i >= text.length) return undefined;
    i = skipSpace(text, valueEnd(text, i));
    if (text[i] !== ',') return undefined;
    i = skipSpace(text, i + 1);
  }
  return text[i] === ']' || i >= text.length ? undefined : [i, i];
}

/** Where the value starting at `i` ends: a string, an object or array (brackets counted outside strings), or a scalar. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c !== '{' && c !== '[') {
    let j = i;
    while (j < text.length && !',}] \n\r\t'.includes(text[j]!)) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text[j];
    if (d === '"') j = stringEnd(text, j) - 1;
    else if (d === '{' || d === '[') depth++;
    else if ((d === '}' || d === ']') && --depth === 0) return j + 1;
  }
  return text.length;
}

/** The offset after the string starting at `i` (its closing quote included). */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && ' \n\r\t'.includes(text[i]!)) i++;
  return i;
}

/** Line and column (1-based) of an offset. */
function positionAt(file: string, text: string, offset: number): Location {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { file, line, col: offset - text.lastIndexOf('\n', offset - 1) };
}
