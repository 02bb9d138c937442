import type { Lang } from '../diagnostics/codes.js';
import { formatNumber } from '../model/number-format.js';
import { parseQuarter, romanQuarter } from '../model/quarter.js';
import type { Grade, GradeCondition } from '../model/scorecard.js';

/** Why a unit did not get a grade its score reached. */
export type Refusal =
  | { grade: string; by: 'condition'; condition: GradeCondition; /** The penalty's points, or the quarter (`2019-Q2`) graded so. */ found: number | string }
  | { grade: string; by: 'quota'; maxShare: number; /** Units the quota lets have the grade, of `of`. */ allowed: number; of: number };

export interface Graded {
  grade: string;
  /** The grades refused, best first; none when the score's grade stood. */
  refused: Refusal[];
}

/**
 * What a condition finds in a unit: the penalty's points, or the quarter graded so; undefined
 * when the condition is not met, or cannot be judged (a quarter grade, for a quarter).
 */
export type ConditionCheck<T> = (unit: T, condition: GradeCondition) => number | string | undefined;

/**
 * Grades the units of one bloc, given in rank order with their rank. Each unit starts at the first
 * grade its score reaches; then, grade by grade from the top, the units at that grade that meet
 * one of its `unless` conditions go down one, and of the rest at most ⌊maxShare × units of the
 * bloc⌋ keep it, taken by rank: a group of units sharing a rank that would go past the quota is
 * refused whole, with every unit ranked below it. A unit sent down is judged again at the grade
 * below (its conditions, its quota), so the last grade, which has neither, takes every unit left.
 * Units refused by a condition do not use up the quota.
 */
export function gradeUnits<T extends { score: number; rank: number }>(units: readonly T[], grades: readonly Grade[], check: ConditionCheck<T>, options: { quotas?: boolean } = {}): Graded[] {
  const at = units.map((u) => grades.findIndex((g) => g.min === undefined || u.score >= g.min));
  const refused: Refusal[][] = units.map(() => []);
  const last = grades.length - 1;
  for (let g = 0; g < last; g++) {
    const grade = grades[g]!;
    const here: number[] = [];
    units.forEach((u, i) => {
      if (at[i] !== g) return;
      for (const condition of grade.unless ?? []) {
        const found = check(u, condition);
        if (found === undefined) continue;
        refused[i]!.push({ grade: grade.label, by: 'condition', condition, found });
        at[i] = g + 1;
        return;
      }
      here.push(i);
    });
    if (grade.maxShare === undefined || options.quotas === false) continue;
    // 1e-9: 0.29 × 100 is 28.999999999999996 in binary, and the quota is 29.
    const allowed = Math.floor(grade.maxShare * units.length + 1e-9);
    let taken = 0;
    let full = false;
    for (let k = 0; k < here.length; ) {
      const rank = units[here[k]!]!.rank;
      let end = k;
      while (end < here.length && units[here[end]!]!.rank === rank) end++;
      full ||= taken + (end - k) > allowed;
      for (const i of here.slice(k, end)) {
        if (!full) continue;
        refused[i]!.push({ grade: grade.label, by: 'quota', maxShare: grade.maxShare, allowed, of: units.length });
        at[i] = g + 1;
      }
      if (!full) taken += end - k;
      k = end;
    }
  }
  return units.map((_, i) => ({ grade: grades[Math.max(0, at[i]!)]!.label, refused: refused[i]! }));
}

/**
 * The condition check of a quarter: a penalty's points in the quarter above the limit. A quarter
 * grade is a condition of the annual grade only.
 */
export function quarterCheck(unit: { criteria: readonly { id: string; points: number; status: string }[] }, condition: GradeCondition): number | undefined {
  if (!('penalty' in condition)) return undefined;
  const c = unit.criteria.find((x) => x.id === condition.penalty);
  return c && c.status !== 'not_applicable' && c.points > (condition.above ?? 0) ? c.points : undefined;
}

/**
 * Why a unit's grade is not its score's, in words: each refusal, best grade first. `year`: the
 * penalties are the year's sums.
 */
export function gradeReason(refused: readonly Refusal[], grade: string, lang: Lang, scope: 'quarter' | 'year' = 'quarter'): string | undefined {
  if (refused.length === 0) return undefined;
  const vi = lang === 'vi';
  const num = (n: number) => formatNumber(n, lang);
  const inYear = scope === 'year' ? (vi ? ' trong năm' : ' over the year') : '';
  const parts = refused.map((r) => {
    if (r.by === 'quota') {
      const share = `${num(r.maxShare * 100)} %`;
      return vi
        ? `không được xếp loại ${r.grade}: vượt tỷ lệ tối đa ${share} (${num(r.allowed)}/${num(r.of)} đơn vị của khối, tính theo thứ hạng)`
        : `not graded ${r.grade}: past its quota of ${share} (${num(r.allowed)} of the bloc's ${num(r.of)} units, by rank)`;
    }
    const c = r.condition;
    if ('penalty' in c) {
      const points = num(r.found as number);
      const limit = c.above ? (vi ? ` (quá ${num(c.above)})` : ` (above ${num(c.above)})`) : '';
      return vi ? `không được xếp loại ${r.grade}: bị trừ ${points} điểm ở ${c.penalty}${inYear}${limit}` : `not graded ${r.grade}: ${points} ${r.found === 1 ? 'point' : 'points'} deducted under ${c.penalty}${inYear}${limit}`;
    }
    const quarter = String(r.found);
    const named = vi ? `quý ${romanQuarter(quarter)}/${parseQuarter(quarter).year}` : quarter;
    return vi ? `không được xếp loại ${r.grade}: ${named} xếp loại ${c.quarterGrade}` : `not graded ${r.grade}: graded ${c.quarterGrade} in ${named}`;
  });
  return `${parts.join('; ')} → ${grade}`;
}
