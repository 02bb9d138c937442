import type { Lang } from './diagnostics/codes.js';
import type { Evidence } from './model/evidence.js';
import { formatNumber } from './model/number-format.js';
import type { Results } from './model/results.js';
import { bandComparison, methodOf, placedCriteria, type Criterion, type Grade, type Rules } from './model/scorecard.js';
import { compareQuarters, type Movement } from './rank/compare-quarters.js';
import { scoreAppraised, scoreQuarter } from './score-quarter.js';
import type { AppraisedQuarter } from './validate/appraisal.js';
import type { MissingByUnit } from './validate/evidence.js';

export type ChangeKind =
  | 'precision'
  | 'grades'
  | 'unit-added'
  | 'unit-removed'
  | 'unit-moved'
  | 'bloc-added'
  | 'bloc-removed'
  | 'total'
  | 'tiebreak'
  | 'section-renamed'
  | 'criterion-added'
  | 'criterion-removed'
  | 'renamed'
  | 'moved'
  | 'max'
  | 'scoring'
  | 'not-applicable'
  | 'fact-added'
  | 'fact-removed'
  | 'fact'
  | 'from';

/** One difference between two rule sets, with where it stands in the new one. */
export interface RuleChange {
  bloc: string;
  kind: ChangeKind;
  /** The criterion or fact concerned. */
  id?: string;
  before?: string;
  after?: string;
  /** Path in the new rules' file (the bloc's, or scheme.yaml, or units.yaml), to place the change. */
  path?: (string | number)[];
  file?: 'scheme' | 'units' | 'bloc';
}

/**
 * What changed from `old` to `now`: blocs, totals and grades; criteria added, removed, renamed,
 * moved to another part, their max, and their scoring (thresholds, points, method), one step
 * or item at a time; facts added or removed.
 */
export function diffRules(now: Rules, old: Rules, lang: Lang): RuleChange[] {
  const changes: RuleChange[] = [];
  const num = (n: number) => formatNumber(n, lang, 4);
  // A grade's quota and conditions are part of it: editing them changes the grades too.
  const rulesOf = (g: Grade) => [g.maxShare !== undefined ? `maxShare ${num(g.maxShare)}` : '', ...(g.unless ?? []).map((c) => ('penalty' in c ? `unless ${c.penalty} > ${num(c.above ?? 0)}` : `unless ${c.quarterGrade}`))].filter(Boolean);
  const gradeText = (r: Rules) => r.scheme.grades.map((g) => [g.min === undefined ? g.label : `${g.label} ≥ ${num(g.min)}`, ...rulesOf(g)].join(', ')).join('; ');
  if (now.scheme.precision !== old.scheme.precision) {
    changes.push({ bloc: '', kind: 'precision', before: String(old.scheme.precision), after: String(now.scheme.precision), path: ['precision'], file: 'scheme' });
  }
  if (gradeText(now) !== gradeText(old)) changes.push({ bloc: '', kind: 'grades', before: gradeText(old), after: gradeText(now), path: ['grades'], file: 'scheme' });
  for (const u of old.units) if (!now.units.some((x) => x.id === u.id)) changes.push({ bloc: u.bloc, kind: 'unit-removed', id: u.id, before: u.name });
  now.units.forEach((u, i) => {
    const was = old.units.find((x) => x.id === u.id);
    const at = { path: ['units', i], file: 'units' as const };
    if (!was) changes.push({ bloc: u.bloc, kind: 'unit-added', id: u.id, after: u.name, ...at });
    else if (was.bloc !== u.bloc) changes.push({ bloc: u.bloc, kind: 'unit-moved', id: u.id, before: was.bloc, after: u.bloc, ...at });
  });
  for (const before of old.blocs) {
    if (!now.blocs.some((b) => b.bloc === before.bloc)) changes.push({ bloc: before.bloc, kind: 'bloc-removed' });
  }
  for (const bloc of now.blocs) {
    const before = old.blocs.find((b) => b.bloc === bloc.bloc);
    if (!before) {
      changes.push({ bloc: bloc.bloc, kind: 'bloc-added', path: ['bloc'] });
      continue;
    }
    if (bloc.total !== before.total) changes.push({ bloc: bloc.bloc, kind: 'total', before: num(before.total), after: num(bloc.total), path: ['total'] });
    const tiebreak = (b: typeof bloc) => (b.tiebreak ?? []).join(', ') || '—';
    if (tiebreak(bloc) !== tiebreak(before)) changes.push({ bloc: bloc.bloc, kind: 'tiebreak', before: tiebreak(before), after: tiebreak(bloc), path: ['tiebreak'] });
    bloc.sections.forEach((section, i) => {
      const was = before.sections.find((x) => x.id === section.id);
      if (was && was.name !== section.name) changes.push({ bloc: bloc.bloc, kind: 'section-renamed', id: section.id, before: was.name, after: section.name, path: ['sections', i, 'name'] });
    });
    for (const id of Object.keys(before.facts)) if (!Object.hasOwn(bloc.facts, id)) changes.push({ bloc: bloc.bloc, kind: 'fact-removed', id });
    for (const [id, fact] of Object.entries(bloc.facts)) {
      const was = Object.hasOwn(before.facts, id) ? before.facts[id] : undefined;
      if (!was) {
        changes.push({ bloc: bloc.bloc, kind: 'fact-added', id, path: ['facts', id] });
        continue;
      }
      // What evidence a fact accepts, and where a computed one comes from; its label is wording only.
      const kind = (f: typeof fact) => `${f.type}${f.min !== undefined || f.max !== undefined ? ` [${f.min === undefined ? '−∞' : num(f.min)}, ${f.max === undefined ? '∞' : num(f.max)}]` : ''}${f.unit ? ` ${f.unit}` : ''}`;
      if (kind(was) !== kind(fact)) changes.push({ bloc: bloc.bloc, kind: 'fact', id, before: kind(was), after: kind(fact), path: ['facts', id] });
      const from = (f: typeof fact) => (f.from ? `${f.from.aggregate}(${f.from.bloc}.${f.from.of})` : '—');
      if (from(was) !== from(fact)) changes.push({ bloc: bloc.bloc, kind: 'from', id, before: from(was), after: from(fact), path: ['facts', id, 'from'] });
    }
    const oldPlaced = new Map(placedCriteria(before).map((p) => [p.criterion.id, p]));
    const newIds = new Set(placedCriteria(bloc).map((p) => p.criterion.id));
    for (const id of oldPlaced.keys()) if (!newIds.has(id)) changes.push({ bloc: bloc.bloc, kind: 'criterion-removed', id, before: oldPlaced.get(id)!.criterion.name });
    for (const p of placedCriteria(bloc)) {
      const c = p.criterion;
      const was = oldPlaced.get(c.id);
      const at = (...sub: (string | number)[]) => [...p.path, ...sub];
      if (!was) {
        changes.push({ bloc: bloc.bloc, kind: 'criterion-added', id: c.id, after: c.name, path: at() });
        continue;
      }
      if (was.criterion.name !== c.name) changes.push({ bloc: bloc.bloc, kind: 'renamed', id: c.id, before: was.criterion.name, after: c.name, path: at('name') });
      const place = (x: typeof p) => x.section ?? x.part;
      if (place(was) !== place(p)) changes.push({ bloc: bloc.bloc, kind: 'moved', id: c.id, before: place(was), after: place(p), path: at() });
      if (was.criterion.max !== c.max) changes.push({ bloc: bloc.bloc, kind: 'max', id: c.id, before: num(was.criterion.max), after: num(c.max), path: at('max') });
      const optional = (x: Criterion) => (x.allowNotApplicable ? 'true' : 'false');
      if (optional(was.criterion) !== optional(c)) changes.push({ bloc: bloc.bloc, kind: 'not-applicable', id: c.id, before: optional(was.criterion), after: optional(c), path: at() });
      changes.push(...scoringChanges(bloc.bloc, was.criterion, c, at, num));
    }
  }
  return changes;
}

/** The scoring of a criterion, part by part: each band step, item or rule that differs; or the whole method. */
function scoringChanges(bloc: string, was: Criterion, now: Criterion, at: (...sub: (string | number)[]) => (string | number)[], num: (n: number) => string): RuleChange[] {
  const out: RuleChange[] = [];
  const change = (before: string, after: string, ...sub: (string | number)[]) => out.push({ bloc, kind: 'scoring', id: now.id, before, after, path: at('score', ...sub) });
  const a = was.score;
  const b = now.score;
  if (methodOf(a) !== methodOf(b)) {
    change(describe(a, num), describe(b, num));
    return out;
  }
  if ('bands' in a && 'bands' in b) {
    const steps = Math.max(a.bands.steps.length, b.bands.steps.length);
    if (a.bands.fact !== b.bands.fact) change(a.bands.fact, b.bands.fact, 'bands', 'fact');
    for (let i = 0; i < steps; i++) {
      const x = a.bands.steps[i];
      const y = b.bands.steps[i];
      const text = (s: typeof x) => (s === undefined ? '—' : 'otherwise' in s ? `otherwise ${num(s.otherwise)}` : stepText(s, num));
      if (text(x) !== text(y)) change(text(x), text(y), 'bands', 'steps', Math.min(i, b.bands.steps.length - 1));
    }
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) change(describe(a, num), describe(b, num));
  return out;
}

function stepText(step: Parameters<typeof bandComparison>[0], num: (n: number) => string): string {
  const [cmp, threshold] = bandComparison(step);
  const symbol = { atMost: '≤', below: '<', atLeast: '≥', above: '>', equals: '=' }[cmp];
  return `${symbol} ${typeof threshold === 'number' ? num(threshold) : String(threshold)} → ${num((step as { points: number }).points)}`;
}

/** A scoring method in one line, for a change report. */
function describe(score: Criterion['score'], num: (n: number) => string): string {
  if ('bands' in score) return `bands ${score.bands.fact}: ${score.bands.steps.map((s) => ('otherwise' in s ? `otherwise ${num(s.otherwise)}` : stepText(s, num))).join('; ')}`;
  if ('linear' in score) return `linear ${score.linear.fact}: 0 at ${num(score.linear.zeroAt)}, full at ${num(score.linear.fullAt)}`;
  if ('deduct' in score) return `deduct ${score.deduct.fact}: ${num(score.deduct.points)} per ${num(score.deduct.per ?? 1)}, floor ${num(score.deduct.floor ?? 0)}`;
  if ('count' in score) return `count ${score.count.fact}: ${num(score.count.points)} per ${num(score.count.per ?? 1)}`;
  if ('check' in score) return `check ${score.check.fact} = ${String(score.check.expect ?? true)}`;
  if ('checklist' in score) return `checklist: ${score.checklist.items.map((i) => `${i.fact} ${num(i.points)}`).join('; ')}`;
  if ('rules' in score) return `rules (${score.rules.mode}): ${score.rules.list.map((r) => `${num(r.points)} when ${JSON.stringify(r.when)}`).join('; ')}`;
  return 'manual';
}

/** The finer of two rule sets' precisions. */
export function precisionOf(now: { rules: Rules }, old: { rules: Rules }): number {
  return Math.max(now.rules.scheme.precision, old.rules.scheme.precision);
}

/** A unit under both rule sets. */
export interface UnitShift {
  id: string;
  name: string;
  before?: { score: number; rank: number; grade: string };
  after: { score: number; rank: number; grade: string };
  movement?: Movement;
}

/** Per bloc of the new rules: every unit's score and rank under both, the largest movement first. */
export interface WhatIf {
  changes: RuleChange[];
  /** Decimals to show: the finer of the two rule sets' precisions. */
  precision: number;
  blocs: { id: string; name: string; units: UnitShift[] }[];
  now: Results;
  old: Results;
}

/** One side of a what-if: rules and the evidence checked against them, with the committee's appraisal when there is one. */
export interface WhatIfSide {
  rules: Rules;
  evidence: Evidence;
  missing: MissingByUnit;
  digest: string;
  /** The settled figures are compared; both rule sets read the same appraisal. */
  appraised?: AppraisedQuarter;
}

/**
 * Scores the same evidence (the settled figures, when appraised) under the new and the old rules and lines up each unit: rank
 * movement, then score change, largest first. Evidence must have been validated against each.
 */
export async function whatIf(now: WhatIfSide, old: WhatIfSide, lang: Lang): Promise<WhatIf> {
  const score = (side: WhatIfSide) =>
    side.appraised ? scoreAppraised(side.rules, side.appraised, side.missing, side.digest, { lang }) : scoreQuarter(side.rules, side.evidence, side.missing, side.digest, { lang });
  const after = await score(now);
  const before = await score(old);
  // Differences in the finer of the two precisions, so a change of precision shows what it does.
  const compared = compareQuarters(after, before, precisionOf(now, old));
  const blocs = after.blocs.map((bloc) => {
    const was = before.blocs.find((b) => b.id === bloc.id);
    const units = bloc.units.map((u): UnitShift => {
      const w = was?.units.find((x) => x.id === u.id);
      const m = compared.units.get(u.id);
      return {
        id: u.id,
        name: u.name,
        ...(w ? { before: { score: w.score, rank: w.rank, grade: w.grade } } : {}),
        after: { score: u.score, rank: u.rank, grade: u.grade },
        ...(m ? { movement: m } : {}),
      };
    });
    const size = (s: UnitShift) => [Math.abs(s.movement?.rankChange ?? 0), Math.abs(s.movement?.scoreChange ?? 0)];
    units.sort((x, y) => size(y)[0]! - size(x)[0]! || size(y)[1]! - size(x)[1]! || x.after.rank - y.after.rank || (x.id < y.id ? -1 : 1));
    return { id: bloc.id, name: bloc.name, units };
  });
  return { changes: diffRules(now.rules, old.rules, lang), precision: precisionOf(now, old), blocs, now: after, old: before };
}

