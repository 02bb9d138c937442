import type { Worksheet } from 'exceljs';
import type { Lang } from '../../diagnostics/codes.js';
import { formatNumber } from '../../model/number-format.js';
import { roundHalfUp } from '../../model/round.js';
import type { BlocOutcome, Results, UnitOutcome } from '../../model/results.js';
import { placedCriteria, type Bloc, type Grade, type Rules } from '../../model/scorecard.js';
import { columnLetters } from '../../diagnostics/diagnostic.js';
import { movementMark } from '../../rank/compare-quarters.js';
import {
  fitHeight,
  numberFormat,
  put,
  putMerged,
  setColumns,
  setPrinting,
  SheetRows,
  streamWorkbook,
  writeHeading,
  writeSignatures,
  writeTitle,
  type DocumentHead,
} from './document.js';
import { changeLines, evidenceLines, sourcesOf } from '../evidence-text.js';
import { LABELS, type Labels } from '../labels.js';
import { safeSheetNames } from '../files/safe-names.js';
import type { ReportInput } from '../report-input.js';

const HEADER_FILL = 'FFF2F2F2';
/** The header rows of the bloc sheets and of the detail sheet. */
const BLOC_HEADER_ROW = 8;
const DETAIL_HEADER_ROW = 3;

/**
 * A streamed sheet writes its view (the frozen header) and "fit to page" as soon as it starts,
 * before setPrinting can set them: they are given when the sheet is created.
 */
function streamedSheet(headerRow: number): never {
  const view = { state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` };
  return { pageSetup: { fitToWidth: 1, fitToHeight: 0 }, views: [view] } as never;
}

/**
 * Colours of the grades, best first: the extremes also bold (best) or bold italic (worst), so the
 * cue survives black-and-white printing; the fills differ in lightness for the same reason.
 */
const GRADE_FILLS = ['FFA9D08E', 'FFC6E0B4', 'FFFFF2CC', 'FFF8CBAD', 'FFF4B084'];

/**
 * The summary the committee signs, written to `file`: one sheet per bloc, then the detail of
 * every criterion. The workbook is streamed: each sheet goes to the file when it is complete,
 * and the detail sheet (one row per unit × criterion: 150,000 rows at EVN scale) row by row.
 */
export async function writeRankingWorkbook(input: ReportInput, file: string): Promise<void> {
  const labels = LABELS[input.lang];
  const names = safeSheetNames(input.results.blocs.map((b) => b.name), [labels.details.sheet]);
  await streamWorkbook(file, input.stamp, async (wb) => {
    for (const [i, outcome] of input.results.blocs.entries()) {
      const bloc = input.rules.blocs.find((b) => b.bloc === outcome.id)!;
      const ws = wb.addWorksheet(names[i]!, streamedSheet(BLOC_HEADER_ROW));
      writeBlocSheet(ws as unknown as Worksheet, bloc, outcome, input, labels);
      ws.commit();
    }
    const detail = wb.addWorksheet(labels.details.sheet, streamedSheet(DETAIL_HEADER_ROW));
    await writeDetailSheet(detail, input, labels);
    detail.commit();
  });
}

/** The maximum points of a bloc's parts: each section, the bonus and the penalty. */
export function partMaxima(bloc: Bloc): { sections: number[]; bonus: number; penalty: number } {
  const sum = (list: { max: number }[] = []) => list.reduce((a, c) => a + c.max, 0);
  return { sections: bloc.sections.map((s) => sum(s.criteria)), bonus: sum(bloc.bonus), penalty: sum(bloc.penalty) };
}

function writeBlocSheet(ws: Worksheet, bloc: Bloc, outcome: BlocOutcome, input: ReportInput, labels: Labels): void {
  const { rules, results, comparison } = input;
  const L = labels.ranking;
  const A = labels.appraisal;
  const appraised = isAppraised(results);
  const fmt = numberFormat(rules.scheme.precision);
  const maxima = partMaxima(bloc);
  const columns: { head: string; width: number }[] = [
    { head: L.no, width: 6 },
    { head: L.unit, width: 30 },
    ...bloc.sections.map((s, i) => ({ head: `${L.section(s.id)}\n${L.maxOf(maxima.sections[i]!)}`, width: 12 })),
    { head: `${L.base}\n${L.maxOf(bloc.total)}`, width: 12 },
    { head: `${L.bonus}\n${L.maxOf(maxima.bonus)}`, width: 11 },
    { head: `${L.penalty}\n${L.maxOf(maxima.penalty)}`, width: 11 },
    // Appraised: the unit's own score, the settled one (ranked and graded) and the difference.
    ...(appraised ? [{ head: A.selfScore, width: 11 }, { head: A.appraisedScore, width: 11 }, { head: A.difference, width: 11 }] : [{ head: L.score, width: 11 }]),
    { head: L.rank, width: 9 },
    { head: L.grade, width: 13 },
  ];
  if (comparison) {
    columns.push(
      { head: L.previousScore(comparison.quarter), width: 12 },
      { head: L.previousRank(comparison.quarter), width: 12 },
      { head: L.movement, width: 10 },
    );
  }
  const widths = columns.map((c) => c.width);
  const last = columns.length;
  setColumns(ws, widths);

  let row = writeHeading(ws, { ...headOf(rules), date: input.date }, labels, widths);
  row = writeTitle(ws, row, titleOf(labels.rankingTitle(results.quarter), results, labels), last);
  row = writeTitle(ws, row, labels.blocLine(bloc.name), last);
  row += 1;

  const headerRow = row;
  if (headerRow !== BLOC_HEADER_ROW) throw new Error(`bloc sheet header at row ${headerRow}, expected ${BLOC_HEADER_ROW}`);
  columns.forEach((c, i) => put(ws, headerRow, i + 1, c.head, { bold: true, align: 'center', wrap: true, border: true, fill: HEADER_FILL }));
  fitHeight(ws, headerRow, widths);

  const first = 3 + bloc.sections.length + 3;
  const shift = appraised ? 2 : 0;
  const col = { self: first, score: first + (appraised ? 1 : 0), difference: first + 2, rank: first + 1 + shift, grade: first + 2 + shift };
  const number = { numFmt: fmt, align: 'right' as const, border: true };
  const byScore = rules.scheme.grades.every((g) => g.unless === undefined && g.maxShare === undefined);
  outcome.units.forEach((u, i) => {
    const r = headerRow + 1 + i;
    put(ws, r, 1, i + 1, { align: 'center', border: true });
    put(ws, r, 2, u.name, { wrap: true, border: true });
    bloc.sections.forEach((s, k) => put(ws, r, 3 + k, u.sections.find((x) => x.id === s.id)?.points ?? 0, number));
    const c = 3 + bloc.sections.length;
    // A base scaled up because a criterion did not apply is in italics, and named in a note below.
    put(ws, r, c, u.base, { ...number, italic: rescaled(u, bloc.total) });
    put(ws, r, c + 1, u.bonus, number);
    put(ws, r, c + 2, u.penalty, number);
    put(ws, r, col.score, u.score, { ...number, bold: true });
    if (appraised) {
      const self = u.selfScore ?? u.score;
      put(ws, r, col.self, self, number);
      const formula = `ROUND(${columnLetters(col.score)}${r}-${columnLetters(col.self)}${r},${rules.scheme.precision})`;
      put(ws, r, col.difference, { formula, result: roundHalfUp(u.score - self, rules.scheme.precision) }, { ...number, numFmt: `+${fmt};-${fmt};${fmt}` });
    }
    put(ws, r, col.rank, u.rank, { align: 'center', border: true });
    // The grade follows the score, as a formula carrying its result, so an edited score regrades;
    // grades with conditions or quotas depend on more than the score, and are written as given.
    const grade = byScore ? { formula: gradeFormula(`${columnLetters(col.score)}${r}`, rules.scheme.grades), result: u.grade } : u.grade;
    put(ws, r, col.grade, grade, { align: 'center', border: true });
    if (comparison) {
      const m = comparison.units.get(u.id);
      put(ws, r, col.grade + 1, m?.previousScore ?? null, number);
      put(ws, r, col.grade + 2, m?.previousRank ?? null, { align: 'center', border: true });
      put(ws, r, col.grade + 3, movementMark(m, L.newUnit), { align: 'center', border: true });
    }
    fitHeight(ws, r, widths);
  });
  const lastRow = headerRow + Math.max(1, outcome.units.length);
  if (outcome.units.length > 0) {
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: last } };
    addScoreCues(ws, bloc, rules.scheme.grades, headerRow + 1, lastRow, col);
  }

  row = lastRow + 2;
  const notes = [`${L.sectionsLegend} ${bloc.sections.map((s) => `${L.section(s.id)} – ${s.name}`).join('; ')}.`];
  const scaled = outcome.units.filter((u) => rescaled(u, bloc.total));
  if (scaled.length > 0) {
    notes.push(L.rescaledNote(bloc.total, scaled.map((u) => `${u.name} (${u.criteria.filter((c) => c.status === 'not_applicable').map((c) => c.id).join(', ')})`)));
  }
  for (const u of outcome.units) if (u.gradeReason) notes.push(L.gradeReason(u.name, u.gradeReason));
  if (appraised) notes.push(A.rankingNote);
  if (comparison) notes.push(L.comparedWith(comparison.quarter));
  if (comparison && !comparison.sameRules) notes.push(L.otherRules(comparison.quarter));
  for (const note of notes) {
    putMerged(ws, row, 1, last, note, { italic: true, wrap: true });
    fitHeight(ws, row, widths, new Map([[1, last]]));
    row += 1;
  }
  writeSignatures(ws, row + 1, labels, widths);
  setPrinting(ws, headerRow, labels);
}

/** A data bar on the score column, and the grade column coloured by its grade: both follow an edited score. */
function addScoreCues(ws: Worksheet, bloc: Bloc, grades: readonly Grade[], first: number, last: number, col: { score: number; grade: number }): void {
  const score = columnLetters(col.score);
  ws.addConditionalFormatting({
    ref: `${score}${first}:${score}${last}`,
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        // gradient: a classic data bar, without the x14 extension (which would carry a random id).
        gradient: true,
        cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: bloc.total }],
        color: { argb: 'FF5B9BD5' },
      } as never,
    ],
  });
  const g = columnLetters(col.grade);
  // By the grade the cell shows: it follows an edited score, and holds a grade a condition or a quota set.
  const cell = `$${g}${first}`;
  ws.addConditionalFormatting({
    ref: `${g}${first}:${g}${last}`,
    rules: grades.map((grade, i) => {
      return {
        type: 'expression' as const,
        priority: 2 + i,
        formulae: [`${cell}="${grade.label.replace(/"/g, '""')}"`],
        style: {
          fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: gradeFill(i, grades.length) } },
          font: { bold: i === 0 || i === grades.length - 1, italic: i === grades.length - 1 && grades.length > 1 },
        },
      };
    }),
  });
}

/** The grade of the score in `cell` as a spreadsheet formula: the first grade whose min it reaches. */
export function gradeFormula(cell: string, grades: readonly Grade[]): string {
  const quote = (label: string) => `"${label.replace(/"/g, '""')}"`;
  const last = grades[grades.length - 1]!;
  return grades
    .slice(0, -1)
    .reduceRight((otherwise, g) => `IF(${cell}>=${g.min},${quote(g.label)},${otherwise})`, quote(last.label));
}

/** A unit some of whose section criteria did not apply: its base is scaled up to the bloc's total. */
function rescaled(u: UnitOutcome, total: number): boolean {
  const applicable = u.sections.reduce((a, s) => a + s.max, 0);
  return applicable > 0 && Math.abs(applicable - total) > 1e-9;
}

/** The fill of the `i`-th of `n` grades, best first. */
export function gradeFill(i: number, n: number): string {
  if (i === 0) return GRADE_FILLS[0]!;
  if (i === n - 1) return GRADE_FILLS[4]!;
  return GRADE_FILLS[1 + ((i - 1) % 3)]!;
}

/** The detail sheet: its title and header through exceljs, then a row per unit and criterion as XML (SheetRows). */
async function writeDetailSheet(ws: Worksheet, input: ReportInput, labels: Labels): Promise<void> {
  const D = labels.details;
  const A = labels.appraisal;
  const appraised = isAppraised(input.results);
  const fmt = numberFormat(input.rules.scheme.precision);
  const columns = [
    { head: D.bloc, width: 18 },
    { head: D.unitId, width: 12 },
    { head: D.unit, width: 24 },
    { head: D.section, width: 8 },
    { head: D.criterionId, width: 9 },
    { head: D.criterion, width: 36 },
    { head: D.max, width: 8 },
    { head: D.evidence, width: 34 },
    { head: D.source, width: 30 },
    { head: D.points, width: 8 },
    { head: D.status, width: 14 },
    { head: D.reason, width: 44 },
    ...(appraised ? [{ head: A.selfPoints, width: 8 }, { head: A.changes, width: 48 }] : []),
  ];
  const widths = columns.map((c) => c.width);
  setColumns(ws, widths);
  writeTitle(ws, 1, titleOf(D.title(input.results.quarter), input.results, labels), columns.length);
  const headerRow = DETAIL_HEADER_ROW;
  columns.forEach((c, i) => put(ws, headerRow, i + 1, c.head, { bold: true, align: 'center', wrap: true, border: true, fill: HEADER_FILL }));
  fitHeight(ws, headerRow, widths);
  // Printing and the filter are set before the rows go: a streamed sheet writes its settings with its last row.
  setPrinting(ws, headerRow, labels);
  ws.getRow(headerRow).commit();

  const rows = new SheetRows(ws, widths);
  const text = { wrap: true, border: true };
  const centered = { ...text, align: 'center' as const };
  const number = { numFmt: fmt, align: 'right' as const, border: true };
  const styles = [text, text, text, centered, centered, text, number, text, text, { ...number, bold: true }, text, text, ...(appraised ? [number, text] : [])];
  let r = headerRow;
  for (const outcome of input.results.blocs) {
    const bloc = input.rules.blocs.find((b) => b.bloc === outcome.id)!;
    const placed = new Map(placedCriteria(bloc).map((p) => [p.criterion.id, p]));
    for (const u of outcome.units) {
      for (const c of u.criteria) {
        const p = placed.get(c.id)!;
        const lines = evidenceLines(c, bloc, labels, input.lang);
        const evidence = lines.map((l) => `${l.label}: ${l.text}${l.measure ? ` ${l.measure}` : ''}`).join('\n');
        const part = p.section ?? (p.part === 'bonus' ? D.bonusPart : D.penaltyPart);
        r += 1;
        const cells: (string | number)[] = [bloc.name, u.id, u.name, part, c.id, p.criterion.name, c.max, evidence, sourcesOf(c, lines).join('\n'), c.points, labels.status[c.status], c.reason];
        if (appraised) cells.push(c.selfPoints ?? c.points, changeLines(c, bloc.facts, labels, input.lang).join('\n'));
        rows.write(r, cells, styles);
        if (r % 64 === 0) await rows.drained();
      }
    }
  }
  if (r > headerRow) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: r, column: columns.length } };
}

/** Whether a quarter's results carry the committee's appraisal: both stages are then shown. */
export function isAppraised(results: Pick<Results, 'stage'>): boolean {
  return results.stage !== undefined && results.stage !== 'self';
}

/** A document's title, marked provisional while an explanation waits for a decision. */
export function titleOf(title: string, results: Pick<Results, 'stage'>, labels: Labels): string {
  return results.stage === 'provisional' ? `${title}${labels.appraisal.provisional}` : title;
}

/** The heading of every document, from the scheme. */
export function headOf(rules: Rules): Omit<DocumentHead, 'date'> {
  const { organization, committee, place } = rules.scheme;
  return { organization, committee, place };
}

/** `3 / 8`: a rank among the units of a bloc. */
export function rankOf(rank: number, size: number, lang: Lang): string {
  return `${formatNumber(rank, lang)} / ${formatNumber(size, lang)}`;
}
