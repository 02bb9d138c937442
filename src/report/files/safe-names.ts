/** Sheet and file names made safe from any bloc name or unit id, and unique. */

const SHEET_FORBIDDEN = /[*?:/\\[\]'\u0000-\u001f\u007f]/g;
const FILE_FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Device names Windows refuses as a file's base name, whatever the extension. */
const RESERVED_FILE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const SHEET_MAX = 31;
const FILE_MAX = 100;

/**
 * Excel sheet names for `names`, in order: at most 31 characters, none of `* ? : / \ [ ]` nor an
 * apostrophe (it breaks print-title references), no name of `taken`, unique ignoring case.
 */
export function safeSheetNames(names: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(['history', ...taken.map(fold)]);
  return names.map((name, i) => {
    const clean = name.normalize('NFC').replace(SHEET_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
    return claim(clean || `Sheet ${i + 1}`, SHEET_MAX, used, (n) => ` (${n})`);
  });
}

/**
 * File names (without extension) for `ids`, in order: no path separator or character Windows
 * refuses, no leading dot, no reserved device name, unique ignoring case.
 */
export function safeFileNames(ids: readonly string[]): string[] {
  const used = new Set<string>();
  return ids.map((id) => {
    let clean = id.normalize('NFC').replace(FILE_FORBIDDEN, '_').replace(/^[.\s]+|[.\s]+$/g, (m) => '_'.repeat(m.length));
    if (clean === '') clean = '_';
    if (RESERVED_FILE.test(clean.split('.')[0]!)) clean = `_${clean}`;
    return claim(clean, FILE_MAX, used, (n) => `~${n}`);
  });
}

/** `name` cut to `max` UTF-16 units, or with the first free suffix; recorded in `used`. */
function claim(name: string, max: number, used: Set<string>, suffix: (n: number) => string): string {
  let candidate = cut(name, max);
  for (let n = 2; used.has(fold(candidate)); n++) {
    const s = suffix(n);
    candidate = `${cut(name, max - s.length).trimEnd()}${s}`;
  }
  used.add(fold(candidate));
  return candidate;
}

/** `text` in at most `max` UTF-16 units, cut between words when a word boundary is near the end. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  const space = text.lastIndexOf(' ', end);
  if (text[end] !== ' ' && space >= max * 0.6) end = space;
  return text.slice(0, end).trimEnd();
}

function fold(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('vi');
}
