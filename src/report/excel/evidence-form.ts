import type { DataValidation, Worksheet } from 'exceljs';
import type { Lang } from '../../diagnostics/codes.js';
import { FORM } from '../../model/evidence-form.js';
import { formatNumber } from '../../model/number-format.js';
import { factsOfCriterion, placedCriteria, type Bloc, type Fact, type Rules, type Unit } from '../../model/scorecard.js';
import { fitHeight, newWorkbook, put, putMerged, setColumns, setPrinting, workbookBytes } from './document.js';
import { LABELS, type Labels } from '../labels.js';
import { safeSheetNames } from '../files/safe-names.js';

/** What a form is made for: the rules (and their digest), the quarter, the units to ask. */
export interface FormInput {
  rules: Rules;
  rulesDigest: string;
  quarter: string;
  units: readonly Unit[];
  lang: Lang;
  stamp: Date;
  /** Forms sent to the units themselves: the committee's part is shown but locked. */
  forUnits?: boolean;
}

const INPUT_FILL = 'FFFFF2CC';
const LOCKED_FILL = 'FFE7E6E6';
/** The grey of headings and the committee's part. */
export const HEAD_FILL = 'FFF2F2F2';
const WIDTHS = [16, 6, 50, 12, 14, 30, 24];
/** Excel's limits on a data validation's input message and error text. */
const PROMPT_MAX = 255;
const TITLE_MAX = 32;

/**
 * The evidence form of a quarter: an instructions sheet, then one sheet per unit asking for each
 * fact its bloc declares (computed facts are not asked), then the committee's part (manual
 * points, criteria that may be marked not applicable). Value cells carry data validation that
 * matches the fact; everything but the cells to fill is protected (no password).
 */
export async function writeEvidenceForm(input: FormInput): Promise<Buffer> {
  const labels = LABELS[input.lang];
  const wb = newWorkbook(input.stamp);
  writeGuide(wb.addWorksheet(labels.form.guideSheet), input, labels);
  const names = safeSheetNames(input.units.map((u) => u.name), [labels.form.guideSheet]);
  for (const [i, unit] of input.units.entries()) {
    const bloc = input.rules.blocs.find((b) => b.bloc === unit.bloc)!;
    await writeUnitForm(wb.addWorksheet(names[i]!), unit, bloc, input, labels);
  }
  return workbookBytes(wb);
}

function writeGuide(ws: Worksheet, input: FormInput, labels: Labels): void {
  const { organization, committee, version } = input.rules.scheme;
  setColumns(ws, [110]);
  put(ws, 1, 1, organization.toLocaleUpperCase('vi'), { size: 12 });
  put(ws, 2, 1, committee.toLocaleUpperCase('vi'), { size: 12, bold: true });
  put(ws, 4, 1, labels.form.title(input.quarter), { size: 13, bold: true, align: 'center', wrap: true });
  labels.form.guide(input.quarter, committee, organization, version).forEach((line, i) => {
    put(ws, 6 + i, 1, line, { wrap: true, bold: i === 3 });
    fitHeight(ws, 6 + i, [110]);
  });
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

async function writeUnitForm(ws: Worksheet, unit: Unit, bloc: Bloc, input: FormInput, labels: Labels): Promise<void> {
  const F = labels.form;
  const C = FORM.col;
  setColumns(ws, WIDTHS);
  const last = WIDTHS.length;
  // The stamp, in the hidden first column: what the reader needs, whatever is done to the rest.
  put(ws, 1, C.key, FORM.marker);
  put(ws, FORM.stamp.unit, C.key, unit.id);
  put(ws, FORM.stamp.quarter, C.key, input.quarter);
  put(ws, FORM.stamp.rulesDigest, C.key, input.rulesDigest);
  putMerged(ws, 1, C.no, last, F.title(input.quarter), { bold: true, size: 13, align: 'center' });
  putMerged(ws, 2, C.no, last, F.unitLine(unit.name, unit.id, bloc.name), { bold: true, size: 12, align: 'center' });
  putMerged(ws, 3, C.no, last, F.sendTo(input.rules.scheme.committee, input.rules.scheme.organization), { italic: true, align: 'center' });
  putMerged(ws, 4, C.no, last, F.fillHint, { italic: true, align: 'center' });

  const header = (row: number, heads: string[]) => {
    heads.forEach((h, i) => put(ws, row, C.no + i, h, { bold: true, align: 'center', wrap: true, border: true, fill: HEAD_FILL }));
    fitHeight(ws, row, WIDTHS);
  };
  header(FORM.headerRow, [F.no, F.indicator, F.measure, F.value, F.source, F.note]);

  const guides = guidesOf(bloc);
  let row = FORM.headerRow + 1;
  let n = 0;
  for (const [id, fact] of Object.entries(bloc.facts)) {
    if (fact.from) continue;
    put(ws, row, C.key, id);
    put(ws, row, C.no, ++n, { align: 'center', border: true });
    put(ws, row, C.label, fact.label, { wrap: true, border: true });
    put(ws, row, C.measure, fact.unit ?? (fact.type === 'boolean' ? `${labels.yes}/${labels.no}` : ''), { align: 'center', border: true });
    inputCells(ws, row);
    ws.getCell(row, C.value).dataValidation = validationOf(fact, guides.get(id) ?? [], labels, input.lang);
    fitHeight(ws, row, WIDTHS);
    row++;
  }

  const placed = placedCriteria(bloc).map((p) => p.criterion);
  const manual = placed.filter((c) => 'manual' in c.score);
  const optional = placed.filter((c) => c.allowNotApplicable);
  // A unit proposes the points of the manual criteria (its self-assessment); the committee's part is the rest.
  const proposing = input.forUnits === true;
  const part = (title: string) => {
    row++;
    putMerged(ws, row, C.no, last, title, { bold: true, border: true, fill: HEAD_FILL, wrap: true });
    fitHeight(ws, row, WIDTHS, new Map([[C.no, last - C.no + 1]]));
    row++;
  };
  if (manual.length > 0) {
    part(proposing ? F.proposedPart : F.committeePart);
    header(row++, [F.no, F.criterion, '', proposing ? F.proposed : F.points, F.source, F.remark]);
    for (const c of manual) {
      put(ws, row, C.key, `${FORM.manualPrefix}${c.id}`);
      put(ws, row, C.no, c.id, { align: 'center', border: true });
      put(ws, row, C.label, c.name, { wrap: true, border: true });
      put(ws, row, C.measure, F.maxPoints(formatNumber(c.max, input.lang)), { align: 'center', border: true });
      inputCells(ws, row);
      ws.getCell(row, C.value).dataValidation = validationOf({ label: c.name, type: 'number', min: 0, max: c.max }, c.guide ? [c.guide] : [], labels, input.lang);
      fitHeight(ws, row, WIDTHS);
      row++;
    }
  }
  if (optional.length > 0) {
    if (manual.length === 0 || proposing) part(F.committeePart);
    else row++;
    putMerged(ws, row++, C.no, last, F.notApplicablePart, { bold: true, border: true, fill: HEAD_FILL });
    for (const c of optional) {
      put(ws, row, C.key, `${FORM.notApplicablePrefix}${c.id}`);
      put(ws, row, C.no, c.id, { align: 'center', border: true });
      put(ws, row, C.label, c.name, { wrap: true, border: true });
      put(ws, row, C.measure, F.notApplicableAsk, { align: 'center', border: true, wrap: true });
      inputCells(ws, row, undefined, !input.forUnits);
      ws.getCell(row, C.value).dataValidation = validationOf({ label: c.name, type: 'boolean' }, [], labels, input.lang);
      fitHeight(ws, row, WIDTHS);
      row++;
    }
  }
  ws.getColumn(C.key).hidden = true;
  setPrinting(ws, FORM.headerRow, labels, 'portrait');
  ws.pageSetup.printArea = `B1:G${row}`;
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

/** Cells to fill in a row (the first one a value, centred): yellow and unlocked, or grey and locked when not the reader's to fill. */
export function inputCells(ws: Worksheet, row: number, cols: readonly number[] = [FORM.col.value, FORM.col.source, FORM.col.note], open = true): void {
  for (const [i, col] of cols.entries()) {
    put(ws, row, col, null, { border: true, wrap: i > 0, fill: open ? INPUT_FILL : LOCKED_FILL, align: i === 0 ? 'center' : 'left', unlocked: open });
  }
}

/** The `guide` texts of the criteria that read each fact. */
function guidesOf(bloc: Bloc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { criterion } of placedCriteria(bloc)) {
    if (!criterion.guide) continue;
    for (const fact of factsOfCriterion(criterion)) out.set(fact, [...(out.get(fact) ?? []), criterion.guide]);
  }
  return out;
}

/** Data validation matching a fact: whole or decimal number within its range, or a yes/no list; its input message names the fact and the guides. */
export function validationOf(fact: Pick<Fact, 'label' | 'type' | 'min' | 'max' | 'unit'>, guides: string[], labels: Labels, lang: Lang): DataValidation {
  const F = labels.form;
  const hint = fact.unit === '%' ? [F.percentHint] : [];
  const prompt = clip([`${fact.label}${fact.unit ? ` (${fact.unit})` : ''}.`, ...hint, ...guides].join(' '), PROMPT_MAX);
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: clip(F.value, TITLE_MAX),
    prompt,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: clip(F.errorTitle, TITLE_MAX),
  };
  if (fact.type === 'boolean') {
    // Two short words: an inline list, far under Excel's 255-character limit for one.
    return { ...common, type: 'list', formulae: [`"${labels.yes},${labels.no}"`], error: F.yesNoPrompt };
  }
  // Any text up to Excel's cell limit: the rule is there for its input message.
  if (fact.type === 'text') return { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [32767], error: F.errorTitle };
  const whole = fact.type === 'integer';
  const num = (v: number | undefined) => (v === undefined ? undefined : formatNumber(v, lang, 6));
  const error = F.numberPrompt(num(fact.min), num(fact.max), whole);
  const type = whole ? 'whole' : 'decimal';
  if (fact.min !== undefined && fact.max !== undefined) return { ...common, type, operator: 'between', formulae: [fact.min, fact.max], error };
  if (fact.min !== undefined) return { ...common, type, operator: 'greaterThanOrEqual', formulae: [fact.min], error };
  if (fact.max !== undefined) return { ...common, type, operator: 'lessThanOrEqual', formulae: [fact.max], error };
  return { ...common, type, operator: 'between', formulae: [-1e15, 1e15], error };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
