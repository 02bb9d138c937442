import type { Lang } from '../diagnostics/codes.js';
import type { FactValue } from '../model/evidence.js';
import { formatNumber } from '../model/number-format.js';
import type { CriterionOutcome } from '../model/results.js';
import type { Bloc } from '../model/scorecard.js';
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
