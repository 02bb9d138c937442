import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { zipEntries } from '../../load/zip-entries.js';

/** One file in a zip: its name as the zip holds it (UTF-8), and its content unpacked. */
export interface ZipEntry {
  name: Buffer;
  data: Buffer;
  /** Likely the same in many zips written (a workbook's theme): its deflated bytes are kept for the next. */
  common?: boolean;
}

/** The entries of a zip (as exceljs or writeZip writes one), in order, unpacked. */
export function readZip(zip: Buffer): ZipEntry[] {
  const entries = zipEntries(zip);
  if (typeof entries === 'string') throw new Error(`not a zip cchc can read: ${entries}`);
  return entries.map(({ name, method, packed }) => ({ name, data: method === 8 ? inflateRawSync(packed) : packed }));
}

/** A zip of `entries`, each deflated at zlib's fastest level, sizes in the local headers. */
export function writeZip(entries: ZipEntry[], date: Date): Buffer {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((Math.max(1980, date.getUTCFullYear()) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  /** The fields a local header and its central directory entry share, in the same order, from `at`. */
  const describe = (header: Buffer, at: number, crc: number, packed: number, size: number, nameLength: number) => {
    header.writeUInt16LE(20, at); // version needed: 2.0
    header.writeUInt16LE(0x0800, at + 2); // names in UTF-8
    header.writeUInt16LE(8, at + 4); // deflate
    header.writeUInt16LE(time, at + 6);
    header.writeUInt16LE(day, at + 8);
    header.writeUInt32LE(crc, at + 10);
    header.writeUInt32LE(packed, at + 14);
    header.writeUInt32LE(size, at + 18);
    header.writeUInt16LE(nameLength, at + 22);
  };
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data, common } of entries) {
    const { packed, crc } = common ? packedOf(data) : pack(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    describe(local, 4, crc, packed.length, data.length, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    describe(central, 6, crc, packed.length, data.length, name.length);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const list = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(list.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, list, end]);
}

/**
 * Common parts deflated lately, by content: most parts of a workbook (theme, styles,
 * relationships) are the same in every unit scorecard, and deflating them again was a third of
 * the zipping.
 */
const PACKED = new Map<string, { packed: Buffer; crc: number }>();
const PACKED_KEPT = 64;

function packedOf(data: Buffer): { packed: Buffer; crc: number } {
  const key = data.toString('latin1');
  const known = PACKED.get(key);
  if (known) return known;
  const made = pack(data);
  if (PACKED.size >= PACKED_KEPT) PACKED.delete(PACKED.keys().next().value!);
  PACKED.set(key, made);
  return made;
}

function pack(data: Buffer): { packed: Buffer; crc: number } {
  return { packed: deflateRawSync(data, { level: 1 }), crc: crc32(data) };
}
