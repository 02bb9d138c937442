/**
 * One correction to exceljs 4.4 (its last release), applied once when the report stage loads:
 * a classic data bar (`gradient: true`) needs no Excel 2010 extension, yet exceljs writes an
 * `<extLst>` whose `<x14:id/>` is empty and points at no rule; Excel may take that for damage and
 * offer to repair the file (exceljs issues #3015, #2349). The reference is now written only when
 * there is an extension to point at.
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
