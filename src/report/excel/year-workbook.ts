import type { Worksheet } from 'exceljs';
import type { Lang } from '../../diagnostics/codes.js';
import { columnLetters } from '../../diagnostics/diagnostic.js';
import { roundHalfUp } from '../../model/round.js';
import type { Rules } from '../../model/scorecard.js';
import type { YearBloc, YearResults, YearUnit } from '../../model/year.js';
import { quartersOf } from '../../model/year.js';
import { LINES_PER_CHART, drawQuartersChart } from '../charts/quarters-chart.js';
import { safeSheetNames } from '../files/safe-names.js';
import { LABELS, type Labels } from '../labels.js';
import { fitHeight, newWorkbook, numberFormat, put, putMerged, setColumns, setPrinting, workbookBytes, writeHeading, writeSignatures, writeTitle } from './document.js';
import { gradeFill, headOf } from './ranking-workbook.js';

export interface YearInput {
  rules: Rules;
  year: YearResults;
  lang: Lang;
  /** `YYYY-MM-DD` printed on the date line; blanks when absent. */
  date?: string;
  /** The workbook's recorded dates. */
  stamp: Date;
}

const HEADER_FILL = 'FFF2F2F2';
/** The chart's size in the sheet, in pixels (drawn larger: see drawQuartersChart). */
const CHART = { width: 1050, height: 460 };

/**
 * The year's summary the committee signs (BẢNG TỔNG HỢP … NĂM): one sheet per bloc in the ranking's
 * layout, each unit's four quarters, annual score (a formula carrying its result), rank, grade,
 * trend and notes; under it a chart of the bloc's quarters as a picture, then the signatures.
 */
export async function writeYearWorkbook(input: YearInput): Promise<Buffer> {
  const labels = LABELS[input.lang];
  const wb = newWorkbook(input.stamp);
  const names = safeSheetNames(input.year.blocs.map((b) => b.name), []);
  input.year.blocs.forEach((bloc, i) => {
    const ws = wb.addWorksheet(names[i]!);
    const chart = wb.addImage({ buffer: chartOf(bloc, input, labels) as never, extension: 'png' });
    writeYearSheet(ws, bloc, input, labels, chart);
  });
  return workbookBytes(wb);
}

function writeYearSheet(ws: Worksheet, bloc: YearBloc, input: YearInput, labels: Labels, chart: number): void {
  const { year, rules } = input;
  const Y = labels.year;
  const L = labels.ranking;
  const quarters = quartersOf(year.year);
  const precision = rules.scheme.precision;
  const fmt = numberFormat(precision);
  const columns = [
    { head: L.no, width: 6 },
    { head: L.unit, width: 30 },
    ...quarters.map((q) => ({ head: Y.quarter(q), width: 10 })),
    { head: Y.score, width: 11 },
    { head: L.rank, width: 9 },
    { head: L.grade, width: 13 },
    { head: Y.trend, width: 11 },
    { head: Y.note, width: 44 },
  ];
  const widths = columns.map((c) => c.width);
  const last = columns.length;
  setColumns(ws, widths);
  let row = writeHeading(ws, { ...headOf(rules), date: input.date }, labels, widths);
  row = writeTitle(ws, row, `${Y.title(year.year)}${year.provisional ? labels.appraisal.provisional : ''}`, last);
  row = writeTitle(ws, row, labels.blocLine(bloc.name), last);
  row += 1;
  const headerRow = row;
  columns.forEach((c, i) => put(ws, headerRow, i + 1, c.head, { bold: true, align: 'center', wrap: true, border: true, fill: HEADER_FILL }));
  fitHeight(ws, headerRow, widths);

  const col = { first: 3, score: 7, rank: 8, grade: 9, trend: 10, note: 11 };
  const number = { numFmt: fmt, align: 'right' as const, border: true };
  const weights = year.weights ?? [1, 1, 1, 1];
  const grades = rules.scheme.year?.grades ?? rules.scheme.grades;
  bloc.units.forEach((u, i) => {
    const r = headerRow + 1 + i;
    put(ws, r, 1, i + 1, { align: 'center', border: true });
    put(ws, r, 2, u.name, { wrap: true, border: true });
    quarters.forEach((q, k) => put(ws, r, col.first + k, u.quarters[q] ?? null, number));
    put(ws, r, col.score, { formula: scoreFormula(u, quarters, r, year.method, weights, precision), result: u.score }, { ...number, bold: true });
    put(ws, r, col.rank, u.rank, { align: 'center', border: true });
    // Coloured as the ranking colours its grades; bold when a condition or a quota set it.
    const g = grades.findIndex((x) => x.label === u.grade);
    put(ws, r, col.grade, u.grade, { align: 'center', border: true, bold: u.gradeReason !== undefined, ...(g >= 0 ? { fill: gradeFill(g, grades.length) } : {}) });
    const trend = trendOf(u, quarters, r, precision);
    put(ws, r, col.trend, trend ? { formula: trend.formula, result: trend.result } : null, { ...number, numFmt: `"▲ "${fmt};"▼ "${fmt};"= "${fmt}`, align: 'center' });
    put(ws, r, col.note, notesOf(u, year, labels, input.rules).join('; ') || null, { wrap: true, border: true });
    fitHeight(ws, r, widths);
  });
  const lastRow = headerRow + Math.max(1, bloc.units.length);
  if (bloc.units.length > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: last } };

  row = lastRow + 2;
  const notes = [Y.method(year.method, year.weights, precision), Y.trendNote];
  if (rules.scheme.year?.grades ?? rules.scheme.grades.some((g) => g.unless || g.maxShare)) notes.push(Y.gradeNote);
  if (year.quartersMissing.length > 0) notes.push(Y.quartersMissing(year.quartersMissing.map(labels.quarter).join(', ')));
  const unpublished = year.quarters.filter((q) => !q.published).map((q) => labels.quarter(q.quarter));
  if (unpublished.length > 0) notes.push(Y.unpublished(unpublished.join(', ')));
  if (new Set(year.quarters.map((q) => q.rulesDigest)).size > 1) notes.push(Y.otherRules);
  for (const note of notes) {
    putMerged(ws, row, 1, last, note, { italic: true, wrap: true });
    fitHeight(ws, row, widths, new Map([[1, last]]));
    row += 1;
  }
  row = writeSignatures(ws, row + 1, labels, widths);
  // The chart on a page of its own after the signed table: the picture floats over the rows it covers.
  ws.getRow(row - 1).addPageBreak();
  ws.addImage(chart, { tl: { col: 0.2, row }, ext: CHART } as never);
  setPrinting(ws, headerRow, labels);
}

/** The annual score as the sheet computes it from the quarter cells the unit has: the result is the program's. */
function scoreFormula(u: YearUnit, quarters: readonly string[], r: number, method: 'mean' | 'weighted', weights: readonly number[], precision: number): string {
  const present = quarters.flatMap((q, k) => (u.quarters[q] !== undefined ? [{ cell: `${columnLetters(3 + k)}${r}`, weight: weights[k]! }] : []));
  if (method === 'mean') return `ROUND(AVERAGE(${present.map((p) => p.cell).join(',')}),${precision})`;
  const weighed = present.filter((p) => p.weight !== 0);
  const total = roundHalfUp(weighed.reduce((a, p) => a + p.weight, 0), 9);
  return `ROUND((${weighed.map((p) => `${p.cell}*${p.weight}`).join('+')})/${total},${precision})`;
}

/** The unit's last quarter less its first, when it has two. */
function trendOf(u: YearUnit, quarters: readonly string[], r: number, precision: number): { formula: string; result: number } | undefined {
  const have = quarters.map((q, k) => ({ q, k })).filter(({ q }) => u.quarters[q] !== undefined);
  if (have.length < 2) return undefined;
  const first = have[0]!;
  const last = have.at(-1)!;
  return {
    formula: `ROUND(${columnLetters(3 + last.k)}${r}-${columnLetters(3 + first.k)}${r},${precision})`,
    result: roundHalfUp(u.quarters[last.q]! - u.quarters[first.q]!, precision),
  };
}

/** What the notes column says of a unit: why its grade, quarters it lacks, quarters in another bloc. */
export function notesOf(u: YearUnit, year: YearResults, labels: Labels, rules: Rules): string[] {
  const quarters = quartersOf(year.year);
  const notes: string[] = [];
  if (u.gradeReason) notes.push(u.gradeReason);
  // A quarter the whole year lacks is said once under the table, not on every unit.
  const lacking = u.quartersMissing?.filter((q) => !year.quartersMissing.includes(q)) ?? [];
  if (lacking.length > 0) notes.push(labels.year.unitMissing(lacking.map(labels.quarter).join(', ')));
  for (const q of quarters) {
    const other = u.otherBlocs?.[q];
    if (other) notes.push(labels.year.otherBloc(q, rules.blocs.find((b) => b.bloc === other)?.name ?? other));
  }
  return notes;
}

/** A bloc's chart: a line per unit, or the bloc's mean, highest and lowest when it has many units. */
function chartOf(bloc: YearBloc, input: YearInput, labels: Labels): Buffer {
  const Y = labels.year;
  const quarters = quartersOf(input.year.year);
  const precision = input.rules.scheme.precision;
  const grades = input.rules.scheme.year?.grades ?? input.rules.scheme.grades;
  const each = (u: YearUnit) => quarters.map((q) => u.quarters[q] ?? null);
  const lines =
    bloc.units.length <= LINES_PER_CHART
      ? bloc.units.map((u) => ({ label: u.name, scores: each(u) }))
      : [
          { label: Y.highest, scores: summary(bloc, quarters, (xs) => Math.max(...xs)) },
          { label: Y.mean, scores: summary(bloc, quarters, (xs) => roundHalfUp(xs.reduce((a, b) => a + b, 0) / xs.length, precision)) },
          { label: Y.lowest, scores: summary(bloc, quarters, (xs) => Math.min(...xs)) },
        ];
  const total = input.rules.blocs.find((b) => b.bloc === bloc.id)?.total ?? 100;
  return drawQuartersChart({
    title: Y.chartTitle(bloc.name, input.year.year),
    quarters: quarters.map(Y.quarter),
    lines,
    cuts: grades.filter((g): g is typeof g & { min: number } => g.min !== undefined).map((g) => ({ label: g.label, min: g.min })),
    max: total,
    axis: Y.chartAxis,
  });
}

function summary(bloc: YearBloc, quarters: readonly string[], of: (scores: number[]) => number): (number | null)[] {
  return quarters.map((q) => {
    const scores = bloc.units.flatMap((u) => (u.quarters[q] === undefined ? [] : [u.quarters[q]!]));
    return scores.length > 0 ? of(scores) : null;
  });
}
