import { diagnostic, where, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { APPRAISAL_FORM } from '../model/appraisal-form.js';
import type { FactValue } from '../model/evidence.js';
import { setOwn } from '../model/own.js';
import type { FactType } from '../model/scorecard.js';
import { FormPlaces, formSheets, locatorOf, openWorkbook, readValue, textOf, typeOfFact, type FactTypes, type WorkbookOpener } from './evidence-workbook.js';
import type { FormStamp, SourceFile } from './yaml-file.js';

interface RawUnit {
  facts: Record<string, { value: FactValue; reason?: string; source?: string }>;
  manual: Record<string, { points: FactValue; note?: string; source?: string }>;
  not_applicable: string[];
  explain: string[];
}

/**
 * Reads a filled appraisal workbook (`cchc appraise`) into the data an appraisal YAML file holds,
 * each value at its cell (`appraisal.xlsx!Sheet!G9`): a fact's appraised value with its reason and
 * document, the committee's points, "not applicable" and "explanation requested" marked Có. A
 * blank appraised value keeps the unit's figure. Never throws for problems of the file itself.
 */
export async function loadAppraisalWorkbook(file: string, types: FactTypes, open: WorkbookOpener = openWorkbook): Promise<{ source?: SourceFile; diagnostics: Diagnostic[] }> {
  const opened = await open(file);
  if (!('wb' in opened)) return opened;
  const { wb } = opened;
  const typeOf = typeOfFact(types);
  const C = APPRAISAL_FORM.col;
  const diagnostics: Diagnostic[] = [];
  const places = new FormPlaces(file);
  const units: Record<string, RawUnit> = {};
  const forms: FormStamp[] = [];
  for (const { ws, stamp, at, place } of formSheets(wb, file, APPRAISAL_FORM, diagnostics, places)) {
    const { unit } = stamp;
    forms.push(stamp);
    const entry: RawUnit = { facts: {}, manual: {}, not_applicable: [], explain: [] };
    const seen = new Map<string, Location>();
    const yes = (r: number, col: number, what: string): boolean => {
      const v = readValue(ws.getCell(r, col), 'boolean', at(r, col), diagnostics);
      if (v !== undefined && typeof v !== 'boolean') diagnostics.push(diagnostic('EVIDENCE_TYPE', at(r, col), { fact: what, value: String(v), expected: 'boolean' }));
      return v === true;
    };
    for (let r = APPRAISAL_FORM.headerRow + 1; r <= ws.rowCount; r++) {
      const rowKey = textOf(ws.getCell(r, C.key));
      if (!rowKey) continue;
      const keyAt = at(r, C.key);
      if (seen.has(rowKey)) {
        diagnostics.push(diagnostic('EVIDENCE_ROW_TWICE', keyAt, { key: rowKey, first: where(seen.get(rowKey)!) }));
        continue;
      }
      seen.set(rowKey, keyAt);
      const reason = textOf(ws.getCell(r, C.reason));
      const source = textOf(ws.getCell(r, C.source));
      const valueAt = at(r, C.value);
      if (rowKey.startsWith(APPRAISAL_FORM.criterionPrefix)) {
        const id = rowKey.slice(APPRAISAL_FORM.criterionPrefix.length);
        const points = readValue(ws.getCell(r, C.value), 'number', valueAt, diagnostics);
        // A missing note is said at its cell; the criterion's other messages at the row's label.
        place(['manual', id], r, C.reason);
        place(['manual', id], r, C.label, 'key');
        place(['manual', id, 'points'], r, C.value);
        if (points !== undefined) setOwn(entry.manual, id, { points, ...(reason !== undefined ? { note: reason } : {}), ...(source !== undefined ? { source } : {}) });
        if (yes(r, C.notApplicable, id)) {
          place(['not_applicable', entry.not_applicable.length], r, C.notApplicable);
          entry.not_applicable.push(id);
        }
        if (yes(r, C.explain, id)) {
          place(['explain', entry.explain.length], r, C.explain);
          entry.explain.push(id);
        }
      } else {
        const value = readValue(ws.getCell(r, C.value), typeOf(unit, rowKey) as FactType | undefined, valueAt, diagnostics);
        // A missing reason is said at its cell; a fact unknown, at the row's label.
        place(['facts', rowKey], r, C.reason);
        place(['facts', rowKey], r, C.label, 'key');
        place(['facts', rowKey, 'value'], r, C.value);
        if (value === undefined) {
          // A reason without a value says a change was meant: the value is what is missing.
          if (reason !== undefined) diagnostics.push(diagnostic('SCHEMA_MISSING_KEY', valueAt, { key: 'value' }));
          continue;
        }
        setOwn(entry.facts, rowKey, { value, ...(reason !== undefined ? { reason } : {}), ...(source !== undefined ? { source } : {}) });
      }
    }
    setOwn(units, unit, entry);
  }
  const start: Location = { file, sheet: wb.worksheets[0]?.name ?? '', line: 1, col: 1 };
  if (forms.length === 0) return { diagnostics: diagnostics.length > 0 ? diagnostics : [diagnostic('EVIDENCE_NOT_A_FORM', start)] };
  const locate = locatorOf(places, start);
  return { source: { file, text: '', data: { quarter: forms[0]!.quarter, units }, parsed: true, locate, forms }, diagnostics };
}
