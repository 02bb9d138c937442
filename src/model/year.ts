/** Types of a year's roll-up: what `cchc year` writes to year.json and year.xlsx reads. */
import type { Stage } from './appraisal.js';
import type { YearMethod } from './scorecard.js';

/** A quarter of the year as it was read. */
export interface YearQuarter {
  quarter: string;
  rulesDigest: string;
  stage?: Stage;
  /** Locked with `cchc publish`. */
  published: boolean;
}

export interface YearUnit {
  id: string;
  name: string;
  /** Each quarter's score as published, by quarter (`2019-Q1`). */
  quarters: Record<string, number>;
  /** The annual score: the mean (or weighted mean) of `quarters`, rounded half-up once. */
  score: number;
  rank: number;
  grade: string;
  gradeReason?: string;
  /** Quarters of the year this unit has no score in (with `--allow-missing`, or within `requireQuarters`). */
  quartersMissing?: string[];
  /** Quarters in which the unit was scored in another bloc, with that bloc's id. */
  otherBlocs?: Record<string, string>;
}

export interface YearBloc {
  id: string;
  name: string;
  units: YearUnit[];
}

export interface YearResults {
  year: number;
  scheme: string;
  method: YearMethod;
  weights?: number[];
  /** The quarters read, in order. */
  quarters: YearQuarter[];
  /** Quarters of the year with no results. */
  quartersMissing: string[];
  /** Some quarter is still provisional: the year may change. */
  provisional: boolean;
  blocs: YearBloc[];
}

/** The four quarters of a year, `2019-Q1` … `2019-Q4`. */
export function quartersOf(year: number): string[] {
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}
