import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Levels of nesting written piece by piece; below them (a unit's outcome) a value is stringified whole. */
const SPLIT_DEPTH = 4;
/** Pieces are gathered into chunks of about this many characters before they are written. */
const CHUNK = 1 << 16;

/**
 * `JSON.stringify(value, null, 2)`, character for character, in pieces: the text of a large
 * results.json (430 MB at 20,000 units) is never held whole. Plain data only (no toJSON).
 */
export function* jsonPieces(value: unknown, indent = '', depth = 0): Generator<string> {
  const inner = `${indent}  `;
  if (depth < SPLIT_DEPTH && Array.isArray(value) && value.length > 0) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      const item: unknown = value[i];
      // As JSON.stringify writes them in a list: undefined and functions as null.
      if (item === undefined || typeof item === 'function') yield 'null';
      else yield* jsonPieces(item, inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  if (depth < SPLIT_DEPTH && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // As JSON.stringify: entries whose value it leaves out are left out.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length > 0) {
      yield '{';
      for (const [i, [key, v]] of entries.entries()) {
        yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
        yield* jsonPieces(v, inner, depth + 1);
      }
      yield `\n${indent}}`;
      return;
    }
  }
  yield JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
}

/** Writes `JSON.stringify(value, null, 2)` and a newline to `file`, in chunks, minding the file's pace. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  function* chunks(): Generator<string> {
    let chunk = '';
    for (const piece of jsonPieces(value)) {
      chunk += piece;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}\n`;
  }
  await pipeline(Readable.from(chunks()), createWriteStream(file));
}
