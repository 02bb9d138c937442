import type { Lang } from '../../diagnostics/codes.js';
import { movementMark } from '../../rank/compare-quarters.js';
import type { RuleChange, WhatIf } from '../../what-if.js';

const KINDS: Record<RuleChange['kind'], [string, string]> = {
  precision: ['số chữ số thập phân (precision)', 'precision'],
  'unit-added': ['thêm đơn vị', 'unit added'],
  'unit-removed': ['bỏ đơn vị', 'unit removed'],
  'unit-moved': ['chuyển khối', 'unit moved to another bloc'],
  tiebreak: ['thứ tự xét khi bằng điểm (tiebreak)', 'tiebreak'],
  'section-renamed': ['đổi tên phần', 'section renamed'],
  'not-applicable': ['được đánh dấu không áp dụng (allowNotApplicable)', 'may be not applicable'],
  fact: ['kiểu, khoảng giá trị hoặc đơn vị tính của chỉ số', 'fact type, range or unit'],
  from: ['nguồn của chỉ số tính từ khối khác (from)', 'computed from'],
  'bloc-added': ['thêm khối', 'bloc added'],
  'bloc-removed': ['bỏ khối', 'bloc removed'],
  total: ['tổng điểm của khối', 'bloc total'],
  grades: ['thang xếp loại', 'grades'],
  'criterion-added': ['thêm tiêu chí', 'criterion added'],
  'criterion-removed': ['bỏ tiêu chí', 'criterion removed'],
  renamed: ['đổi tên', 'renamed'],
  moved: ['chuyển phần', 'moved to another part'],
  max: ['điểm tối đa', 'max'],
  scoring: ['cách chấm', 'scoring'],
  'fact-added': ['thêm chỉ số', 'fact added'],
  'fact-removed': ['bỏ chỉ số', 'fact removed'],
};

/** A change in one line: what, where it is in the new rules, before → after. */
export function changeText(c: RuleChange, lang: Lang): string {
  const what = KINDS[c.kind][lang === 'vi' ? 0 : 1];
  const subject = [c.bloc, c.id].filter(Boolean).join(' ');
  const values = c.before !== undefined && c.after !== undefined ? `: ${c.before} → ${c.after}` : c.after ?? c.before ? `: ${c.after ?? c.before}` : '';
  return `${subject}${subject ? ' — ' : ''}${what}${values}`;
}

/** The rule changes, then per bloc each unit's score and rank before and after, largest movement first; grade changes marked ★. */
export function formatWhatIf(w: WhatIf, where: (c: RuleChange) => string | undefined, lang: Lang): string {
  const vi = lang === 'vi';
  // A fixed number of decimals, so the columns line up.
  const num = (n: number) => (vi ? n.toFixed(w.precision).replace('.', ',') : n.toFixed(w.precision));
  const lines: string[] = [];
  // Which figures were scored: an appraised quarter compares the settled ones; its self scores show beside them.
  const stage = w.now.stage ?? 'self';
  if (stage !== 'self') {
    lines.push(vi ? `Số liệu: sau thẩm định của Ban chỉ đạo${stage === 'provisional' ? ' (TẠM THỜI: còn giải trình chưa quyết định)' : ''}; "Tự chấm mới" là điểm theo số liệu của đơn vị với bộ tiêu chí mới.` : `Figures: as appraised by the committee${stage === 'provisional' ? ' (PROVISIONAL: explanations not yet decided)' : ''}; "New self" is the score of the unit's own figures under the new rules.`, '');
  }
  lines.push(vi ? 'Thay đổi tiêu chí:' : 'Changes in the criteria:');
  if (w.changes.length === 0) lines.push(vi ? '  (không có)' : '  (none)');
  for (const c of w.changes) {
    const at = where(c);
    lines.push(`  ${at ? `${at}  ` : ''}${changeText(c, lang)}`);
  }
  const appraised = stage !== 'self';
  const selfOf = new Map(w.now.blocs.flatMap((b) => b.units.map((u) => [u.id, u.selfScore])));
  const head = vi
    ? ['Đơn vị', 'Điểm cũ', 'Điểm mới', 'Chênh', 'Hạng cũ', 'Hạng mới', ...(appraised ? ['Tự chấm mới'] : []), 'Thay đổi']
    : ['Unit', 'Old score', 'New score', 'Diff', 'Old rank', 'New rank', ...(appraised ? ['New self'] : []), 'Move'];
  for (const bloc of w.blocs) {
    lines.push('', `${bloc.name}`);
    const rows = bloc.units.map((u) => {
      const gradeChanged = u.before && u.before.grade !== u.after.grade;
      return [
        `${u.id}  ${u.name}`,
        u.before ? num(u.before.score) : '—',
        num(u.after.score),
        u.movement ? `${u.movement.scoreChange > 0 ? '+' : ''}${num(u.movement.scoreChange)}` : '',
        u.before ? String(u.before.rank) : '—',
        String(u.after.rank),
        ...(appraised ? [num(selfOf.get(u.id) ?? u.after.score)] : []),
        `${movementMark(u.movement, vi ? 'mới' : 'new')}${gradeChanged ? `  ★ ${u.before!.grade} → ${u.after.grade}` : ''}`,
      ];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(head), ...rows.map(fmt));
  }
  lines.push('', vi ? '★ xếp loại thay đổi' : '★ grade changes');
  return `${lines.join('\n')}\n`;
}
