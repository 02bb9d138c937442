/** The rankings printed on the console: a quarter's (`cchc score`) and a year's (`cchc year`). */
import type { Lang } from '../../diagnostics/codes.js';
import type { Results } from '../../model/results.js';
import { quartersOf, type YearResults } from '../../model/year.js';

/** A row of a table: its cells, and why its grade was refused, printed under it. */
interface Row {
  cells: string[];
  gradeReason?: string;
}

/** Each bloc's ranking: rank, unit, score (self, appraised and their difference when appraised) and grade. */
export function formatRanking(results: Results, lang: Lang): string {
  const vi = lang === 'vi';
  const appraised = results.blocs.some((b) => b.units.some((u) => u.selfScore !== undefined));
  const head = [vi ? 'Hạng' : 'Rank', vi ? 'Đơn vị' : 'Unit', ...(appraised ? [vi ? 'Tự chấm' : 'Self', vi ? 'Thẩm định' : 'Appraised', '±'] : [vi ? 'Điểm' : 'Score']), vi ? 'Xếp loại' : 'Grade'];
  const numeric = new Set(appraised ? [0, 2, 3, 4] : [0, 2]);
  const stage = results.stage === 'provisional' ? (vi ? ', TẠM THỜI: còn giải trình chưa quyết định' : ', PROVISIONAL: explanations not yet decided') : '';
  const lines = results.blocs.flatMap((bloc) => [
    '',
    `${bloc.name} (${results.quarter}${stage})`,
    ...table(
      head,
      bloc.units.map((u) => ({
        cells: [
          String(u.rank),
          `${u.id}  ${u.name}`,
          ...(appraised ? [(u.selfScore ?? u.score).toFixed(2), u.score.toFixed(2), signed(u.score - (u.selfScore ?? u.score))] : [u.score.toFixed(2)]),
          u.grade,
        ],
        gradeReason: u.gradeReason,
      })),
      numeric,
    ),
  ]);
  return `${lines.join('\n')}\n\n`;
}

/** Each bloc's annual ranking: rank, unit, the four quarters, the annual score and grade. */
export function formatYear(year: YearResults, lang: Lang): string {
  const vi = lang === 'vi';
  const quarters = quartersOf(year.year);
  const head = [vi ? 'Hạng' : 'Rank', vi ? 'Đơn vị' : 'Unit', ...quarters.map((q) => q.slice(5)), vi ? 'Năm' : 'Year', vi ? 'Xếp loại' : 'Grade'];
  const stage = year.provisional ? (vi ? ', TẠM THỜI: có quý còn giải trình chưa quyết định' : ', PROVISIONAL: a quarter awaits decisions') : '';
  const lines = year.blocs.flatMap((bloc) => [
    '',
    `${bloc.name} (${year.year}${stage})`,
    ...table(
      head,
      bloc.units.map((u) => ({ cells: [String(u.rank), `${u.id}  ${u.name}`, ...quarters.map((q) => u.quarters[q]?.toFixed(2) ?? '—'), u.score.toFixed(2), u.grade], gradeReason: u.gradeReason })),
      new Set([0, 2, 3, 4, 5, 6]),
    ),
  ]);
  return `${lines.join('\n')}\n\n`;
}

/** A table's lines: the head, a rule, and the rows, the `numeric` columns right-aligned; a refused grade's reason under its row. */
function table(head: readonly string[], rows: readonly Row[], numeric: ReadonlySet<number>): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const fmt = (cells: readonly string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const lines = [fmt(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) {
    lines.push(fmt(r.cells));
    if (r.gradeReason) lines.push(`${' '.repeat(widths[0]! + 2)}↳ ${r.gradeReason}`);
  }
  return lines;
}

/** A difference of scores with its sign, blank when there is none: +1.50, −2.00. */
function signed(d: number): string {
  const cents = Math.round(d * 100);
  if (cents === 0) return '';
  return `${cents > 0 ? '+' : '−'}${(Math.abs(cents) / 100).toFixed(2)}`;
}
