import type { Lang } from '../../diagnostics/codes.js';
import type { ConditionTrace } from '../../evaluate/evaluate-unit.js';
import type { ExplainedCriterion, ExplainedFact, Explanation } from '../../explain-unit.js';
import { formatNumber } from '../../model/number-format.js';
import { parseQuarter, romanQuarter } from '../../model/quarter.js';
import { roundHalfUp } from '../../model/round.js';
import { changeLines } from '../evidence-text.js';
import { LABELS } from '../labels.js';

const SYMBOLS: Record<string, string> = {
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  equal: '=',
  notEqual: '≠',
};

const WORDS = {
  vi: {
    unit: 'Đơn vị',
    quarter: (q: string) => `quý ${romanQuarter(q)}/${parseQuarter(q).year}`,
    max: 'tối đa',
    points: 'điểm',
    facts: 'Số liệu',
    computed: (f: NonNullable<ExplainedFact['from']>) =>
      `tính từ kết quả ${f.blocName}: ${{ mean: 'bình quân', median: 'trung vị', min: 'thấp nhất', max: 'cao nhất' }[f.aggregate]} ${f.of === 'score' ? 'tổng điểm' : f.of === 'base' ? 'điểm cơ bản' : `điểm phần ${f.of}`} các đơn vị`,
    missing: 'thiếu',
    conditions: 'Điều kiện (json-rules-engine)',
    rule: { bands: 'bước', rules: 'quy tắc', checklist: 'mục', linear: 'đọc giá trị', deduct: 'đọc giá trị', count: 'đọc giá trị', check: 'kiểm tra', manual: '' },
    yes: 'đúng',
    no: 'sai',
    all: 'tất cả đều đúng', any: 'ít nhất một đúng', not: 'không phải',
    matched: 'Khớp',
    firstStep: 'bước đầu tiên đúng được tính',
    none: 'không bước nào khớp',
    otherwise: 'otherwise',
    result: 'Kết quả',
    section: (id: string) => `Cộng phần ${id}`,
    achieved: 'Cộng điểm các phần',
    rescaled: (a: string, m: string, t: string, b: string) => `Điểm cơ bản = ${a} ÷ ${m} × ${t} = ${b} (có tiêu chí không áp dụng: quy về thang ${t})`,
    base: 'Điểm cơ bản',
    bonus: 'Điểm cộng',
    penalty: 'Điểm trừ',
    score: 'Tổng điểm',
    rank: 'Xếp hạng trong khối',
    grade: 'Xếp loại',
    from: (min: string) => `từ ${min} điểm`,
    lowest: 'mức thấp nhất',
    self: 'Tự chấm',
    selfScore: (self: string, diff: string) => `Điểm tự chấm: ${self} (điểm thẩm định ${diff} so với tự chấm)`,
    stage: { self: 'theo số liệu tự chấm của đơn vị', appraised: 'đã thẩm định', provisional: 'TẠM THỜI: còn giải trình chưa quyết định', final: 'đã thẩm định, kết quả chính thức' },
  },
  en: {
    unit: 'Unit',
    quarter: (q: string) => `Q${parseQuarter(q).q} ${parseQuarter(q).year}`,
    max: 'max',
    points: 'points',
    facts: 'Values',
    computed: (f: NonNullable<ExplainedFact['from']>) =>
      `computed from ${f.blocName}: the ${f.aggregate === 'mean' ? 'mean' : f.aggregate} of the units' ${f.of === 'score' ? 'scores' : f.of === 'base' ? 'bases' : `part ${f.of} points`}`,
    missing: 'missing',
    conditions: 'Conditions (json-rules-engine)',
    rule: { bands: 'step', rules: 'rule', checklist: 'item', linear: 'value read', deduct: 'value read', count: 'value read', check: 'check', manual: '' },
    yes: 'true',
    no: 'false',
    all: 'all true', any: 'any true', not: 'not',
    matched: 'Matched',
    firstStep: 'the first true step counts',
    none: 'no step matched',
    otherwise: 'otherwise',
    result: 'Result',
    section: (id: string) => `Part ${id}`,
    achieved: 'Points of all parts',
    rescaled: (a: string, m: string, t: string, b: string) => `Base = ${a} ÷ ${m} × ${t} = ${b} (a criterion did not apply: scaled to ${t})`,
    base: 'Base',
    bonus: 'Bonus',
    penalty: 'Penalty',
    score: 'Score',
    rank: 'Rank in the bloc',
    grade: 'Grade',
    from: (min: string) => `from ${min} points`,
    lowest: 'the lowest grade',
    self: 'Self',
    selfScore: (self: string, diff: string) => `Self score: ${self} (appraised ${diff} against it)`,
    stage: { self: 'from the unit\'s own figures', appraised: 'appraised', provisional: 'PROVISIONAL: explanations not yet decided', final: 'appraised, final' },
  },
};

/**
 * How each point of a unit came about, in words: per criterion the values read with their
 * documents, each condition as the engine evaluated it, the step or rule that matched and the
 * points; then sections, base, bonus, penalty, score, rank and grade. With `criterion`, only it.
 */
export function formatExplanation(e: Explanation, lang: Lang, criterion?: string): string {
  const W = WORDS[lang];
  const num = (n: number) => formatNumber(n, lang, 4);
  const stage = e.stage && e.stage !== 'self' ? ` (${W.stage[e.stage]})` : '';
  const lines: string[] = [`${W.unit}: ${e.unit.name} (${e.unit.id}) — ${e.bloc.name}, ${W.quarter(e.quarter)}${stage}`];
  const shown = criterion ? e.criteria.filter((c) => c.id === criterion) : e.criteria;
  for (const c of shown) lines.push('', ...criterionLines(c, lang));
  if (criterion) return `${lines.join('\n')}\n`;
  lines.push('');
  for (const s of e.sections) lines.push(`${W.section(s.id)} (${s.name}): ${num(s.points)} / ${num(s.max)}`);
  if (e.applicableMax !== e.bloc.total && e.applicableMax > 0) {
    lines.push(`${W.achieved}: ${num(e.achieved)} / ${num(e.applicableMax)}`);
    lines.push(W.rescaled(num(e.achieved), num(e.applicableMax), num(e.bloc.total), num(e.base)));
  } else {
    lines.push(`${W.base}: ${num(e.base)} / ${num(e.bloc.total)}`);
  }
  const list = (part: 'bonus' | 'penalty') =>
    e.criteria
      .filter((c) => c.part === part && c.status !== 'not_applicable')
      .map((c) => `${c.id} ${num(c.points)}${c.facts.some((f) => f.from) ? ` [${c.facts.filter((f) => f.from).map((f) => `${f.label} = ${f.value === null ? W.missing : num(Number(f.value))}`).join('; ')}]` : ''}`)
      .join(', ');
  lines.push(`${W.bonus}: ${num(e.bonus)}${list('bonus') ? ` (${list('bonus')})` : ''}`);
  lines.push(`${W.penalty}: ${num(e.penalty)}${list('penalty') ? ` (${list('penalty')})` : ''}`);
  lines.push(`${W.score}: ${num(e.base)} + ${num(e.bonus)} − ${num(e.penalty)} = ${num(e.score)}`);
  if (e.selfScore !== undefined) lines.push(W.selfScore(num(e.selfScore), signed(e.score - e.selfScore, lang)));
  lines.push(`${W.rank}: ${e.rank} / ${e.size}`);
  lines.push(`${W.grade}: ${e.grade} (${e.gradeMin !== undefined ? W.from(num(e.gradeMin)) : W.lowest})`);
  if (e.gradeReason) lines.push(`  ${e.gradeReason}`);
  return `${lines.join('\n')}\n`;
}

function criterionLines(c: ExplainedCriterion, lang: Lang): string[] {
  const W = WORDS[lang];
  const num = (n: number) => formatNumber(n, lang, 4);
  // Values read and thresholds are shown whole: 97.99999 must not print as 98.
  const exact = (n: number) => formatNumber(n, lang, 12);
  const value = (v: unknown) => (typeof v === 'number' ? exact(v) : typeof v === 'boolean' ? String(v) : v === null || v === undefined ? W.missing : String(v));
  const out = [`${c.id} ${c.name} (${W.max} ${num(c.max)})`];
  if (c.facts.length > 0) {
    out.push(`  ${W.facts}:`);
    for (const f of c.facts) {
      const origin = f.from ? W.computed(f.from) : [f.source, f.note].filter(Boolean).join(' — ');
      const unit = f.unit && f.value !== null ? ` ${f.unit}` : '';
      out.push(`    ${f.id} = ${value(f.value)}${unit}  (${f.label})${origin ? ` — ${origin}` : ''}`);
    }
  }
  if (c.rules.length > 0) {
    out.push(`  ${W.conditions}:`);
    for (const r of c.rules) {
      const label = W.rule[c.method];
      out.push(`    ${label}${c.method === 'bands' || c.method === 'rules' || c.method === 'checklist' ? ` ${r.index + 1}` : ''}: ${r.result ? W.yes : W.no}`);
      out.push(...conditionLines(r.conditions, 6, lang));
    }
    if (c.method === 'bands' || c.method === 'rules' || c.method === 'checklist') {
      const which = c.matched.map((i) => i + 1).join(', ');
      out.push(`  ${W.matched}: ${which ? `${W.rule[c.method]} ${which}` : (c.method === 'bands' ? `${W.none}${c.otherwise !== undefined ? ` → ${W.otherwise} ${num(c.otherwise)}` : ''}` : '—')}${c.method === 'bands' && which ? ` (${W.firstStep})` : ''}`);
    }
  }
  out.push(`  ${W.result}: ${num(c.points)} / ${num(c.max)} ${W.points} — ${c.reason}`);
  if (c.selfPoints !== undefined) {
    out.push(`  ${W.self}: ${num(c.selfPoints)} / ${num(c.max)} ${W.points}`);
    const facts = Object.fromEntries(c.facts.map((f) => [f.id, { label: f.label, unit: f.unit }]));
    for (const line of changeLines(c, facts, LABELS[lang], lang)) out.push(`    ${line}`);
  }
  return out;
}

function conditionLines(node: ConditionTrace, indent: number, lang: Lang): string[] {
  const W = WORDS[lang];
  const pad = ' '.repeat(indent);
  // A single comparison is compiled inside `all`; the wrapper says nothing.
  if ('all' in node && node.all.length === 1) return conditionLines(node.all[0]!, indent, lang);
  if ('all' in node) return [`${pad}all (${W.all}):`, ...node.all.flatMap((n) => conditionLines(n, indent + 2, lang))];
  if ('any' in node) return [`${pad}any (${W.any}):`, ...node.any.flatMap((n) => conditionLines(n, indent + 2, lang))];
  if ('not' in node) return [`${pad}not (${W.not}):`, ...conditionLines(node.not, indent + 2, lang)];
  const show = (v: unknown) => (typeof v === 'number' ? formatNumber(v, lang, 12) : JSON.stringify(v));
  const symbol = SYMBOLS[node.operator];
  return [`${pad}${node.fact} = ${show(node.factResult)}  ${node.operator}${symbol ? ` (${symbol})` : ''} ${show(node.value)}  → ${node.result ? W.yes : W.no}`];
}

/** A difference with its sign: +1,5, −2, 0. */
function signed(d: number, lang: Lang): string {
  const r = roundHalfUp(d, 4);
  return r > 0 ? `+${formatNumber(r, lang, 4)}` : r < 0 ? `−${formatNumber(-r, lang, 4)}` : '0';
}
