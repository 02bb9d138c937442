/** Types of the scorecard's own test cases (`rules/tests/*.yaml`), run by `cchc test`. */
import type { FactValue } from './evidence.js';

/** The keys a case may expect besides criterion and section ids. */
export const TOTAL_KEYS = ['base', 'bonus', 'penalty', 'score', 'grade'] as const;

export interface TestCase {
  name: string;
  facts?: Record<string, FactValue>;
  manual?: Record<string, { points: number; note?: string }>;
  not_applicable?: string[];
  /** Points by criterion or section id, `base`, `bonus`, `penalty`, `score`, and `grade` (a label). */
  expect: Record<string, number | string>;
}

export interface TestFile {
  bloc: string;
  cases: TestCase[];
}
