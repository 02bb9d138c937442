import { diagnostic, sortDiagnostics, where, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { ExplanationForms, GivenExplanation } from '../load/explanation-form.js';
import type { Path, SourceFile } from '../load/yaml-file.js';
import { touches, type Change, type Explanation, type Stage } from '../model/appraisal.js';
import type { Evidence, FactEvidence, FactValue, ManualPoints, UnitEvidence } from '../model/evidence.js';
import { ownOf, setOwn } from '../model/own.js';
import { factsOfCriterion, placedCriteria, type Bloc, type Criterion, type Rules } from '../model/scorecard.js';
import { manualProblem, notApplicableProblem, valueProblem } from './evidence.js';
import { validateSchema } from './schema.js';
import { closest } from './suggest.js';

/** A quarter with the committee's appraisal applied: both sets of figures, and what changed between them. */
export interface AppraisedQuarter {
  stage: Stage;
  /** The unit's own figures; where it gave none and the committee decided (manual points, not applicable), the committee's. */
  self: Evidence;
  /** The settled figures: the appraisal over the unit's, then the decisions on explanations. */
  settled: Evidence;
  /** Each unit's changes, round 1 in the order written, then round 2. */
  changes: Map<string, Change[]>;
  /** Each unit's explanations, by criterion. */
  explanations: Map<string, Map<string, Explanation>>;
}

interface RawAppraisal {
  quarter: string;
  settled?: boolean;
  units: Record<string, RawUnit>;
}

interface RawUnit {
  facts?: Record<string, { value: FactValue; reason: string; source?: string }>;
  manual?: Record<string, ManualPoints>;
  not_applicable?: (string | { id: string; reason: string })[];
  explain?: string[];
  explanations?: Record<string, RawExplanation>;
  remarks?: string[];
}

interface RawExplanation {
  text?: string;
  source?: string;
  decision?: 'accepted' | 'rejected';
  reason?: string;
  facts?: Record<string, FactValue>;
  points?: number;
}

/**
 * The criteria whose values an appraisal gives, by unit (manual points, not applicable): the unit
 * need not have given them. Read from the file as it is, before it is validated.
 */
export function givenByAppraisal(source: SourceFile | undefined): (unit: string, criterion: string) => boolean {
  const units = (source?.data as { units?: unknown } | null | undefined)?.units;
  if (typeof units !== 'object' || units === null) return () => false;
  return (unit, criterion) => {
    const raw = ownOf(units as Record<string, unknown>, unit) as RawUnit | undefined;
    if (typeof raw !== 'object' || raw === null) return false;
    const manual =
      (typeof raw.manual === 'object' && raw.manual !== null && typeof ownOf(raw.manual, criterion)?.points === 'number') ||
      (typeof raw.explanations === 'object' && raw.explanations !== null && typeof ownOf(raw.explanations, criterion)?.points === 'number');
    const na = Array.isArray(raw.not_applicable) && raw.not_applicable.some((n) => (typeof n === 'string' ? n : n?.id) === criterion);
    return manual || na;
  };
}

/**
 * Checks an appraisal against the rules and the units' validated evidence, and applies it: every
 * problem at once, located in the appraisal file; `appraised` only when there is no error.
 */
export function validateAppraisal(
  rules: Rules,
  evidence: Evidence,
  source: SourceFile,
  rulesDigest: string,
  explained: ExplanationForms = { given: [], stamps: [] },
): { appraised?: AppraisedQuarter; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const schema = validateSchema('appraisal', source);
  out.push(...schema.diagnostics);
  // A broken entry (one fact, manual criterion or explanation) is set aside, the rest of its unit read;
  // a unit broken elsewhere is set aside whole.
  const entryOf = (path: Path) => (path.length >= 4 && ['facts', 'manual', 'explanations'].includes(String(path[2])) ? path.slice(0, 4).join('\0') : undefined);
  const brokenEntries = new Set(schema.violations.map((v) => entryOf(v.path)).filter((e) => e !== undefined));
  const brokenUnits = new Set(schema.violations.filter((v) => v.path[0] === 'units' && v.path.length >= 2 && !entryOf(v.path)).map((v) => String(v.path[1])));
  if (schema.violations.some((v) => !(v.path[0] === 'units' && v.path.length >= 2))) return { diagnostics: sortDiagnostics(out) };
  const data = source.data as RawAppraisal;
  // A workbook, and each explanation form: each sheet says what it was made for.
  if (source.forms || explained.stamps.length > 0) {
    for (const form of [...(source.forms ?? []), ...explained.stamps]) {
      if (form.quarter !== evidence.quarter) out.push(diagnostic('APPRAISAL_QUARTER', form.quarterAt, { quarter: form.quarter, expected: evidence.quarter }));
      if (form.rulesDigest !== rulesDigest) out.push(diagnostic('APPRAISAL_RULES', form.digestAt));
    }
  }
  // A workbook's quarter is its stamps', checked above; a YAML file's is in its own words.
  if (data.quarter !== evidence.quarter && data.quarter !== source.forms?.[0]?.quarter) {
    out.push(diagnostic('APPRAISAL_QUARTER', source.locate(['quarter']), { quarter: data.quarter, expected: evidence.quarter }));
  }

  const blocOf = new Map(rules.units.map((u) => [u.id, rules.blocs.find((b) => b.bloc === u.bloc)!]));
  const self = new Map(evidence.units);
  const settled = new Map(evidence.units);
  const changes = new Map<string, Change[]>();
  const explanations = new Map<string, Map<string, Explanation>>();
  let pending: string | undefined;
  // The units' explanations from their forms join the appraisal's entries, each at its cell.
  const givenBy = new Map<string, GivenExplanation[]>();
  for (const g of explained.given) givenBy.set(g.unit, [...(givenBy.get(g.unit) ?? []), g]);
  const entries = Object.entries(data.units);
  for (const unit of givenBy.keys()) if (!Object.hasOwn(data.units, unit)) entries.push([unit, {}]);
  for (const [id, rawUnit] of entries) {
    if (brokenUnits.has(id)) continue;
    const { raw, explanationAt } = withGiven(rawUnit, givenBy.get(id) ?? [], (path) => source.locate(['units', id, ...path], 'key'), out);
    const at = (path: Path, target?: 'value' | 'key') => source.locate(['units', id, ...path], target);
    const bloc = blocOf.get(id);
    const given = evidence.units.get(id);
    if (!bloc || !given) {
      const hint = closest(id, blocOf.keys());
      const place = Object.hasOwn(data.units, id) ? at([], 'key') : givenBy.get(id)![0]!.at;
      out.push(diagnostic('APPRAISAL_UNKNOWN_UNIT', place, { unit: id, ...(hint ? { hint } : {}) }));
      continue;
    }
    const whole = (part: 'facts' | 'manual' | 'explanations') =>
      Object.fromEntries(Object.entries(raw[part] ?? {}).filter(([k]) => !brokenEntries.has(['units', id, part, k].join('\0'))));
    const unit = appraiseUnit(id, { ...raw, facts: whole('facts'), manual: whole('manual'), explanations: whole('explanations') } as RawUnit, bloc, given, at, out, explanationAt);
    self.set(id, unit.self);
    settled.set(id, unit.settled);
    changes.set(id, unit.changes);
    explanations.set(id, unit.explanations);
    pending ??= unit.pending;
  }
  if (data.settled === true && pending !== undefined) out.push(diagnostic('APPRAISAL_PENDING', source.locate(['settled']), { criterion: pending }));
  const diagnostics = sortDiagnostics(out);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const stage: Stage = pending !== undefined ? 'provisional' : data.settled === true ? 'final' : 'appraised';
  return {
    appraised: { stage, self: { quarter: evidence.quarter, units: self }, settled: { quarter: evidence.quarter, units: settled }, changes, explanations },
    diagnostics,
  };
}

type At = (path: Path, target?: 'value' | 'key') => Location;

/**
 * A unit's appraisal entry with the explanations its forms give: the text and document of each
 * criterion joined to the committee's entry (its decision), and where each came from. A text
 * given in both places is an error at the form's cell.
 */
function withGiven(raw: RawUnit, given: readonly GivenExplanation[], keyAt: (path: Path) => Location, out: Diagnostic[]): { raw: RawUnit; explanationAt: Map<string, Location> } {
  const explanationAt = new Map<string, Location>();
  if (given.length === 0) return { raw, explanationAt };
  const explanations: Record<string, RawExplanation> = { ...(raw.explanations ?? {}) };
  for (const g of given) {
    const entry = ownOf(explanations, g.criterion);
    const both = entry?.text !== undefined ? 'text' : entry?.source !== undefined && g.source !== undefined ? 'source' : undefined;
    if (both) {
      out.push(diagnostic('APPRAISAL_TWICE', g.at, { id: g.criterion, first: where(keyAt(['explanations', g.criterion, both])) }));
      continue;
    }
    setOwn(explanations, g.criterion, { ...entry, ...(g.text !== undefined ? { text: g.text } : {}), ...(g.source !== undefined ? { source: g.source } : {}) });
    // Without an entry in the appraisal, a message about the explanation points at the form.
    if (!entry) explanationAt.set(g.criterion, g.at);
  }
  return { raw: { ...raw, explanations }, explanationAt };
}

/** One unit's appraisal checked and applied: round 1 (corrections), then round 2 (decisions on explanations). */
function appraiseUnit(id: string, raw: RawUnit, bloc: Bloc, given: UnitEvidence, at: At, out: Diagnostic[], explanationAt: ReadonlyMap<string, Location>) {
  const criteria = new Map(placedCriteria(bloc).map((p) => [p.criterion.id, p.criterion]));
  const facts: Record<string, FactEvidence> = { ...given.facts };
  const manual: Record<string, ManualPoints> = { ...given.manual };
  const ownManual: Record<string, ManualPoints> = { ...given.manual };
  const notApplicable = new Set(given.notApplicable);
  const ownNotApplicable = new Set(given.notApplicable);
  const changes: Change[] = [];

  /** A value for a fact the unit gave: its problem reported at `where`, or true when it fits. */
  const fits = (name: string, value: FactValue, keyAt: () => Location, valueAt: () => Location): boolean => {
    const fact = ownOf(bloc.facts, name);
    if (!fact || fact.from) {
      const hint = fact ? undefined : closest(name, Object.keys(bloc.facts));
      out.push(diagnostic('EVIDENCE_UNKNOWN_FACT', keyAt(), { fact: name, bloc: bloc.bloc, ...(fact ? { computed: 1 } : {}), ...(hint ? { hint } : {}) }));
      return false;
    }
    if (!Object.hasOwn(given.facts, name)) {
      out.push(diagnostic('APPRAISAL_FACT_NOT_GIVEN', keyAt(), { unit: id, fact: name }));
      return false;
    }
    const problem = valueProblem(fact, value);
    if (problem) out.push(diagnostic(problem.code, valueAt(), { fact: name, value: String(value), ...problem.params }));
    return !problem;
  };
  const manualFits = (cid: string, points: number, keyAt: () => Location, pointsAt: () => Location): boolean => {
    const problem = manualProblem(criteria.get(cid), cid, points);
    if (problem) out.push(diagnostic('EVIDENCE_MANUAL', problem.params.problem === 'max' ? pointsAt() : keyAt(), problem.params));
    return !problem;
  };

  // Changes are listed in the scorecard's order, whatever the order of the file's rows or keys.
  const factOrder = new Map(Object.keys(bloc.facts).map((f, i) => [f, i]));
  const criterionOrder = new Map([...criteria.keys()].map((c, i) => [c, i]));
  const inOrder = <T>(entries: [string, T][], order: Map<string, number>) => [...entries].sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  for (const [name, corrected] of inOrder(Object.entries(raw.facts ?? {}), factOrder)) {
    if (!fits(name, corrected.value, () => at(['facts', name], 'key'), () => at(['facts', name, 'value']))) continue;
    const before = given.facts[name]!;
    if (before.value === corrected.value) {
      out.push(diagnostic('APPRAISAL_SAME_VALUE', at(['facts', name, 'value']), { fact: name, value: String(corrected.value) }));
      continue;
    }
    setOwn(facts, name, { value: corrected.value, ...(corrected.source !== undefined ? { source: corrected.source } : {}), note: corrected.reason });
    changes.push(change('fact', name, before.value, corrected.value, corrected.reason, corrected.source, 1));
  }
  for (const [cid, points] of inOrder(Object.entries(raw.manual ?? {}), criterionOrder)) {
    if (!manualFits(cid, points.points, () => at(['manual', cid], 'key'), () => at(['manual', cid, 'points']))) continue;
    const proposed = ownOf(given.manual, cid);
    setOwn(manual, cid, points);
    // A unit that proposed nothing has no figure of its own to compare: the committee's points are its too.
    if (!proposed) setOwn(ownManual, cid, points);
    else if (proposed.points !== points.points) changes.push(change('manual', cid, proposed.points, points.points, points.note, points.source, 1));
  }
  const marked = (raw.not_applicable ?? []).map((item, i): [string, { item: (typeof item); i: number }] => [typeof item === 'string' ? item : item.id, { item, i }]);
  for (const [cid, { item, i }] of inOrder(marked, criterionOrder)) {
    const c = criteria.get(cid);
    const problem = notApplicableProblem(c, cid);
    if (problem) {
      out.push(diagnostic('EVIDENCE_NOT_APPLICABLE', at(['not_applicable', i]), problem));
      continue;
    }
    if (notApplicable.has(cid)) continue;
    notApplicable.add(cid);
    // Without all of the unit's figures for it, there is nothing of its own to score: not applicable in both.
    if (factsOfCriterion(c!).some((f) => !bloc.facts[f]?.from && !Object.hasOwn(given.facts, f))) ownNotApplicable.add(cid);
    else changes.push(change('not_applicable', cid, false, true, typeof item === 'string' ? undefined : item.reason, undefined, 1));
  }

  const changed = (cid: string, c: Criterion) => changes.some((ch) => touches(ch, cid, c));
  const requested = new Set<string>();
  (raw.explain ?? []).forEach((cid, i) => {
    if (criteria.has(cid)) requested.add(cid);
    else out.push(diagnostic('APPRAISAL_UNKNOWN_CRITERION', at(['explain', i]), { criterion: cid, hint: closest(cid, criteria.keys()) ?? '' }));
  });
  const explanations = new Map<string, Explanation>();
  for (const cid of requested) explanations.set(cid, { requested: true });
  let pending = [...requested].find((cid) => !ownOf(raw.explanations ?? {}, cid)?.decision);
  // Round 2: each fact's new value, set by the first decision that sets it.
  const decided = new Map<string, { value: FactValue; cid: string }>();
  const round2: Change[] = [];
  const decide = (name: string, value: FactValue, by: string, e: RawExplanation, where: () => Location): void => {
    const earlier = decided.get(name);
    if (earlier) {
      if (earlier.value !== value) out.push(diagnostic('APPRAISAL_DECISION', where(), { criterion: by, fact: name, problem: 'conflict', other: earlier.cid }));
      return;
    }
    decided.set(name, { value, cid: by });
    const now = facts[name]!;
    if (now.value === value) return;
    round2.push(change('fact', name, now.value, value, e.reason!, e.source, 2));
    setOwn(facts, name, { value, ...(e.source !== undefined ? { source: e.source } : {}), note: e.reason! });
  };
  const rejected: string[] = [];
  for (const [cid, e] of inOrder(Object.entries(raw.explanations ?? {}), criterionOrder)) {
    const keyAt = () => explanationAt.get(cid) ?? at(['explanations', cid], 'key');
    const c = criteria.get(cid);
    if (!c) {
      out.push(diagnostic('APPRAISAL_UNKNOWN_CRITERION', keyAt(), { criterion: cid, hint: closest(cid, criteria.keys()) ?? '' }));
      continue;
    }
    const asked = requested.has(cid);
    // Contested: asked for, or a change the unit answers with an explanation (its text, or a document).
    const answered = e.text !== undefined || e.source !== undefined;
    if (!asked && !(answered && changed(cid, c))) {
      out.push(diagnostic('APPRAISAL_UNCONTESTED', keyAt(), { criterion: cid, problem: answered ? 'no_change' : 'no_text' }));
      continue;
    }
    explanations.set(cid, {
      requested: asked,
      ...(e.text !== undefined ? { text: e.text } : {}),
      ...(e.source !== undefined ? { source: e.source } : {}),
      ...(e.decision !== undefined ? { decision: e.decision, reason: e.reason! } : {}),
    });
    if (e.decision === undefined) {
      pending ??= cid;
      continue;
    }
    if (e.decision === 'rejected') {
      if (e.facts !== undefined || e.points !== undefined) out.push(diagnostic('APPRAISAL_DECISION', at(['explanations', cid, e.facts !== undefined ? 'facts' : 'points'], 'key'), { criterion: cid, problem: 'rejected_values' }));
      rejected.push(cid);
      continue;
    }
    const reads = factsOfCriterion(c);
    const newFacts = e.facts ?? {};
    for (const [name, value] of Object.entries(newFacts)) {
      const keyOf = () => at(['explanations', cid, 'facts', name], 'key');
      if (!reads.includes(name)) {
        out.push(diagnostic('APPRAISAL_DECISION', keyOf(), { criterion: cid, fact: name, problem: 'not_read' }));
        continue;
      }
      if (!fits(name, value, keyOf, () => at(['explanations', cid, 'facts', name]))) continue;
      decide(name, value, cid, e, keyOf);
    }
    // Accepted: the unit's own figures stand where no new one is given.
    for (const ch of changes) {
      if (ch.kind === 'fact' && reads.includes(ch.id) && !Object.hasOwn(newFacts, ch.id)) decide(ch.id, given.facts[ch.id]!.value, cid, e, keyAt);
    }
    if (e.points !== undefined) {
      if (manualFits(cid, e.points, () => at(['explanations', cid, 'points'], 'key'), () => at(['explanations', cid, 'points']))) {
        const now = ownOf(manual, cid);
        const points = { points: e.points, note: e.reason!, ...(e.source !== undefined ? { source: e.source } : {}) };
        setOwn(manual, cid, points);
        // As in round 1: without a proposal of its own, the committee's points are the unit's too.
        if (!ownOf(given.manual, cid)) setOwn(ownManual, cid, points);
        else if (now?.points !== e.points) round2.push(change('manual', cid, now?.points ?? null, e.points, e.reason!, e.source, 2));
      }
    } else {
      const proposed = ownOf(given.manual, cid);
      const now = ownOf(manual, cid);
      if (proposed && now && now.points !== proposed.points) {
        round2.push(change('manual', cid, now.points, proposed.points, e.reason!, e.source, 2));
        setOwn(manual, cid, proposed);
      }
    }
    if (notApplicable.has(cid) && !ownNotApplicable.has(cid)) {
      notApplicable.delete(cid);
      round2.push(change('not_applicable', cid, true, false, e.reason!, e.source, 2));
    }
  }
  // A rejection stands only if no accepted decision moved the figures its criterion reads.
  for (const cid of rejected) {
    const moved = round2.find((ch) => touches(ch, cid, criteria.get(cid)!));
    if (moved) {
      const by = decided.get(moved.id)?.cid ?? moved.id;
      out.push(diagnostic('APPRAISAL_DECISION', explanationAt.get(cid) ?? at(['explanations', cid, 'decision']), { criterion: cid, fact: moved.id, problem: 'conflict', other: by }));
    }
  }
  return {
    self: { ...given, manual: ownManual, notApplicable: [...ownNotApplicable] },
    settled: { ...given, facts, manual, notApplicable: [...notApplicable], ...remarksOf(given, raw) },
    changes: [...changes, ...round2],
    explanations,
    pending,
  };
}

/** The remarks of the evidence, then the appraisal's, when there are any. */
function remarksOf(given: UnitEvidence, raw: RawUnit): { remarks?: string[] } {
  const remarks = [...(given.remarks ?? []), ...(raw.remarks ?? [])];
  return remarks.length ? { remarks } : {};
}

function change(kind: Change['kind'], id: string, from: FactValue | null, to: FactValue, reason: string | undefined, source: string | undefined, round: 1 | 2): Change {
  return { kind, id, from, to, ...(reason !== undefined ? { reason } : {}), ...(source !== undefined ? { source } : {}), round };
}
