/**
 * Two corrections to exceljs 4.4 (its last release), applied once when the report stage loads.
 *
 * A classic data bar (`gradient: true`) needs no Excel 2010 extension, yet exceljs writes an
 * `<extLst>` whose `<x14:id/>` is empty and points at no rule; Excel may take that for damage and
 * offer to repair the file (exceljs issues #3015, #2349). The reference is now written only when
 * there is an extension to point at.
 *
 * Merging cells checked the new range against every merge of the sheet, so a sheet's merges cost
 * their number squared (a unit scorecard has some 200: a tenth of its time). The check is now
 * against the merged cells, kept by sheet; it refuses the same overlaps with the same error.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface XformPrototype {
  render(xmlStream: unknown, model: { x14Id?: string }): void;
  patchedByCchc?: boolean;
}

const ExtLstRefXform = require('exceljs/lib/xlsx/xform/sheet/cf/ext-lst-ref-xform.js') as { prototype: XformPrototype };
const proto = ExtLstRefXform.prototype;
if (!proto.patchedByCchc) {
  const render = proto.render;
  proto.render = function (this: unknown, xmlStream, model) {
    if (model?.x14Id) render.call(this, xmlStream, model);
  };
  proto.patchedByCchc = true;
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface WorksheetPrototype {
  _mergeCellsInternal(this: Sheet, dimensions: Range, ignoreStyle?: boolean): void;
  _unMergeMaster(this: Sheet, master: { address: string }): void;
  patchedByCchc?: boolean;
}

interface Sheet {
  _merges: Record<string, Range>;
}

const Worksheet = require('exceljs/lib/doc/worksheet.js') as { prototype: WorksheetPrototype };
const sheet = Worksheet.prototype;
if (!sheet.patchedByCchc) {
  /** By sheet, its merged cells as row × 16,384 + column (a sheet has 16,384 columns). */
  const merged = new WeakMap<Sheet, Set<number>>();
  const cellsOf = (range: Range): number[] => {
    const cells: number[] = [];
    for (let r = range.top; r <= range.bottom; r++) for (let c = range.left; c <= range.right; c++) cells.push(r * 16_384 + c);
    return cells;
  };
  const merge = sheet._mergeCellsInternal;
  sheet._mergeCellsInternal = function (dimensions, ignoreStyle) {
    let taken = merged.get(this);
    if (!taken) merged.set(this, (taken = new Set(Object.values(this._merges).flatMap(cellsOf))));
    const cells = cellsOf(dimensions);
    if (cells.some((cell) => taken.has(cell))) throw new Error('Cannot merge already merged cells');
    // The original, given no merges to compare with, then its new merge put with the others.
    const merges = this._merges;
    this._merges = {};
    try {
      merge.call(this, dimensions, ignoreStyle);
    } finally {
      this._merges = Object.assign(merges, this._merges);
    }
    for (const cell of cells) taken.add(cell);
  };
  const unmerge = sheet._unMergeMaster;
  sheet._unMergeMaster = function (master) {
    const range = this._merges[master.address];
    if (range) for (const cell of cellsOf(range)) merged.get(this)?.delete(cell);
    unmerge.call(this, master);
  };
  sheet.patchedByCchc = true;
}
