/** One entry of a zip's central directory, with its data as stored (packed). */
export interface ZipEntryRaw {
  /** The name as the zip holds it (UTF-8 bytes). */
  name: Buffer;
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  packed: Buffer;
}

/**
 * The entries a zip's central directory lists, in order, each found through its local header;
 * `not-zip` for anything that does not hold together, `zip64` for the large format (never needed
 * by a workbook here). Never throws, whatever the bytes.
 */
export function zipEntries(bytes: Buffer): ZipEntryRaw[] | 'not-zip' | 'zip64' {
  if (bytes.length < 22) return 'not-zip';
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let end = bytes.length - 22;
  // The end record, searched back over the longest comment it may be followed by.
  while (end >= stop && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < stop) return 'not-zip';
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return 'zip64';
  const entries: ZipEntryRaw[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return 'not-zip';
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry = { name, flags: bytes.readUInt16LE(at + 8), method: bytes.readUInt16LE(at + 10) };
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return 'not-zip';
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    entries.push({ ...entry, packed: bytes.subarray(start, start + size) });
  }
  return entries;
}
