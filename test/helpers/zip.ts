import { readZip as read, writeZip as write } from '../../src/report/files/zip.js';

/** One file inside a zip; `claimedSize` makes the headers lie about its unpacked size, as a zip bomb's may. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  claimedSize?: number;
}

/** The entries of a zip written by exceljs or by `writeZip`, names as text. */
export function readZip(bytes: Buffer): ZipEntry[] {
  return read(bytes).map((e) => ({ name: e.name.toString('utf8'), data: Buffer.from(e.data) }));
}

/** A zip of `entries` as cchc writes one, then with each claimed size written into both of its headers. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const zip = write(
    entries.map((e) => ({ name: Buffer.from(e.name, 'utf8'), data: e.data })),
    new Date(Date.UTC(2019, 2, 31)),
  );
  let end = zip.length - 22;
  while (zip.readUInt32LE(end) !== 0x06054b50) end--;
  let at = zip.readUInt32LE(end + 16);
  for (const e of entries) {
    if (e.claimedSize !== undefined) {
      zip.writeUInt32LE(e.claimedSize, at + 24);
      zip.writeUInt32LE(e.claimedSize, zip.readUInt32LE(at + 42) + 22);
    }
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
