/**
 * What a run needs of the results.json it replaces, read from the file's bytes without building
 * it: at 3,000 units the file is 71 MB, and JSON.parse makes some 290 MB of objects of it, when
 * only the stamp, the unit ids and their scores are wanted.
 *
 * The bytes are checked as JSON.parse checks them (a file it refuses gives undefined here), and
 * the value given back is the parsed file pruned to the members that are read of a results file:
 * `scheme`, `rulesDigest`, `quarter` and `blocs` at the top, each bloc's `units`, each unit's `id`
 * and `score`. Any other value is left out, and a value where one of those members is expected
 * but of another kind is kept only as its kind (an object `{}`, an array `[]`, or `null`), so that
 * isResultsFile, scoresIn and unitIdsIn answer for the pruned value as for the whole file. A key
 * given twice counts at its last copy, as in JSON.parse. Nesting of any depth is checked without
 * recursion past the members read. A text read of more than V8's longest string (512 MiB), which
 * JSON.parse could not have read either, gives undefined too.
 */
import { readFile } from 'node:fs/promises';

/** What is wanted of a value, by where it is. */
const enum Role {
  Top,
  Blocs,
  Bloc,
  Units,
  Unit,
  /** A text or a number read as it is. */
  Scalar,
}

class NotJson extends Error {}

/**
 * The results.json at `file`, skimmed: undefined when there is none (nor its folder), null when
 * it cannot be read or is not JSON.
 */
export async function skimResultsFile(file: string): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return null;
  }
  return skimResults(bytes) ?? null;
}

export function skimResults(bytes: Buffer): unknown {
  const skim = new Skimmer(bytes);
  try {
    const value = skim.value(Role.Top);
    skim.space();
    return skim.at === bytes.length ? value : undefined;
  } catch (err) {
    if (err instanceof NotJson || (err as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') return undefined;
    throw err;
  }
}

/** The members read of an object where it is, and what is wanted of each. */
function roleOf(role: Role, key: string): Role | undefined {
  if (role === Role.Top) return key === 'blocs' ? Role.Blocs : key === 'scheme' || key === 'rulesDigest' || key === 'quarter' ? Role.Scalar : undefined;
  if (role === Role.Bloc) return key === 'units' ? Role.Units : undefined;
  if (role === Role.Unit) return key === 'id' || key === 'score' ? Role.Scalar : undefined;
  return undefined;
}

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
const isHex = (b: number | undefined) => isDigit(b) || (b !== undefined && ((b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)));
/** The characters a backslash may escape: " \ / b f n r t u. */
const ESCAPED = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74, 0x75]);

class Skimmer {
  at = 0;

  constructor(private readonly bytes: Buffer) {}

  /** The value at `at`, as wanted where it is; `at` moves past it. */
  value(role: Role): unknown {
    this.space();
    const c = this.bytes[this.at];
    if (c === OPEN_OBJECT && (role === Role.Top || role === Role.Bloc || role === Role.Unit)) return this.object(role);
    if (c === OPEN_ARRAY && (role === Role.Blocs || role === Role.Units)) return this.array(role === Role.Blocs ? Role.Bloc : Role.Unit);
    if (role === Role.Scalar && c !== OPEN_OBJECT && c !== OPEN_ARRAY) return this.scalar(true);
    this.skip();
    // Only its kind can matter to what reads it.
    return c === OPEN_ARRAY ? [] : c === OPEN_OBJECT ? {} : null;
  }

  private object(role: Role): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.items(CLOSE_OBJECT, () => {
      const key = this.key(true)!;
      const wanted = roleOf(role, key);
      // Only the names roleOf knows are set: never `__proto__`.
      if (wanted === undefined) this.skip();
      else out[key] = this.value(wanted);
    });
    return out;
  }

  private array(role: Role): unknown[] {
    const out: unknown[] = [];
    this.items(CLOSE_ARRAY, () => out.push(this.value(role)));
    return out;
  }

  /** The members of an object or the items of an array, each read by `each`, the commas and brackets checked. */
  private items(close: number, each: () => void): void {
    this.at++;
    this.space();
    if (this.bytes[this.at] === close) {
      this.at++;
      return;
    }
    for (;;) {
      each();
      this.space();
      const next = this.bytes[this.at++];
      if (next === COMMA) continue;
      if (next === close) return;
      throw new NotJson();
    }
  }

  /** Checks the value at `at` and moves past it, keeping nothing; a stack of the brackets open, not recursion. */
  private skip(): void {
    const open: number[] = [];
    for (;;) {
      this.space();
      const c = this.bytes[this.at];
      let closed = true;
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        this.at++;
        this.space();
        const close = c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
        if (this.bytes[this.at] === close) this.at++;
        else {
          open.push(close);
          if (close === CLOSE_OBJECT) this.key(false);
          closed = false;
        }
      } else this.scalar(false);
      if (!closed) continue;
      // After a value: the next one of the innermost open bracket, or its end.
      for (;;) {
        if (open.length === 0) return;
        this.space();
        const next = this.bytes[this.at++];
        const close = open[open.length - 1];
        if (next === close) {
          open.pop();
          continue;
        }
        if (next !== COMMA) throw new NotJson();
        if (close === CLOSE_OBJECT) this.key(false);
        break;
      }
    }
  }

  /** An object's key and its colon: its text when `read`. */
  private key(read: boolean): string | undefined {
    this.space();
    if (this.bytes[this.at] !== QUOTE) throw new NotJson();
    const start = this.at;
    this.string();
    const key = read ? this.text(start, this.at) : undefined;
    this.space();
    if (this.bytes[this.at++] !== COLON) throw new NotJson();
    return key;
  }

  /** A string, a number, true, false or null: its value when `read`. */
  private scalar(read: boolean): unknown {
    const c = this.bytes[this.at];
    const start = this.at;
    if (c === QUOTE) {
      this.string();
      return read ? this.text(start, this.at) : undefined;
    }
    const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : undefined;
    if (word !== undefined) {
      for (let k = 1; k < word.length; k++) if (this.bytes[this.at + k] !== word.charCodeAt(k)) throw new NotJson();
      this.at += word.length;
      return word === 'true' ? true : word === 'false' ? false : null;
    }
    this.number();
    return read ? Number(this.bytes.toString('latin1', start, this.at)) : undefined;
  }

  /** Moves past a string, checking its escapes and that it holds no control character. */
  private string(): void {
    const b = this.bytes;
    for (let i = this.at + 1; i < b.length; i++) {
      const c = b[i]!;
      if (c === QUOTE) {
        this.at = i + 1;
        return;
      }
      if (c < 0x20) break;
      if (c === BACKSLASH) {
        const e = b[++i];
        if (e === undefined || !ESCAPED.has(e)) break;
        if (e === 0x75) {
          if (!(isHex(b[i + 1]) && isHex(b[i + 2]) && isHex(b[i + 3]) && isHex(b[i + 4]))) break;
          i += 4;
        }
      }
    }
    throw new NotJson();
  }

  /** Moves past a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    const b = this.bytes;
    let i = this.at;
    if (b[i] === 0x2d) i++;
    if (b[i] === 0x30) i++;
    else if (isDigit(b[i])) while (isDigit(b[i])) i++;
    else throw new NotJson();
    if (b[i] === 0x2e) {
      i++;
      if (!isDigit(b[i])) throw new NotJson();
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      if (!isDigit(b[i])) throw new NotJson();
      while (isDigit(b[i])) i++;
    }
    this.at = i;
  }

  /** A string's text, its quotes included between `start` and `end`, as JSON.parse gives it. */
  private text(start: number, end: number): string {
    // Most are plain ASCII (keys, ids, quarters): read as they are.
    let plain = true;
    for (let i = start + 1; i < end - 1 && plain; i++) plain = this.bytes[i]! < 0x80 && this.bytes[i] !== BACKSLASH;
    return plain ? this.bytes.toString('latin1', start + 1, end - 1) : (JSON.parse(this.bytes.toString('utf8', start, end)) as string);
  }

  /** Moves past JSON's white space: space, tab, line feed, carriage return. */
  space(): void {
    const b = this.bytes;
    while (this.at < b.length) {
      const c = b[this.at];
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.at++;
    }
  }
}
