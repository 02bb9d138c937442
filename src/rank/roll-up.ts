import type { Lang } from '../diagnostics/codes.js';
import type { Results, UnitOutcome } from '../model/results.js';
import { roundHalfUp } from '../model/round.js';
import type { Grade, GradeCondition, YearSettings } from '../model/scorecard.js';
import { quartersOf, type YearBloc, type YearResults, type YearUnit } from '../model/year.js';
import { gradeReason, gradeUnits } from './grade-units.js';
import { rankBloc } from './rank-bloc.js';

export interface RollUpInput {
  year: number;
  scheme: string;
  /** The scheme's blocs in report order, with their names. */
  blocs: readonly { id: string; name: string }[];
  settings: YearSettings;
  /** The quarters' grades (scheme.yaml `grades`): the annual ones unless `settings.grades`. */
  grades: readonly Grade[];
  precision: number;
  /** The results of Q1 … Q4, undefined where a quarter has none. */
  quarters: readonly (Results | undefined)[];
  /** Whether each quarter is published (locked), in the same order. */
  published?: readonly boolean[];
  lang: Lang;
}

/** A unit's quarters as read: its outcome in each quarter it is in, with the bloc it was in. */
interface Track {
  id: string;
  quarters: { quarter: string; index: number; bloc: string; unit: UnitOutcome }[];
}

/**
 * The year from its quarters: each unit's quarter scores as published, the annual score their mean
 * (or weighted mean: a missing quarter's weight left out) rounded half-up once to the scheme's
 * precision; then, per bloc (the bloc of the unit's last quarter), rank and grade as a quarter is
 * ranked, with the annual grades' conditions judged on the year (penalties summed over its
 * quarters, a quarter's grade) and their quotas. A unit without any quarter of positive weight
 * gets no annual score and is left out; the checks (validate/year.ts) report it.
 */
export function rollUpYear(input: RollUpInput): YearResults {
  const names = quartersOf(input.year);
  const tracks = new Map<string, Track>();
  input.quarters.forEach((results, index) => {
    for (const bloc of results?.blocs ?? []) {
      for (const unit of bloc.units) {
        const track = tracks.get(unit.id) ?? { id: unit.id, quarters: [] };
        track.quarters.push({ quarter: names[index]!, index, bloc: bloc.id, unit });
        tracks.set(unit.id, track);
      }
    }
  });
  const grades = input.settings.grades ?? input.grades;
  const weights = input.settings.method === 'weighted' ? input.settings.weights! : [1, 1, 1, 1];
  const blocs: YearBloc[] = input.blocs.map(({ id, name }) => {
    const members = [...tracks.values()].filter((t) => t.quarters.at(-1)!.bloc === id);
    const scored = members.flatMap((t) => {
      const score = annualScore(t, weights, input.precision);
      return score === undefined ? [] : [{ id: t.id, score, sections: [], track: t }];
    });
    const ranked = rankBloc(scored, []);
    const graded = gradeUnits(ranked, grades, (u, c) => yearCheck(u.track, c));
    const units = ranked.map((u, i): YearUnit => {
      const t = u.track;
      const last = t.quarters.at(-1)!.unit;
      const missing = names.filter((_, k) => !t.quarters.some((q) => q.index === k));
      const moved = t.quarters.filter((q) => q.bloc !== id);
      const reason = gradeReason(graded[i]!.refused, graded[i]!.grade, input.lang, 'year');
      return {
        id: t.id,
        name: last.name,
        quarters: Object.fromEntries(t.quarters.map((q) => [q.quarter, q.unit.score])),
        score: u.score,
        rank: u.rank,
        grade: graded[i]!.grade,
        ...(reason ? { gradeReason: reason } : {}),
        ...(missing.length > 0 ? { quartersMissing: missing } : {}),
        ...(moved.length > 0 ? { otherBlocs: Object.fromEntries(moved.map((q) => [q.quarter, q.bloc])) } : {}),
      };
    });
    return { id, name, units };
  });
  return {
    year: input.year,
    scheme: input.scheme,
    method: input.settings.method,
    ...(input.settings.method === 'weighted' ? { weights: [...weights] } : {}),
    quarters: input.quarters.flatMap((r, k) => (r ? [{ quarter: names[k]!, rulesDigest: r.rulesDigest, stage: r.stage ?? 'self', published: input.published?.[k] ?? false }] : [])),
    quartersMissing: names.filter((_, k) => !input.quarters[k]),
    provisional: input.quarters.some((r) => r?.stage === 'provisional'),
    blocs,
  };
}

/**
 * The weighted mean of a unit's quarter scores over the quarters it has, rounded half-up once.
 * The scores are taken in hundredths (or the scheme's unit) as whole numbers, so that summing
 * them adds no binary error before the one rounding; undefined when its quarters weigh nothing.
 */
export function annualScore(track: { quarters: readonly { index: number; unit: { score: number } }[] }, weights: readonly number[], precision: number): number | undefined {
  const scale = 10 ** precision;
  let sum = 0;
  let weight = 0;
  for (const q of track.quarters) {
    const w = weights[q.index]!;
    sum += w * Math.round(q.unit.score * scale);
    weight += w;
  }
  if (weight === 0) return undefined;
  return roundHalfUp(sum / weight, 0) / scale;
}

/**
 * The year's condition check: a penalty's points summed over the unit's quarters above the limit,
 * or the first quarter graded `quarterGrade`.
 */
function yearCheck(track: Track, condition: GradeCondition): number | string | undefined {
  if ('quarterGrade' in condition) return track.quarters.find((q) => q.unit.grade === condition.quarterGrade)?.quarter;
  let points = 0;
  for (const q of track.quarters) {
    const c = q.unit.criteria.find((x) => x.id === condition.penalty);
    if (c && c.status !== 'not_applicable') points += c.points;
  }
  // Summed in the scheme's decimals: 0.1 + 0.2 is not above 0.3.
  points = roundHalfUp(points, 6);
  return points > (condition.above ?? 0) ? points : undefined;
}
