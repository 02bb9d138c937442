import type { Lang } from '../diagnostics/codes.js';
import type { Results } from '../model/results.js';
import type { Rules } from '../model/scorecard.js';
import type { Comparison } from '../rank/compare-quarters.js';

/** What a quarter's outputs are made from: the rules, the results, and how to print them. */
export interface ReportInput {
  rules: Rules;
  results: Results;
  /** The previous quarter, when known. */
  comparison?: Comparison;
  /** The previous quarter's results, when known: the letters follow up its shortcomings. */
  previous?: Results;
  lang: Lang;
  /** `YYYY-MM-DD` of the document, or none to leave the date line blank. */
  date?: string;
  /** `YYYY-MM-DD` by which units send their remedy plan (`--deadline`), or none to leave it blank. */
  deadline?: string;
  /** The date recorded as the documents' creation date. */
  stamp: Date;
}
