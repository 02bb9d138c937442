import { resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeFileNames, safeSheetNames } from '../src/report/files/safe-names.js';

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

describe('safeSheetNames', () => {
  it('keeps a name that is already safe', () => {
    expect(safeSheetNames(['Khối các Điện lực trực thuộc'])).toEqual(['Khối các Điện lực trực thuộc']);
  });

  it('cuts a long name between words to 31 characters', () => {
    expect(safeSheetNames(['Khối Đội Quản lý vận hành lưới điện cao thế'])).toEqual(['Khối Đội Quản lý vận hành lưới']);
  });

  it('replaces * ? : / \\ [ ] and apostrophes', () => {
    expect(safeSheetNames(["Khối: A/B [1] 'x' *?"])).toEqual(['Khối A B 1 x']);
  });

  it('makes names unique ignoring case, and avoids the names already taken and History', () => {
    expect(safeSheetNames(['Khối A', 'khối a', 'Chi tiết', 'history'], ['Chi tiết'])).toEqual(['Khối A', 'khối a (2)', 'Chi tiết (2)', 'history (2)']);
  });

  it('names an empty or all-forbidden name by its position', () => {
    expect(safeSheetNames(['', '[]'])).toEqual(['Sheet 1', 'Sheet 2']);
  });

  it('takes a name in NFD as the same as in NFC', () => {
    const nfc = 'Khối Điện lực';
    expect(safeSheetNames([nfc, nfc.normalize('NFD')])).toEqual([nfc, `${nfc} (2)`]);
  });

  it('always gives Excel-valid, unique names (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 60 }), { maxLength: 12 }), (names) => {
        const safe = safeSheetNames(names, ['Chi tiết']);
        expect(safe).toHaveLength(names.length);
        for (const n of safe) {
          expect(n.length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(31);
          expect(n).not.toMatch(/[*?:/\\[\]'\u0000-\u001f]/);
          expect(n).toBe(n.trim());
          expect(/[\uD800-\uDBFF]$/.test(n)).toBe(false);
        }
        const folded = [...safe, 'Chi tiết', 'History'].map((n) => n.normalize('NFC').toLocaleLowerCase('vi'));
        expect(new Set(folded).size).toBe(folded.length);
      }),
      { seed: 20190405, numRuns: 300 },
    );
  });
});

describe('safeFileNames', () => {
  it.each([
    ['DL-CAUKE', 'DL-CAUKE'],
    ['../x', '___x'],
    ['a/b\\c', 'a_b_c'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1', '_com1'],
    ['x..y', 'x..y'],
    ['a:b*c?"<>|', 'a_b_c_____'],
    ['name.', 'name_'],
    ['', '_'],
  ])('%j → %j', (id, expected) => {
    expect(safeFileNames([id])).toEqual([expected]);
  });

  it('keeps ids that differ only in case apart, as Windows and macOS compare names without case', () => {
    expect(safeFileNames(['DL-A', 'dl-a', 'Dl-A'])).toEqual(['DL-A', 'dl-a~2', 'Dl-A~3']);
  });

  it('always gives a name that stays in its folder, is not reserved, and is unique (property)', () => {
    const folder = resolve('out', 'units');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 12 }), (ids) => {
        const safe = safeFileNames(ids);
        for (const n of safe) {
          const path = resolve(folder, `${n}.xlsx`);
          expect(path.startsWith(folder + sep)).toBe(true);
          expect(path.slice(folder.length + 1)).toBe(`${n}.xlsx`);
          expect(n).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
          expect(n).not.toMatch(/^[.\s]|[.\s]$/);
          expect(RESERVED.test(n.split('.')[0]!)).toBe(false);
          expect(n.length).toBeLessThanOrEqual(100);
        }
        expect(new Set(safe.map((n) => n.toLowerCase())).size).toBe(safe.length);
      }),
      { seed: 20190405, numRuns: 300 },
    );
  });
});
