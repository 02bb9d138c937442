import type { Worksheet } from 'exceljs';
import type { Lang } from '../../diagnostics/codes.js';
import { columnLetters } from '../../diagnostics/diagnostic.js';
import type { CriterionOutcome, Results, UnitOutcome } from '../../model/results.js';
import { roundHalfUp } from '../../model/round.js';
import type { Bloc, Criterion, Rules } from '../../model/scorecard.js';
import { movementMark, type Comparison, type Movement } from '../../rank/compare-quarters.js';
import { cellText, fitHeight, heightOf, linesIn, type CellStyle, newWorkbook, numberFormat, put, putMerged, setColumns, setPrinting, writeHeading, writeSignatures, writeTitle, workbookBytes } from './document.js';
import { changeLines, evidenceLines } from '../evidence-text.js';
import { LABELS, type Labels } from '../labels.js';
import { headOf, isAppraised, rankOf, titleOf } from './ranking-workbook.js';
import type { ReportInput } from '../report-input.js';

/** Columns and their widths; an appraised quarter adds the unit's own points and the committee's changes. */
interface Layout {
  col: { no: number; criterion: number; max: number; indicator: number; value: number; measure: number; source: number; points: number; reason: number; self?: number; changes?: number };
  widths: number[];
}
const PLAIN: Layout = { col: { no: 1, criterion: 2, max: 3, indicator: 4, value: 5, measure: 6, source: 7, points: 8, reason: 9 }, widths: [7, 34, 9, 32, 10, 9, 26, 9, 40] };
const APPRAISED: Layout = {
  col: { no: 1, criterion: 2, max: 3, indicator: 4, value: 5, measure: 6, source: 7, self: 8, points: 9, reason: 10, changes: 11 },
  widths: [7, 30, 8, 28, 9, 8, 22, 9, 9, 34, 38],
};
const GROUP_FILL = 'FFF2F2F2';

/** What every scorecard of a quarter shares: a worker thread receives it once. */
export interface ScorecardInput {
  rules: Rules;
  quarter: string;
  /** The previous quarter compared with, when known. */
  comparison?: Pick<Comparison, 'quarter' | 'sameRules'>;
  lang: Lang;
  date?: string;
  stamp: Date;
  /** The results' stage: an appraised quarter shows both figures; a provisional one says so in its title. */
  stage?: Results['stage'];
}

/** One unit's scorecard to make: its outcome, how many units its bloc ranks, its movement since the previous quarter. */
export interface ScorecardJob {
  bloc: string;
  unit: UnitOutcome;
  size: number;
  movement?: Movement;
}

/** The shared part of a report's input, and each unit's job, in report order. */
export function scorecardsOf(input: ReportInput): { shared: ScorecardInput; jobs: ScorecardJob[] } {
  const { rules, results, comparison, lang, date, stamp } = input;
  const shared: ScorecardInput = { rules, quarter: results.quarter, lang, date, stamp, ...(results.stage ? { stage: results.stage } : {}), ...(comparison ? { comparison: { quarter: comparison.quarter, sameRules: comparison.sameRules } } : {}) };
  const jobs = results.blocs.flatMap((b) => b.units.map((unit) => ({ bloc: b.id, unit, size: b.units.length, movement: comparison?.units.get(unit.id) })));
  return { shared, jobs };
}

/**
 * The scorecard a unit receives: every criterion with its evidence, points and reason; section
 * subtotals and totals as formulas carrying their computed results, so the file checks itself in
 * Excel and is right before any recalculation.
 */
export async function writeUnitWorkbook(input: ScorecardInput, job: ScorecardJob): Promise<Buffer> {
  const labels = LABELS[input.lang];
  const S = labels.scorecard;
  const { rules, comparison } = input;
  const { unit, size } = job;
  const bloc = rules.blocs.find((b) => b.bloc === job.bloc)!;
  const fmt = numberFormat(rules.scheme.precision);
  const appraised = isAppraised(input);
  const layout = appraised ? APPRAISED : PLAIN;
  const { col: COL, widths: WIDTHS } = layout;
  const wb = newWorkbook(input.stamp);
  const ws = wb.addWorksheet(S.sheet);
  setColumns(ws, WIDTHS);
  const last = WIDTHS.length;

  let row = writeHeading(ws, { ...headOf(rules), date: input.date }, labels, WIDTHS);
  row = writeTitle(ws, row, titleOf(labels.unitTitle(input.quarter), input, labels), last);
  row = writeTitle(ws, row, labels.unitLine(unit.name, unit.id, bloc.name), last, { size: 12 });
  row += 1;

  const headerRow = row;
  const A = labels.appraisal;
  const heads = appraised
    ? [S.no, S.criterion, S.max, S.indicator, S.value, S.measure, S.source, A.selfPoints, A.appraisedPoints, S.reason, A.changes]
    : [S.no, S.criterion, S.max, S.indicator, S.value, S.measure, S.source, S.points, S.reason];
  heads.forEach((h, i) => put(ws, headerRow, i + 1, h, { bold: true, align: 'center', wrap: true, border: true, fill: GROUP_FILL }));
  fitHeight(ws, headerRow, WIDTHS);
  row = headerRow + 1;

  const byId = new Map(unit.criteria.map((c) => [c.id, c]));
  const firstRowOf = new Map<string, number>();
  const writer: Writer = { ws, labels, bloc, fmt, lang: input.lang, byId, firstRowOf, layout };
  const pts = (r: number) => `${columnLetters(COL.points)}${r}`;

  const sectionRows: number[] = [];
  for (const section of bloc.sections) {
    const max = section.criteria.reduce((a, c) => a + c.max, 0);
    const { groupRow, next } = writeGroup(writer, row, section.id, section.name, max, section.criteria);
    const points = unit.sections.find((s) => s.id === section.id)?.points ?? 0;
    put(ws, groupRow, COL.points, { formula: `SUM(${pts(groupRow + 1)}:${pts(next - 1)})`, result: points }, groupNumber(fmt));
    sectionRows.push(groupRow);
    row = next;
  }
  const partRow = (name: string, criteria: Criterion[] | undefined, value: number): number | undefined => {
    if (!criteria?.length) return undefined;
    const max = criteria.reduce((a, c) => a + c.max, 0);
    const { groupRow, next } = writeGroup(writer, row, '', name, max, criteria);
    put(ws, groupRow, COL.points, { formula: `SUM(${pts(groupRow + 1)}:${pts(next - 1)})`, result: value }, groupNumber(fmt));
    row = next;
    return groupRow;
  };
  const bonusRow = partRow(S.bonusGroup, bloc.bonus, unit.bonus);
  const penaltyRow = partRow(S.penaltyGroup, bloc.penalty, unit.penalty);

  // Totals: label across the criterion columns, value under the points column.
  row += 1;
  const total = (label: string, value: unknown, style: { bold?: boolean; numFmt?: string; text?: boolean } = {}): number => {
    putMerged(ws, row, COL.criterion, COL.points - 1, label, { bold: style.bold, border: true, wrap: true });
    put(ws, row, COL.points, value as never, { numFmt: style.text ? undefined : (style.numFmt ?? fmt), align: style.text ? 'center' : 'right', bold: style.bold, border: true });
    fitHeight(ws, row, WIDTHS, new Map([[COL.criterion, COL.points - COL.criterion]]));
    return row++;
  };
  const achieved = unit.sections.reduce((a, s) => a + s.points, 0);
  const applicable = unit.sections.reduce((a, s) => a + s.max, 0);
  const sumOf = (rows: number[]) => `SUM(${rows.map(pts).join(',')})`;
  const p = rules.scheme.precision;
  let baseRow: number;
  if (applicable === bloc.total || applicable === 0) {
    baseRow = total(S.base, { formula: sumOf(sectionRows), result: unit.base }, { bold: true });
  } else {
    // Some criteria do not apply: the base is the points won over the points that could be, on the bloc's scale.
    const achievedRow = total(S.achieved, { formula: sumOf(sectionRows), result: roundHalfUp(achieved, p) });
    const applicableRows = bloc.sections
      .flatMap((s) => s.criteria)
      .filter((c) => byId.get(c.id)!.status !== 'not_applicable')
      .map((c) => `${columnLetters(COL.max)}${firstRowOf.get(c.id)!}`);
    const maxRow = total(S.applicableMax, { formula: `SUM(${applicableRows.join(',')})`, result: roundHalfUp(applicable, p) });
    baseRow = total(S.baseScaled(bloc.total), { formula: `ROUND(${pts(achievedRow)}/${pts(maxRow)}*${bloc.total},${p})`, result: unit.base }, { bold: true });
  }
  const bonusTotal = total(S.bonus, bonusRow ? { formula: pts(bonusRow), result: unit.bonus } : 0);
  const penaltyTotal = total(S.penalty, penaltyRow ? { formula: pts(penaltyRow), result: unit.penalty } : 0);
  const scoreRow = total(S.score, { formula: `MAX(0,ROUND(${pts(baseRow)}+${pts(bonusTotal)}-${pts(penaltyTotal)},${p}))`, result: unit.score }, { bold: true });
  if (appraised) {
    const selfRow = total(A.selfTotal, unit.selfScore ?? unit.score);
    total(A.differenceTotal, { formula: `ROUND(${pts(scoreRow)}-${pts(selfRow)},${p})`, result: roundHalfUp(unit.score - (unit.selfScore ?? unit.score), p) }, { numFmt: `+${fmt};-${fmt};${fmt}` });
  }
  total(S.rank, rankOf(unit.rank, size, input.lang), { bold: true, text: true });
  total(S.grade, unit.grade, { bold: true, text: true });
  if (unit.gradeReason) {
    putMerged(ws, row, COL.criterion, last, unit.gradeReason, { italic: true, wrap: true });
    fitHeight(ws, row++, WIDTHS, new Map([[COL.criterion, last - COL.criterion + 1]]));
  }

  if (comparison) {
    const m = job.movement;
    if (m) {
      const prev = total(S.previousScore(comparison.quarter), m.previousScore);
      total(S.scoreChange, { formula: `ROUND(${pts(scoreRow)}-${pts(prev)},${p})`, result: m.scoreChange }, { numFmt: `+${fmt};-${fmt};${fmt}` });
      total(S.previousRank(comparison.quarter), rankOf(m.previousRank, m.previousSize, input.lang), { text: true });
      total(S.rankChange, movementMark(m, labels.ranking.newUnit), { text: true });
    } else {
      putMerged(ws, row++, COL.criterion, last, S.noPrevious(comparison.quarter), { italic: true });
    }
    if (!comparison.sameRules) putMerged(ws, row++, COL.criterion, last, S.otherRules(comparison.quarter), { italic: true });
  }
  writeSignatures(ws, row + 1, labels, WIDTHS);
  setPrinting(ws, headerRow, labels);
  return workbookBytes(wb);
}

interface Writer {
  ws: Worksheet;
  labels: Labels;
  bloc: Bloc;
  fmt: string;
  lang: Lang;
  byId: Map<string, CriterionOutcome>;
  /** Filled as criteria are written: the first row of each. */
  firstRowOf: Map<string, number>;
  layout: Layout;
}

/** A group row (section, bonus or penalty) then its criteria; the caller fills the group's points. */
function writeGroup(
  w: Writer,
  row: number,
  id: string,
  name: string,
  max: number,
  criteria: Criterion[],
): { groupRow: number; next: number } {
  const { ws, fmt } = w;
  const { col: COL, widths: WIDTHS } = w.layout;
  const groupRow = row;
  const group = { bold: true, border: true, fill: GROUP_FILL };
  put(ws, groupRow, COL.no, id, { ...group, align: 'center' });
  putMerged(ws, groupRow, COL.criterion, COL.criterion, name, { ...group, wrap: true });
  put(ws, groupRow, COL.max, max, { ...group, numFmt: fmt, align: 'right' });
  for (const c of [COL.indicator, COL.value, COL.measure, COL.source, COL.reason, COL.self, COL.changes]) if (c !== undefined) put(ws, groupRow, c, null, group);
  fitHeight(ws, groupRow, WIDTHS);
  let r = groupRow + 1;
  for (const criterion of criteria) r = writeCriterion(w, r, criterion, w.byId.get(criterion.id)!);
  return { groupRow, next: r };
}

interface CriterionStyles {
  no: CellStyle;
  criterion: CellStyle;
  max: CellStyle;
  points: CellStyle;
  reason: CellStyle;
  /** The rows under a merged cell. */
  under: CellStyle;
  indicator: CellStyle;
  text: CellStyle;
  source: CellStyle;
  /** By number format, the style of an evidence number. */
  number: Map<string, CellStyle>;
}

/** The styles of a criterion's cells, plain and faded (a criterion that does not apply), for a number format: built once. */
function criterionStyles(fmt: string, faded: boolean): CriterionStyles {
  const key = `${fmt}|${faded}`;
  let styles = CRITERION_STYLES.get(key);
  if (!styles) {
    const italic = faded ? { italic: true } : {};
    const own = { border: true, wrap: true, ...italic };
    styles = {
      no: { ...own, align: 'center' as const },
      criterion: own,
      max: { ...own, numFmt: fmt, align: 'right' as const, wrap: false },
      points: { ...own, numFmt: fmt, align: 'right' as const, wrap: false, bold: true },
      reason: own,
      under: { border: true },
      indicator: { border: true, wrap: true, ...italic },
      text: { border: true, align: 'center' as const },
      source: { border: true, wrap: true },
      number: new Map<string, CellStyle>(),
    };
    CRITERION_STYLES.set(key, styles);
  }
  return styles;
}

const CRITERION_STYLES = new Map<string, CriterionStyles>();

/** A criterion over as many rows as it read facts (one at least); its own cells merged down. */
function writeCriterion(w: Writer, row: number, criterion: Criterion, outcome: CriterionOutcome): number {
  const { ws, labels, bloc, fmt, lang } = w;
  const { col: COL, widths: WIDTHS } = w.layout;
  w.firstRowOf.set(criterion.id, row);
  const lines = evidenceLines(outcome, bloc, labels, lang);
  const height = Math.max(1, lines.length);
  const S = criterionStyles(fmt, outcome.status === 'not_applicable');
  const own = (col: number, value: unknown, style: CellStyle) => {
    if (height > 1) ws.mergeCells(row, col, row + height - 1, col);
    for (let r = row + 1; r < row + height; r++) put(ws, r, col, null, S.under);
    put(ws, row, col, value as never, style);
  };
  const status = outcome.status === 'scored' ? '' : `[${labels.status[outcome.status]}] `;
  const reason = outcome.status === 'not_applicable' || outcome.status === 'missing' ? outcome.reason : `${status}${outcome.reason}`;
  own(COL.no, criterion.id, S.no);
  own(COL.criterion, criterion.name, S.criterion);
  own(COL.max, outcome.max, S.max);
  own(COL.points, outcome.points, S.points);
  own(COL.reason, reason, S.reason);
  const changes = COL.changes === undefined ? '' : changeLines(outcome, bloc.facts, labels, lang).join('\n');
  if (COL.self !== undefined) own(COL.self, outcome.selfPoints ?? outcome.points, S.max);
  if (COL.changes !== undefined) own(COL.changes, changes, S.reason);
  for (let i = 0; i < height; i++) {
    const line = lines[i];
    const r = row + i;
    const value = line === undefined ? null : typeof line.value === 'number' ? line.value : line.text;
    put(ws, r, COL.indicator, line?.label ?? null, S.indicator);
    put(ws, r, COL.value, value, typeof value === 'number' ? numberStyle(S.number, numberShape(value)) : S.text);
    put(ws, r, COL.measure, line?.measure ?? null, S.text);
    put(ws, r, COL.source, line?.source ?? (i === 0 ? (outcome.source ?? null) : null), S.source);
  }
  // Heights: the criterion's own text is shared by its rows; each row fits its own evidence.
  for (let i = 0; i < height; i++) fitHeight(ws, row + i, WIDTHS);
  const shared = Math.max(
    linesIn(criterion.name, WIDTHS[COL.criterion - 1]!),
    linesIn(cellText(reason), WIDTHS[COL.reason - 1]!),
    COL.changes === undefined ? 0 : linesIn(cellText(changes), WIDTHS[COL.changes - 1]!),
  );
  for (let i = 0; i < height; i++) {
    const r = ws.getRow(row + i);
    r.height = Math.max(r.height ?? 0, heightOf(Math.ceil(shared / height)));
  }
  return row + height;
}

/** The style of an evidence number in a number format, one object per format. */
function numberStyle(styles: Map<string, CellStyle>, numFmt: string): CellStyle {
  let style = styles.get(numFmt);
  if (!style) styles.set(numFmt, (style = { border: true, align: 'right', numFmt }));
  return style;
}

/** A value's number format: as many decimals as it has, up to four. */
function numberShape(value: number): string {
  const decimals = Math.min(4, (String(value).split('.')[1] ?? '').length);
  return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}

function groupNumber(fmt: string) {
  return { numFmt: fmt, align: 'right' as const, bold: true, border: true, fill: GROUP_FILL };
}
