import type { Lang } from '../diagnostics/codes.js';
import type { FactValue } from '../model/evidence.js';
import { formatNumber } from '../model/number-format.js';
import type { CriterionOutcome } from '../model/results.js';
import type { Bloc, Fact } from '../model/scorecard.js';
import type { Labels } from './labels.js';

/** One value a criterion read, as a scorecard prints it. */
export interface EvidenceLine {
  label: string;
  value: FactValue;
  /** The value in words: `Có`, `3,4`. */
  text: string;
  measure: string;
  source: string;
}

/** The values a criterion read, in the order its method names them, with their documents. */
export function evidenceLines(criterion: CriterionOutcome, bloc: Bloc, labels: Labels, lang: Lang): EvidenceLine[] {
  return Object.entries(criterion.facts).map(([id, e]) => {
    const fact = bloc.facts[id];
    const text = typeof e.value === 'boolean' ? (e.value ? labels.yes : labels.no) : typeof e.value === 'number' ? formatNumber(e.value, lang, 4) : e.value;
    const source = [e.source, e.note].filter((s) => s !== undefined && s !== '').join(' — ');
    return { label: fact?.label ?? id, value: e.value, text, measure: fact?.unit ?? '', source };
  });
}

/** Every source document a criterion cites, each once. */
export function sourcesOf(criterion: CriterionOutcome, lines: readonly EvidenceLine[]): string[] {
  return [...new Set([...lines.map((l) => l.source), criterion.source ?? ''].filter((s) => s !== ''))];
}

/**
 * What the committee changed of a criterion's figures, and the explanation, one line each:
 * `Thẩm định: Thời gian cấp điện … 3,5 → 4,2 ngày: <reason> (<document>)`.
 */
export function changeLines(
  criterion: Pick<CriterionOutcome, 'changes' | 'explanation'>,
  facts: Readonly<Record<string, Pick<Fact, 'label' | 'unit'>>>,
  labels: Labels,
  lang: Lang,
): string[] {
  const A = labels.appraisal;
  const said = (v: FactValue | null, kind: string): string => {
    if (kind === 'not_applicable') return v === true ? A.notApplicable : A.applicable;
    if (v === null) return '—';
    return typeof v === 'boolean' ? (v ? labels.yes : labels.no) : typeof v === 'number' ? formatNumber(v, lang, 4) : v;
  };
  const lines = (criterion.changes ?? []).map((ch) => {
    const fact = ch.kind === 'fact' && Object.hasOwn(facts, ch.id) ? facts[ch.id] : undefined;
    const what = ch.kind === 'fact' ? (fact?.label ?? ch.id) : ch.kind === 'manual' ? A.manualPoints : '';
    const measure = fact?.unit ? (fact.unit === '%' ? '%' : ` ${fact.unit}`) : '';
    const why = [ch.reason, ch.source && `(${ch.source})`].filter(Boolean).join(' ');
    return `${A.round(ch.round)}: ${what ? `${what} ` : ''}${said(ch.from, ch.kind)} → ${said(ch.to, ch.kind)}${measure}${why ? `: ${why}` : ''}`;
  });
  const e = criterion.explanation;
  if (e) {
    const given = e.text !== undefined || e.source !== undefined ? `${A.explanation}: ${[e.text, e.source && `(${e.source})`].filter(Boolean).join(' ')}` : A.requested;
    const decided = e.decision ? `${A.decision(e.decision === 'accepted')}: ${e.reason}` : A.pending;
    lines.push(`${given} — ${decided}`);
  }
  return lines;
}
