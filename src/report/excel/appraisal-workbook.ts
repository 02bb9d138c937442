import type { Worksheet } from 'exceljs';
import type { Lang } from '../../diagnostics/codes.js';
import { APPRAISAL_FORM } from '../../model/appraisal-form.js';
import type { Evidence } from '../../model/evidence.js';
import { formatNumber } from '../../model/number-format.js';
import type { Results } from '../../model/results.js';
import { placedCriteria, type Bloc, type Rules } from '../../model/scorecard.js';
import { fitHeight, newWorkbook, put, putMerged, setColumns, setPrinting, workbookBytes } from './document.js';
import { HEAD_FILL, inputCells, validationOf } from './evidence-form.js';
import { LABELS, type Labels } from '../labels.js';
import { safeSheetNames } from '../files/safe-names.js';

/** What the appraisal workbook is made from: the rules, the units' evidence and the scores their own figures give. */
export interface AppraisalFormInput {
  rules: Rules;
  rulesDigest: string;
  evidence: Evidence;
  /** The quarter scored on the units' own figures: each criterion's self points. */
  self: Results;
  lang: Lang;
  stamp: Date;
}

const WIDTHS = [16, 7, 40, 10, 12, 26, 12, 30, 24, 11, 12];

/**
 * The workbook the scoring team fills: one sheet per unit, every fact with the unit's figure and
 * document, then columns for the appraised value, its reason and document; then every criterion
 * with its self points, the committee's points for manual criteria, "not applicable" where the
 * scorecard allows it, and "explanation requested". Protected like the forms: only the yellow
 * cells are open. Read back by `cchc score --appraisal file.xlsx`.
 */
export async function writeAppraisalWorkbook(input: AppraisalFormInput): Promise<Buffer> {
  const labels = LABELS[input.lang];
  const wb = newWorkbook(input.stamp);
  const units = input.rules.units;
  const names = safeSheetNames(units.map((u) => u.name), []);
  const selfOf = new Map(input.self.blocs.flatMap((b) => b.units.map((u) => [u.id, u])));
  for (const [i, unit] of units.entries()) {
    const bloc = input.rules.blocs.find((b) => b.bloc === unit.bloc)!;
    await writeUnitSheet(wb.addWorksheet(names[i]!), unit, bloc, input, labels, selfOf.get(unit.id)!);
  }
  return workbookBytes(wb);
}

async function writeUnitSheet(
  ws: Worksheet,
  unit: Rules['units'][number],
  bloc: Bloc,
  input: AppraisalFormInput,
  labels: Labels,
  self: Results['blocs'][number]['units'][number],
): Promise<void> {
  const A = labels.appraisalForm;
  const C = APPRAISAL_FORM.col;
  const last = WIDTHS.length;
  const num = (n: number) => formatNumber(n, input.lang, 4);
  setColumns(ws, WIDTHS);
  put(ws, 1, C.key, APPRAISAL_FORM.marker);
  put(ws, APPRAISAL_FORM.stamp.unit, C.key, unit.id);
  put(ws, APPRAISAL_FORM.stamp.quarter, C.key, input.evidence.quarter);
  put(ws, APPRAISAL_FORM.stamp.rulesDigest, C.key, input.rulesDigest);
  putMerged(ws, 1, C.no, last, A.title(input.evidence.quarter), { bold: true, size: 13, align: 'center' });
  putMerged(ws, 2, C.no, last, labels.form.unitLine(unit.name, unit.id, bloc.name), { bold: true, size: 12, align: 'center' });
  putMerged(ws, 3, C.no, last, `${labels.appraisal.selfScore}: ${num(self.score)}`, { italic: true, align: 'center' });
  putMerged(ws, 4, C.no, last, A.hint, { italic: true, align: 'center', wrap: true });
  const header = (row: number, heads: string[]) => {
    heads.forEach((h, i) => put(ws, row, C.no + i, h || null, { bold: true, align: 'center', wrap: true, border: true, fill: HEAD_FILL }));
    fitHeight(ws, row, WIDTHS);
  };
  const plain = { border: true, wrap: true };
  const centered = { border: true, align: 'center' as const };
  header(APPRAISAL_FORM.headerRow, A.factHeads);

  const given = input.evidence.units.get(unit.id);
  let row = APPRAISAL_FORM.headerRow + 1;
  let n = 0;
  for (const [id, fact] of Object.entries(bloc.facts)) {
    if (fact.from) continue;
    const e = given && Object.hasOwn(given.facts, id) ? given.facts[id] : undefined;
    put(ws, row, C.key, id);
    put(ws, row, C.no, ++n, centered);
    put(ws, row, C.label, fact.label, plain);
    put(ws, row, C.measure, fact.unit ?? (fact.type === 'boolean' ? `${labels.yes}/${labels.no}` : ''), centered);
    const value = e === undefined ? null : typeof e.value === 'boolean' ? (e.value ? labels.yes : labels.no) : e.value;
    put(ws, row, C.own, value, { ...centered, numFmt: typeof value === 'number' && !Number.isInteger(value) ? '0.0###' : undefined });
    put(ws, row, C.ownSource, [e?.source, e?.note].filter(Boolean).join(' — ') || null, plain);
    // A fact the unit did not give has nothing of its own to correct: its cells stay closed.
    inputCells(ws, row, [C.value, C.reason, C.source], e !== undefined);
    ws.getCell(row, C.value).dataValidation = validationOf(fact, [], labels, input.lang);
    inputCells(ws, row, [C.notApplicable, C.explain], false);
    fitHeight(ws, row, WIDTHS);
    row++;
  }

  row++;
  putMerged(ws, row, C.no, last, A.criteriaPart, { bold: true, border: true, fill: HEAD_FILL });
  row++;
  header(row++, A.criterionHeads);
  const yesNo = validationOf({ label: '', type: 'boolean' }, [], labels, input.lang);
  const byId = new Map(self.criteria.map((c) => [c.id, c]));
  for (const { criterion } of placedCriteria(bloc)) {
    const outcome = byId.get(criterion.id)!;
    const manual = 'manual' in criterion.score;
    const proposal = manual && given && Object.hasOwn(given.manual, criterion.id) ? given.manual[criterion.id] : undefined;
    put(ws, row, C.key, `${APPRAISAL_FORM.criterionPrefix}${criterion.id}`);
    put(ws, row, C.no, criterion.id, centered);
    put(ws, row, C.label, criterion.name, plain);
    put(ws, row, C.measure, criterion.max, centered);
    put(ws, row, C.own, outcome.status === 'not_applicable' ? labels.status.not_applicable : outcome.points, centered);
    put(ws, row, C.ownSource, [proposal?.note, proposal?.source].filter(Boolean).join(' — ') || null, plain);
    inputCells(ws, row, [C.value, C.reason, C.source], manual);
    if (manual) ws.getCell(row, C.value).dataValidation = validationOf({ label: criterion.name, type: 'number', min: 0, max: criterion.max }, [], labels, input.lang);
    const optional = criterion.allowNotApplicable === true && outcome.status !== 'not_applicable';
    inputCells(ws, row, [C.notApplicable], optional);
    if (optional) ws.getCell(row, C.notApplicable).dataValidation = yesNo;
    inputCells(ws, row, [C.explain], true);
    ws.getCell(row, C.explain).dataValidation = yesNo;
    fitHeight(ws, row, WIDTHS);
    row++;
  }
  ws.getColumn(C.key).hidden = true;
  setPrinting(ws, APPRAISAL_FORM.headerRow, labels);
  ws.pageSetup.printArea = `B1:${String.fromCharCode(64 + last)}${row}`;
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}
