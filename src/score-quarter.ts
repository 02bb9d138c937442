import { createHash } from 'node:crypto';
import { compileBloc } from './compile/compile-bloc.js';
import { evaluateUnit, type RuleTrace } from './evaluate/evaluate-unit.js';
import { reasonOf } from './evaluate/reason.js';
import { ownOf, setOwn } from './model/own.js';
import { roundHalfUp } from './model/round.js';
import type { Lang } from './diagnostics/codes.js';
import { ruleSources, type RuleFiles } from './load/rules.js';
import type { Evidence, FactEvidence } from './model/evidence.js';
import type { BlocOutcome, CriterionOutcome, Results } from './model/results.js';
import { factsOfCriterion, placedCriteria, type Aggregate, type Bloc, type Rules } from './model/scorecard.js';
import { rankBloc } from './rank/rank-bloc.js';
import { gradeReason, gradeUnits, quarterCheck } from './rank/grade-units.js';
import type { AppraisedQuarter } from './validate/appraisal.js';
import { touches } from './model/appraisal.js';
import type { MissingByUnit } from './validate/evidence.js';

/** Asks `scoreQuarter` for the engine's trace of one unit, filled in as that unit is scored. */
export interface TraceRequest {
  unit: string;
  rules?: Map<string, RuleTrace[]>;
  /** The facts the engine was given, computed ones included. */
  facts?: Record<string, number | boolean | string | null>;
}

/** Milliseconds spent in each phase of scoring, added to as blocs are scored (for the benchmark). */
export interface PhaseTimings {
  compile: number;
  evaluate: number;
  rank: number;
}

export interface ScoreOptions {
  /** The language of the reasons. */
  lang?: Lang;
  trace?: TraceRequest;
  timings?: PhaseTimings;
}

/**
 * Scores a quarter: blocs in the order their `from` facts need, each unit on its bloc's one
 * engine, one unit after another; then ranks and grades. Evidence must have been validated.
 */
export async function scoreQuarter(
  rules: Rules,
  evidence: Evidence,
  missing: MissingByUnit,
  rulesDigest: string,
  options: ScoreOptions = {},
): Promise<Results> {
  const { lang = 'vi', trace, timings } = options;
  const clock = timings ? () => performance.now() : () => 0;
  const { precision, grades } = rules.scheme;
  const done = new Map<string, BlocOutcome>();
  for (const bloc of scoringOrder(rules.blocs)) {
    let t = clock();
    const compiled = compileBloc(bloc);
    if (timings) timings.compile += clock() - t;
    t = clock();
    const computed = computedFacts(bloc, done, precision);
    const placed = new Map(placedCriteria(bloc).map(({ criterion }) => [criterion.id, criterion]));
    const read = new Map([...placed].map(([id, criterion]) => [id, factsOfCriterion(criterion)]));
    const scored = [];
    for (const unit of rules.units.filter((u) => u.bloc === bloc.bloc)) {
      const given = evidence.units.get(unit.id)!;
      const facts: Record<string, number | boolean | string | null> = { ...computed };
      for (const name of Object.keys(bloc.facts)) {
        if (!bloc.facts[name]!.from) setOwn(facts, name, ownOf(given.facts, name)?.value ?? null);
      }
      const manual = Object.fromEntries(Object.entries(given.manual).map(([id, m]) => [id, m.points]));
      const traced = trace?.unit === unit.id;
      const result = await evaluateUnit(compiled, { facts, manual, notApplicable: given.notApplicable, missing: missing.get(unit.id) }, precision, traced);
      if (traced) {
        trace.rules = result.trace;
        trace.facts = facts;
      }
      const criteria = result.criteria.map((c): CriterionOutcome => {
        // The values read, with their documents.
        const used: Record<string, FactEvidence> = {};
        for (const f of read.get(c.id)!) {
          const value = facts[f];
          if (value === null || value === undefined) continue;
          setOwn(used, f, ownOf(given.facts, f) ?? { value, source: sourceOfComputed(bloc, f) });
        }
        const manualEntry = ownOf(given.manual, c.id);
        const reason = reasonOf(placed.get(c.id)!, c, bloc, facts, manualEntry?.note, lang);
        // Spelled out, not spread from a common part: spreading was a quarter of the evaluation's time.
        return manualEntry?.source
          ? { id: c.id, points: c.points, max: c.max, status: c.status, facts: used, source: manualEntry.source, matched: c.matched, reason }
          : { id: c.id, points: c.points, max: c.max, status: c.status, facts: used, matched: c.matched, reason };
      });
      scored.push({ id: unit.id, name: unit.name, score: result.score, base: result.base, bonus: result.bonus, penalty: result.penalty, sections: result.sections, criteria, remarks: given.remarks });
    }
    if (timings) timings.evaluate += clock() - t;
    t = clock();
    const ranked = rankBloc(scored, bloc.tiebreak ?? []);
    const graded = gradeUnits(ranked, grades, quarterCheck);
    const units = ranked.map((u, i) => ({
      id: u.id,
      name: u.name,
      rank: u.rank,
      score: u.score,
      grade: graded[i]!.grade,
      ...gradeReasonOf(graded[i]!.refused, graded[i]!.grade, lang),
      base: u.base,
      bonus: u.bonus,
      penalty: u.penalty,
      sections: u.sections,
      criteria: u.criteria,
      ...(u.remarks ? { remarks: u.remarks } : {}),
    }));
    done.set(bloc.bloc, { id: bloc.bloc, name: bloc.name, units });
    if (timings) timings.rank += clock() - t;
  }
  return { scheme: rules.scheme.scheme, quarter: evidence.quarter, rulesDigest, stage: 'self', blocs: rules.blocs.map((b) => done.get(b.bloc)!) };
}

/**
 * Scores an appraised quarter twice, on the units' own figures and on the settled ones, and
 * returns the settled results (ranks, grades and cross-bloc facts all from the settled figures)
 * with each unit's self score, each criterion's self points, the changes that touch it and its
 * explanation.
 */
export async function scoreAppraised(
  rules: Rules,
  appraised: AppraisedQuarter,
  missing: MissingByUnit,
  rulesDigest: string,
  options: ScoreOptions = {},
): Promise<Results> {
  const own = await scoreQuarter(rules, appraised.self, missing, rulesDigest, { lang: options.lang });
  const settled = await scoreQuarter(rules, appraised.settled, missing, rulesDigest, options);
  const selfOf = new Map(own.blocs.flatMap((b) => b.units.map((u) => [u.id, u])));
  const blocs = settled.blocs.map((outcome): BlocOutcome => {
    const bloc = rules.blocs.find((b) => b.bloc === outcome.id)!;
    const placed = new Map(placedCriteria(bloc).map(({ criterion }) => [criterion.id, criterion]));
    const units = outcome.units.map((u) => {
      const mine = selfOf.get(u.id)!;
      const changes = appraised.changes.get(u.id) ?? [];
      const explanations = appraised.explanations.get(u.id);
      const criteria = u.criteria.map((c, i): CriterionOutcome => {
        const criterion = placed.get(c.id)!;
        const explanation = explanations?.get(c.id);
        const appraisedPart = { selfPoints: mine.criteria[i]!.points, changes: changes.filter((ch) => touches(ch, c.id, criterion)) };
        return explanation ? { ...c, ...appraisedPart, explanation } : { ...c, ...appraisedPart };
      });
      const { id, name, rank, score, ...rest } = u;
      return { id, name, rank, score, selfScore: mine.score, ...rest, criteria };
    });
    return { ...outcome, units };
  });
  return { ...settled, stage: appraised.stage, blocs };
}

function gradeReasonOf(...args: Parameters<typeof gradeReason>): { gradeReason?: string } {
  const reason = gradeReason(...args);
  return reason ? { gradeReason: reason } : {};
}

/** Blocs ordered so that each comes after the blocs its `from` facts read (validation forbids cycles). */
export function scoringOrder(blocs: readonly Bloc[]): Bloc[] {
  const order: Bloc[] = [];
  const visit = (bloc: Bloc): void => {
    if (order.includes(bloc)) return;
    for (const fact of Object.values(bloc.facts)) {
      const source = fact.from && blocs.find((b) => b.bloc === fact.from!.bloc);
      if (source && source !== bloc) visit(source);
    }
    order.push(bloc);
  };
  blocs.forEach(visit);
  return order;
}

function computedFacts(bloc: Bloc, done: Map<string, BlocOutcome>, precision: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, fact] of Object.entries(bloc.facts)) {
    if (!fact.from) continue;
    const source = done.get(fact.from.bloc)!;
    const of = fact.from.of;
    const values = source.units.map((u) =>
      of === 'score' ? u.score : of === 'base' ? u.base : (u.sections.find((s) => s.id === of)?.points ?? 0),
    );
    setOwn(out, name, roundHalfUp(aggregate(fact.from.aggregate, values), precision));
  }
  return out;
}

function aggregate(kind: Aggregate, values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  switch (kind) {
    case 'mean': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'min': return sorted[0]!;
    case 'max': return sorted[sorted.length - 1]!;
    case 'median': {
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
  }
}

function sourceOfComputed(bloc: Bloc, fact: string): string | undefined {
  const from = bloc.facts[fact]?.from;
  return from ? `${from.aggregate}(${from.bloc}.${from.of})` : undefined;
}

/** SHA-256 over the scorecard files, by name and content, so a result names the exact rules that made it. */
export function rulesDigest(files: RuleFiles): string {
  const hash = createHash('sha256');
  for (const f of ruleSources(files).sort((a, b) => (baseName(a.file) < baseName(b.file) ? -1 : 1))) {
    hash.update(`${baseName(f.file)}\0${f.text}\0`);
  }
  return `sha256:${hash.digest('hex')}`;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop()!;
}
