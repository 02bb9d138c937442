/** Quarters written `YYYY-Qn`, and the ways documents write them. */

export const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Year and quarter number (1–4) of a `YYYY-Qn` quarter. */
export function parseQuarter(quarter: string): { year: number; q: number } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  return { year: Number(m[1]), q: Number(m[2]) };
}

/** The quarter before: 2019-Q2 → 2019-Q1, 2019-Q1 → 2018-Q4. */
export function previousQuarter(quarter: string): string {
  const { year, q } = parseQuarter(quarter);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The quarter's number in Roman numerals, as Vietnamese documents write it (Quý I … Quý IV). */
export function romanQuarter(quarter: string): string {
  return ['I', 'II', 'III', 'IV'][parseQuarter(quarter).q - 1]!;
}

/** Midnight UTC of the quarter's last day. */
export function lastDayOf(quarter: string): Date {
  const { year, q } = parseQuarter(quarter);
  return new Date(Date.UTC(year, q * 3, 0));
}

/** `YYYY-MM-DD` (a `--date` or `--deadline`) as its parts, or none. */
export function dateParts(date: string | undefined): { year: number; month: number; day: number } | undefined {
  if (!date) return undefined;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
