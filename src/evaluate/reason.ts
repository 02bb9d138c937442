import type { Lang } from '../diagnostics/codes.js';
import type { FactValue } from '../model/evidence.js';
import { formatNumber } from '../model/number-format.js';
import { bandComparison, type Bloc, type Comparator, type Criterion } from '../model/scorecard.js';
import type { CriterionResult } from './evaluate-unit.js';

const SYMBOLS: Record<Comparator, string> = { atMost: '≤', below: '<', atLeast: '≥', above: '>', equals: '=' };

/**
 * In words, how a criterion's points came about, e.g.
 * `Thời gian cấp điện hạ áp 3,4 ngày ≤ 4 → 7/10 điểm`.
 */
export function reasonOf(
  criterion: Criterion,
  result: CriterionResult,
  bloc: Bloc,
  facts: Record<string, FactValue | null>,
  note: string | undefined,
  lang: Lang,
): string {
  const vi = lang === 'vi';
  const num = (n: number) => formatNumber(n, lang);
  // Values read and thresholds as given (0.913 stays 0,913): the unit must be able to redo the sum.
  const exact = (n: number) => formatNumber(n, lang, 12);
  const outcome = `→ ${num(result.points)}/${num(result.max)} ${vi ? 'điểm' : 'points'}`;
  const value = (fact: string): string => {
    const v = facts[fact];
    if (typeof v === 'boolean') return vi ? (v ? 'có' : 'không') : v ? 'yes' : 'no';
    if (typeof v !== 'number') return String(v);
    const unit = bloc.facts[fact]?.unit;
    return unit ? `${exact(v)}${unit === '%' ? '%' : ` ${unit}`}` : exact(v);
  };
  const said = (fact: string) => `${bloc.facts[fact]?.label ?? fact} ${value(fact)}`;

  if (result.status === 'not_applicable') return vi ? 'Không áp dụng trong quý' : 'Not applicable this quarter';
  if (result.status === 'missing') return `${vi ? 'Thiếu số liệu' : 'Missing evidence'} ${outcome}`;
  const s = criterion.score;
  if ('manual' in s) return `${vi ? 'Ban chỉ đạo chấm' : 'Set by the committee'}${note ? `: ${note}` : ''} ${outcome}`;
  if ('bands' in s) {
    const step = result.matched[0] === undefined ? undefined : s.bands.steps[result.matched[0]];
    if (!step || 'otherwise' in step) return `${said(s.bands.fact)}: ${vi ? 'không đạt mức nào' : 'no step reached'} ${outcome}`;
    const [cmp, threshold] = bandComparison(step);
    return `${said(s.bands.fact)} ${SYMBOLS[cmp]} ${typeof threshold === 'number' ? exact(threshold) : String(threshold)} ${outcome}`;
  }
  if ('linear' in s) {
    const { fact, zeroAt, fullAt } = s.linear;
    return `${said(fact)}: ${num(criterion.max)} × (${exact(Number(facts[fact]))} − ${exact(zeroAt)}) / (${exact(fullAt)} − ${exact(zeroAt)}) ${outcome}`;
  }
  if ('deduct' in s) {
    const { fact, points, per = 1 } = s.deduct;
    const each = per === 1 ? '' : vi ? ` mỗi ${exact(per)}` : ` per ${exact(per)}`;
    return `${said(fact)}, ${vi ? 'trừ' : 'less'} ${exact(points)}${each} ${outcome}`;
  }
  if ('count' in s) {
    const { fact, points, per = 1 } = s.count;
    const each = per === 1 ? '' : vi ? ` mỗi ${exact(per)}` : ` per ${exact(per)}`;
    return `${said(fact)} × ${exact(points)}${each} ${outcome}`;
  }
  if ('check' in s) return `${said(s.check.fact)} ${outcome}`;
  if ('checklist' in s) {
    const met = result.matched.map((i) => bloc.facts[s.checklist.items[i]!.fact]?.label ?? s.checklist.items[i]!.fact);
    return `${vi ? 'Đạt' : 'Met'}: ${met.length ? met.join('; ') : vi ? 'không mục nào' : 'none'} ${outcome}`;
  }
  const which = result.matched.map((i) => i + 1).join(', ');
  return which
    ? `${vi ? 'Thỏa điều kiện' : 'Condition'} ${which}${vi ? '' : ' met'} ${outcome}`
    : `${vi ? 'Không điều kiện nào thỏa' : 'No condition met'} ${outcome}`;
}
