import { inflateRawSync } from 'node:zlib';
import { zipEntries } from './zip-entries.js';

/** Largest workbook file read: a form for a whole company is well under 1 MB. */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;
/** Most parts (files inside the zip) a workbook may have: a form has a few per sheet. */
export const MAX_WORKBOOK_ENTRIES = 5000;
/** Largest part once unpacked: a form sheet is tens of kB; a 1,000,000-row sheet is far more. */
export const MAX_WORKBOOK_PART = 16 * 1024 * 1024;
/** Most bytes all parts may unpack to. */
export const MAX_WORKBOOK_UNPACKED = 64 * 1024 * 1024;
/**
 * Most cells a sheet's merged, validated and linked ranges may cover: a merged range is marked
 * cell by cell when read (and exceljs, which still reads workbooks in the tests, expands all
 * three), so `Z1:XFD1048576` (a few bytes) would fill memory. A form covers a few hundred cells;
 * a whole column (1,048,576 cells) is refused.
 */
export const MAX_RANGE_CELLS = 100_000;

/**
 * Most XML elements a part read may have: a form sheet has a few thousand, the shared strings of
 * a whole company's form some twenty thousand. Past it, the part is refused before reading it
 * takes a second: 16 MiB of empty cells or of one-letter strings is millions of elements.
 */
export const MAX_PART_ELEMENTS = 500_000;

/** Why a workbook is refused before it is opened. */
export type WorkbookRefusal =
  | { kind: 'encrypted' }
  | { kind: 'format'; what: 'ole' | 'not-zip' | 'zip64' | 'method' }
  | { kind: 'limit'; what: 'entries' | 'part' | 'unpacked' | 'ranges' | 'elements'; limit: number; part?: string };

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an encrypted OOXML package keeps its key data in, as UTF-16 in the OLE directory. */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

/**
 * Unpacks a workbook's bytes, checking them as it goes: a zip (not an encrypted or old binary
 * file), with few enough parts, each actually inflated under a byte budget, so a zip bomb is
 * refused whatever sizes its headers claim. The parts by name, or why the file is refused.
 */
export function unpackWorkbook(bytes: Buffer): WorkbookRefusal | { parts: Map<string, Buffer> } {
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    // Excel saves a workbook with a password to open as an OLE file holding the encrypted zip.
    return bytes.includes(ENCRYPTION_INFO) ? { kind: 'encrypted' } : { kind: 'format', what: 'ole' };
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return { kind: 'format', what: 'not-zip' };
  const entries = zipEntries(bytes);
  if (typeof entries === 'string') return { kind: 'format', what: entries };
  if (entries.length > MAX_WORKBOOK_ENTRIES) return { kind: 'limit', what: 'entries', limit: MAX_WORKBOOK_ENTRIES };
  let budget = MAX_WORKBOOK_UNPACKED;
  const parts = new Map<string, Buffer>();
  for (const { name: nameBytes, flags, method, packed: data } of entries) {
    const name = nameBytes.toString('utf8');
    if (flags & 1) return { kind: 'encrypted' };
    const limit = Math.min(MAX_WORKBOOK_PART, budget);
    let content: Buffer | undefined;
    if (method === 0) {
      content = data;
    } else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: limit + 1 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') return { kind: 'format', what: 'not-zip' };
      }
    } else {
      return { kind: 'format', what: 'method' };
    }
    const size = content?.length ?? limit + 1;
    if (size > MAX_WORKBOOK_PART) return { kind: 'limit', what: 'part', limit: MAX_WORKBOOK_PART, part: name };
    if (size > budget) return { kind: 'limit', what: 'unpacked', limit: MAX_WORKBOOK_UNPACKED };
    budget -= size;
    // Every part, whatever its name: what matters is what the XML asks for.
    // Most parts have no ranges at all: looked for in the bytes before any text is made.
    if (RANGE_NAMES.some((n) => content!.includes(n)) && rangeCells(content!.toString('latin1')) > MAX_RANGE_CELLS) {
      return { kind: 'limit', what: 'ranges', limit: MAX_RANGE_CELLS, part: name };
    }
    parts.set(name, content!);
  }
  return { parts };
}

const RANGE_NAMES = ['mergeCell', 'hyperlink', 'dataValidation'];

/** Cells covered by a part's merged ranges, data validations and hyperlinks: each would be a cell to mark when read. */
function rangeCells(xml: string): number {
  let cells = 0;
  for (const element of xml.matchAll(/<(?:[\w.-]+:)?(mergeCell|hyperlink|dataValidation)\b([^>]*)>/g)) {
    const name = element[1] === 'dataValidation' ? 'sqref' : 'ref';
    const attribute = new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`).exec(element[2]!);
    for (const range of (attribute?.[2] ?? '').trim().split(/\s+/)) {
      cells += areaOf(range);
      if (cells > MAX_RANGE_CELLS) return cells;
    }
  }
  return cells;
}

/** Cells in an A1 range (`B7`, `B7:E70`, `$B$7:$E$70`); whole columns or rows (`E:E`, `3:5`) at their full size. */
function areaOf(range: string): number {
  if (range === '') return 0;
  const [from = '', to = from] = range.replace(/\$/g, '').split(':');
  const a = cellOf(from);
  const b = cellOf(to);
  const cols = a.col && b.col ? Math.abs(b.col - a.col) + 1 : 16_384;
  const rows = a.row && b.row ? Math.abs(b.row - a.row) + 1 : 1_048_576;
  return cols * rows;
}

/** Column and row numbers of one end of a range; 0 for the part it leaves out (`E`, `3`). */
function cellOf(ref: string): { col: number; row: number } {
  const m = /^([A-Za-z]*)(\d*)$/.exec(ref);
  if (!m) return { col: 0, row: 0 };
  const col = [...m[1]!.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  return { col, row: m[2] ? Number(m[2]) : 0 };
}
