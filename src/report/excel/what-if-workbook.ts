import type { Lang } from '../../diagnostics/codes.js';
import { movementMark } from '../../rank/compare-quarters.js';
import type { RuleChange, WhatIf } from '../../what-if.js';
import { fitHeight, newWorkbook, put, setColumns, setPrinting, workbookBytes } from './document.js';
import { LABELS } from '../labels.js';
import { changeText } from '../text/what-if-text.js';

const HEAD_FILL = 'FFF2F2F2';

/** The what-if as a workbook: the rule changes, then every unit under both rule sets. */
export async function writeWhatIfWorkbook(w: WhatIf, where: (c: RuleChange) => string | undefined, lang: Lang, stamp: Date): Promise<Buffer> {
  const vi = lang === 'vi';
  const labels = LABELS[lang];
  const wb = newWorkbook(stamp);
  const header = (ws: ReturnType<typeof wb.addWorksheet>, heads: string[], widths: number[]) => {
    setColumns(ws, widths);
    heads.forEach((h, i) => put(ws, 1, i + 1, h, { bold: true, align: 'center', wrap: true, border: true, fill: HEAD_FILL }));
    fitHeight(ws, 1, widths);
    setPrinting(ws, 1, labels);
  };

  const changes = wb.addWorksheet(vi ? 'Thay đổi tiêu chí' : 'Rule changes');
  const cw = [60, 90];
  header(changes, vi ? ['Vị trí trong bộ tiêu chí mới', 'Thay đổi'] : ['Place in the new rules', 'Change'], cw);
  w.changes.forEach((c, i) => {
    put(changes, i + 2, 1, where(c) ?? '', { wrap: true, border: true });
    put(changes, i + 2, 2, changeText(c, lang), { wrap: true, border: true });
    fitHeight(changes, i + 2, cw);
  });

  const units = wb.addWorksheet(vi ? 'So sánh kết quả' : 'Results compared');
  const uw = [26, 12, 28, 10, 10, 10, 9, 9, 10, 13, 13];
  const heads = vi
    ? ['Khối', 'Mã đơn vị', 'Đơn vị', 'Điểm cũ', 'Điểm mới', 'Chênh lệch', 'Hạng cũ', 'Hạng mới', 'Thay đổi hạng', 'Xếp loại cũ', 'Xếp loại mới']
    : ['Bloc', 'Unit id', 'Unit', 'Old score', 'New score', 'Difference', 'Old rank', 'New rank', 'Rank change', 'Old grade', 'New grade'];
  header(units, heads, uw);
  let r = 1;
  const number = { numFmt: '0.00', align: 'right' as const, border: true };
  for (const bloc of w.blocs) {
    for (const u of bloc.units) {
      r++;
      const changed = u.before !== undefined && u.before.grade !== u.after.grade;
      put(units, r, 1, bloc.name, { wrap: true, border: true });
      put(units, r, 2, u.id, { border: true });
      put(units, r, 3, u.name, { wrap: true, border: true });
      put(units, r, 4, u.before?.score ?? null, number);
      put(units, r, 5, u.after.score, number);
      put(units, r, 6, u.movement?.scoreChange ?? null, { ...number, numFmt: '+0.00;-0.00;0.00' });
      put(units, r, 7, u.before?.rank ?? null, { align: 'center', border: true });
      put(units, r, 8, u.after.rank, { align: 'center', border: true });
      put(units, r, 9, movementMark(u.movement, labels.ranking.newUnit), { align: 'center', border: true });
      put(units, r, 10, u.before?.grade ?? null, { align: 'center', border: true });
      put(units, r, 11, u.after.grade, { align: 'center', border: true, bold: changed, fill: changed ? 'FFFFF2CC' : undefined });
      fitHeight(units, r, uw);
    }
  }
  if (r > 1) units.autoFilter = { from: { row: 1, column: 1 }, to: { row: r, column: heads.length } };
  return workbookBytes(wb);
}
