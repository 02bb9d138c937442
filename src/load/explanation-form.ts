import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, where, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { EXPLANATION_FORM } from '../model/appraisal-form.js';
import { FormPlaces, formSheets, openWorkbook, textOf, type WorkbookOpener } from './evidence-workbook.js';
import type { FormStamp } from './yaml-file.js';

/** A unit's explanation of one criterion, as its form gives it, with the cell it was written in. */
export interface GivenExplanation {
  unit: string;
  criterion: string;
  text?: string;
  source?: string;
  /** The explanation's cell, where a message about it points. */
  at: Location;
}

/** Explanation forms read: each unit's explanations, and what each form says it was made for. */
export interface ExplanationForms {
  given: GivenExplanation[];
  stamps: FormStamp[];
}

/**
 * Reads the returned explanation forms (`cchc template --explanations`): an .xlsx file, or every
 * .xlsx of a folder (Excel's lock files skipped). A row with neither text nor document is no
 * explanation: the unit agrees. Never throws for problems of the files themselves.
 */
export async function loadExplanationForms(path: string, open: WorkbookOpener = openWorkbook): Promise<ExplanationForms & { diagnostics: Diagnostic[] }> {
  const info = await stat(path).catch(() => undefined);
  const files = info?.isDirectory()
    ? (await readdir(path)).filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$')).sort().map((n) => join(path, n))
    : [path];
  const out: ExplanationForms & { diagnostics: Diagnostic[] } = { given: [], stamps: [], diagnostics: [] };
  const firstOf = new Map<string, Location>();
  const C = EXPLANATION_FORM.col;
  for (const file of files) {
    const opened = await open(file);
    if (!('wb' in opened)) {
      out.diagnostics.push(...opened.diagnostics);
      continue;
    }
    const sheets = formSheets(opened.wb, file, EXPLANATION_FORM, out.diagnostics, new FormPlaces(file));
    for (const { ws, stamp, at } of sheets) {
      const { unit } = stamp;
      // One form per unit across the files, as across a workbook's sheets.
      const first = firstOf.get(unit);
      if (first) {
        out.diagnostics.push(diagnostic('EVIDENCE_UNIT_TWICE', at(EXPLANATION_FORM.stamp.unit, C.label), { unit, first: where(first) }));
        continue;
      }
      firstOf.set(unit, at(EXPLANATION_FORM.stamp.unit, C.label));
      out.stamps.push(stamp);
      const seen = new Map<string, Location>();
      for (let r = EXPLANATION_FORM.headerRow + 1; r <= ws.rowCount; r++) {
        const key = textOf(ws.getCell(r, C.key));
        if (!key?.startsWith(EXPLANATION_FORM.criterionPrefix)) continue;
        if (seen.has(key)) {
          out.diagnostics.push(diagnostic('EVIDENCE_ROW_TWICE', at(r, C.key), { key, first: where(seen.get(key)!) }));
          continue;
        }
        seen.set(key, at(r, C.key));
        // A formula is read by the value it last computed; one without (written by a program that does not calculate) is said.
        for (const col of [C.text, C.source]) {
          const cell = ws.getCell(r, col);
          if (cell.formula && (cell.result === undefined || cell.result === null)) out.diagnostics.push(diagnostic('EVIDENCE_FORMULA', at(r, col)));
        }
        const text = textOf(ws.getCell(r, C.text));
        const source = textOf(ws.getCell(r, C.source));
        if (text === undefined && source === undefined) continue;
        const given = { unit, criterion: key.slice(EXPLANATION_FORM.criterionPrefix.length), at: at(r, text !== undefined ? C.text : C.source) };
        out.given.push({ ...given, ...(text !== undefined ? { text } : {}), ...(source !== undefined ? { source } : {}) });
      }
    }
    if (sheets.length === 0 && !out.diagnostics.some((d) => d.file === file)) out.diagnostics.push(diagnostic('EVIDENCE_NOT_A_FORM', { file, sheet: opened.wb.worksheets[0]?.name ?? '', line: 1, col: 1 }));
  }
  return out;
}
