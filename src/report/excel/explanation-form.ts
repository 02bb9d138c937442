import type { Lang } from '../../diagnostics/codes.js';
import { EXPLANATION_FORM } from '../../model/appraisal-form.js';
import type { CriterionOutcome, Results, UnitOutcome } from '../../model/results.js';
import { placedCriteria, type Rules } from '../../model/scorecard.js';
import { fitHeight, newWorkbook, put, putMerged, setColumns, setPrinting, workbookBytes } from './document.js';
import { changeLines } from '../evidence-text.js';
import { HEAD_FILL, inputCells } from './evidence-form.js';
import { LABELS } from '../labels.js';

/** What the explanation forms are made from: the rules and an appraised quarter's results. */
export interface ExplanationFormInput {
  rules: Rules;
  rulesDigest: string;
  results: Results;
  lang: Lang;
  stamp: Date;
}

const WIDTHS = [16, 7, 34, 9, 10, 10, 44, 11, 40, 24];

/** The criteria a unit may answer: asked to explain, or changed by the appraisal's first round. */
export function contestable(unit: UnitOutcome): CriterionOutcome[] {
  return unit.criteria.filter((c) => c.explanation?.requested === true || (c.changes ?? []).some((ch) => ch.round === 1));
}

/**
 * A unit's explanation form: one row per criterion it may answer, with its self and appraised
 * points and the committee's changes and reasons; the unit writes its explanation and cites a
 * supplementary document in the open cells. Read back by `cchc score --explanations`.
 */
export async function writeExplanationForm(input: ExplanationFormInput, blocId: string, unit: UnitOutcome): Promise<Buffer> {
  const labels = LABELS[input.lang];
  const E = labels.explanationForm;
  const C = EXPLANATION_FORM.col;
  const bloc = input.rules.blocs.find((b) => b.bloc === blocId)!;
  const wb = newWorkbook(input.stamp);
  const ws = wb.addWorksheet(labels.scorecard.sheet);
  const last = WIDTHS.length;
  setColumns(ws, WIDTHS);
  put(ws, 1, C.key, EXPLANATION_FORM.marker);
  put(ws, EXPLANATION_FORM.stamp.unit, C.key, unit.id);
  put(ws, EXPLANATION_FORM.stamp.quarter, C.key, input.results.quarter);
  put(ws, EXPLANATION_FORM.stamp.rulesDigest, C.key, input.rulesDigest);
  putMerged(ws, 1, C.no, last, E.title(input.results.quarter), { bold: true, size: 13, align: 'center' });
  putMerged(ws, 2, C.no, last, labels.form.unitLine(unit.name, unit.id, bloc.name), { bold: true, size: 12, align: 'center' });
  putMerged(ws, 3, C.no, last, labels.form.sendTo(input.rules.scheme.committee, input.rules.scheme.organization), { italic: true, align: 'center' });
  putMerged(ws, 4, C.no, last, E.hint, { italic: true, align: 'center', wrap: true });
  E.heads.forEach((h, i) => put(ws, EXPLANATION_FORM.headerRow, C.no + i, h, { bold: true, align: 'center', wrap: true, border: true, fill: HEAD_FILL }));
  fitHeight(ws, EXPLANATION_FORM.headerRow, WIDTHS);
  const names = new Map(placedCriteria(bloc).map((p) => [p.criterion.id, p.criterion.name]));
  const plain = { border: true, wrap: true };
  const centered = { border: true, align: 'center' as const };
  let row = EXPLANATION_FORM.headerRow + 1;
  for (const c of contestable(unit)) {
    put(ws, row, C.key, `${EXPLANATION_FORM.criterionPrefix}${c.id}`);
    put(ws, row, C.no, c.id, centered);
    put(ws, row, C.label, names.get(c.id)!, plain);
    put(ws, row, C.max, c.max, centered);
    put(ws, row, C.self, c.selfPoints ?? c.points, centered);
    put(ws, row, C.appraised, c.points, { ...centered, bold: true });
    put(ws, row, C.changes, changeLines({ changes: c.changes }, bloc.facts, labels, input.lang).join('\n') || null, plain);
    put(ws, row, C.requested, c.explanation?.requested ? labels.yes : null, centered);
    inputCells(ws, row, [C.text, C.source]);
    ws.getCell(row, C.text).alignment = { wrapText: true, vertical: 'top' };
    fitHeight(ws, row, WIDTHS);
    // Room to write in.
    const r = ws.getRow(row);
    r.height = Math.max(r.height ?? 0, 60);
    row++;
  }
  ws.getColumn(C.key).hidden = true;
  setPrinting(ws, EXPLANATION_FORM.headerRow, labels);
  ws.pageSetup.printArea = `B1:${String.fromCharCode(64 + last)}${row}`;
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return workbookBytes(wb);
}
