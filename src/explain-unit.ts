import type { Lang } from './diagnostics/codes.js';
import type { ConditionTrace } from './evaluate/evaluate-unit.js';
import type { Evidence, FactValue } from './model/evidence.js';
import type { CriterionStatus, Results } from './model/results.js';
import { roundHalfUp } from './model/round.js';
import { factsOfCriterion, methodOf, placedCriteria, type Aggregate, type CriterionPart, type MethodName, type Rules } from './model/scorecard.js';
import { scoreAppraised, scoreQuarter, type TraceRequest } from './score-quarter.js';
import type { Change, Explanation as AppraisalExplanation, Stage } from './model/appraisal.js';
import type { AppraisedQuarter } from './validate/appraisal.js';
import type { MissingByUnit } from './validate/evidence.js';

/** A value a criterion read: given by the unit with its document, or computed from another bloc's results. */
export interface ExplainedFact {
  id: string;
  label: string;
  unit?: string;
  value: FactValue | null;
  source?: string;
  note?: string;
  /** For a fact computed from another bloc: which aggregate of which bloc's results. */
  from?: { bloc: string; blocName: string; aggregate: Aggregate; of: string };
}

export interface ExplainedCriterion {
  id: string;
  name: string;
  part: CriterionPart;
  section?: string;
  method: MethodName;
  max: number;
  points: number;
  status: CriterionStatus;
  facts: ExplainedFact[];
  /** Each compiled rule (band step, rule entry, checklist item, or value read) as json-rules-engine ran it. */
  rules: { index: number; result: boolean; conditions: ConditionTrace }[];
  matched: number[];
  reason: string;
  /** For `bands`: the points of `otherwise`, taken when no step matched. */
  otherwise?: number;
  /** With an appraisal: the points of the unit's own figures, and what the committee changed. */
  selfPoints?: number;
  changes?: Change[];
  explanation?: AppraisalExplanation;
}

/** How every point of a unit's quarter came about, from facts to grade. */
export interface Explanation {
  quarter: string;
  bloc: { id: string; name: string; total: number };
  unit: { id: string; name: string };
  criteria: ExplainedCriterion[];
  sections: { id: string; name: string; points: number; max: number; nominalMax: number }[];
  /** Points of the applicable section criteria, and their maximum: the base is rescaled when it is below the total. */
  achieved: number;
  applicableMax: number;
  base: number;
  bonus: number;
  penalty: number;
  score: number;
  rank: number;
  /** Units ranked in the bloc. */
  size: number;
  grade: string;
  /** The lowest score of the grade, when it has one. */
  gradeMin?: number;
  /** Why the grade is below the one the score reaches (a grade's condition or quota). */
  gradeReason?: string;
  stage?: Stage;
  /** With an appraisal: the score of the unit's own figures (the rest is the settled result). */
  selfScore?: number;
}

/**
 * Scores the quarter (the unit's bonus may depend on other blocs, its rank on its whole bloc)
 * with the engine's trace kept for one unit, and lays out how each point came about.
 * The unit must be in the rules; evidence must have been validated.
 */
export async function explainUnit(
  rules: Rules,
  evidence: Evidence,
  missing: MissingByUnit,
  rulesDigest: string,
  unitId: string,
  lang: Lang,
  appraised?: AppraisedQuarter,
): Promise<{ results: Results; explanation: Explanation }> {
  const trace: TraceRequest = { unit: unitId };
  const results = appraised
    ? await scoreAppraised(rules, appraised, missing, rulesDigest, { lang, trace })
    : await scoreQuarter(rules, evidence, missing, rulesDigest, { lang, trace });
  const unitRule = rules.units.find((u) => u.id === unitId)!;
  const bloc = rules.blocs.find((b) => b.bloc === unitRule.bloc)!;
  const outcome = results.blocs.find((b) => b.id === bloc.bloc)!;
  const unit = outcome.units.find((u) => u.id === unitId)!;
  const given = (appraised?.settled ?? evidence).units.get(unitId);
  const placed = new Map(placedCriteria(bloc).map((p) => [p.criterion.id, p]));
  const criteria = unit.criteria.map((c): ExplainedCriterion => {
    const p = placed.get(c.id)!;
    const s = p.criterion.score;
    const facts = factsOfCriterion(p.criterion).map((id): ExplainedFact => {
      const fact = bloc.facts[id]!;
      const e = given?.facts[id];
      const from = fact.from && { ...fact.from, blocName: rules.blocs.find((b) => b.bloc === fact.from!.bloc)!.name };
      return {
        id,
        label: fact.label,
        ...(fact.unit ? { unit: fact.unit } : {}),
        value: trace.facts?.[id] ?? null,
        ...(e?.source ? { source: e.source } : {}),
        ...(e?.note ? { note: e.note } : {}),
        ...(from ? { from } : {}),
      };
    });
    const otherwise = 'bands' in s ? s.bands.steps.find((st) => 'otherwise' in st) : undefined;
    return {
      id: c.id,
      name: p.criterion.name,
      part: p.part,
      ...(p.section ? { section: p.section } : {}),
      method: methodOf(s),
      max: c.max,
      points: c.points,
      status: c.status,
      facts,
      rules: c.status === 'scored' ? (trace.rules?.get(c.id) ?? []) : [],
      matched: c.matched,
      reason: c.reason,
      ...(otherwise && 'otherwise' in otherwise ? { otherwise: otherwise.otherwise } : {}),
      ...(c.selfPoints !== undefined ? { selfPoints: c.selfPoints, changes: c.changes ?? [] } : {}),
      ...(c.explanation ? { explanation: c.explanation } : {}),
    };
  });
  const grade = rules.scheme.grades.find((g) => g.label === unit.grade);
  return {
    results,
    explanation: {
      quarter: results.quarter,
      bloc: { id: bloc.bloc, name: bloc.name, total: bloc.total },
      unit: { id: unit.id, name: unit.name },
      criteria,
      sections: bloc.sections.map((s) => {
        const own = unit.sections.find((x) => x.id === s.id)!;
        return { id: s.id, name: s.name, points: own.points, max: own.max, nominalMax: s.criteria.reduce((a, c) => a + c.max, 0) };
      }),
      achieved: roundHalfUp(unit.sections.reduce((a, s) => a + s.points, 0), rules.scheme.precision),
      applicableMax: roundHalfUp(unit.sections.reduce((a, s) => a + s.max, 0), rules.scheme.precision),
      base: unit.base,
      bonus: unit.bonus,
      penalty: unit.penalty,
      score: unit.score,
      rank: unit.rank,
      size: outcome.units.length,
      grade: unit.grade,
      ...(grade?.min !== undefined ? { gradeMin: grade.min } : {}),
      ...(unit.gradeReason ? { gradeReason: unit.gradeReason } : {}),
      ...(results.stage ? { stage: results.stage } : {}),
      ...(unit.selfScore !== undefined ? { selfScore: unit.selfScore } : {}),
    },
  };
}
