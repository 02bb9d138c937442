import type { Params } from '../diagnostics/codes.js';
import { diagnostic, sortDiagnostics, where, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Path, SourceFile } from '../load/yaml-file.js';
import { setOwn } from '../model/own.js';
import type { Evidence, FactEvidence, FactValue, ManualPoints, UnitEvidence } from '../model/evidence.js';
import { QUARTER } from '../model/quarter.js';
import { factsOfCriterion, placedCriteria, valueTypeOf, type Bloc, type Criterion, type Fact, type Rules } from '../model/scorecard.js';
import { validateSchema } from './schema.js';
import { closest } from './suggest.js';

export type MissingMode = 'error' | 'zero';

export interface EvidenceOptions {
  /** The evidence path as given, for messages. */
  path: string;
  /** `--quarter`: the quarter every file must be for. */
  quarter?: string;
  missing: MissingMode;
  /** units.yaml, to place a unit without evidence. */
  unitsSource?: SourceFile;
  /** The digest of the rules scored, which a form must have been made from. */
  rulesDigest?: string;
  /** `--strict`: a form for another quarter or other rules is an error, not a warning. */
  strict?: boolean;
  /**
   * For comparing rule sets on one evidence (`cchc diff`): a fact these rules do not declare is
   * a warning and is left out, and forms are not held to these rules' digest.
   */
  lenient?: boolean;
  /** Criteria whose values the committee's appraisal gives (manual points, not applicable): not missing when the unit gave none. */
  givenByAppraisal?: (unit: string, criterion: string) => boolean;
}
type Locate = (path: Path, target?: 'value' | 'key') => Location;

interface RawUnit {
  facts?: Record<string, FactValue | FactEvidence>;
  manual?: Record<string, Partial<ManualPoints>>;
  not_applicable?: string[];
  remarks?: string[];
}

/**
 * The quarter the evidence files say they are for: that of the first file typed for it (a unit
 * may send back last quarter's form; the files typed for the quarter say which it is); undefined
 * when there is none such.
 */
function statedQuarter(files: readonly SourceFile[]): string | undefined {
  const quarterOf = (f: SourceFile) => (f.data as { quarter?: unknown } | null)?.quarter;
  return files.filter((f) => !f.forms).map(quarterOf).find((q): q is string => typeof q === 'string' && QUARTER.test(q));
}

/** The quarter scored, as far as it can be told before validation: `--quarter`, a typed file's, else the forms' when they agree. */
export function quarterOfEvidence(files: readonly SourceFile[], given?: string): string | undefined {
  const quarters = new Set(files.flatMap((f) => f.forms ?? []).map((s) => s.quarter));
  return given ?? statedQuarter(files) ?? (quarters.size === 1 ? [...quarters][0] : undefined);
}

/** The criteria of each unit that lack a value, when `--missing zero` lets the run go on. */
export type MissingByUnit = Map<string, Set<string>>;

/**
 * Checks a quarter's evidence files against validated rules: every problem at once, located in
 * the evidence (or, for a unit with no evidence, at the unit in units.yaml). `evidence` is set
 * only when there is no error.
 */
export function validateEvidence(
  rules: Rules,
  files: readonly SourceFile[],
  options: EvidenceOptions,
): { evidence?: Evidence; missing: MissingByUnit; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const units = new Map<string, UnitEvidence>();
  // Where each unit's evidence was first seen, found only when needed: locating walks the file.
  const firstAt = new Map<string, () => string>();
  const blocOf = new Map(rules.units.map((u) => [u.id, rules.blocs.find((b) => b.bloc === u.bloc)!]));
  let quarter = options.quarter ?? statedQuarter(files);
  const missing: MissingByUnit = new Map();
  if (quarter === undefined) {
    // Only forms say which quarter: when they disagree, one stale form must not pick it.
    const stamps = files.flatMap((f) => f.forms ?? []);
    const quarters = [...new Set(stamps.map((s) => s.quarter))];
    if (quarters.length > 1) {
      for (const q of quarters) {
        out.push(diagnostic('EVIDENCE_QUARTER_UNKNOWN', stamps.find((s) => s.quarter === q)!.quarterAt, { quarters: quarters.join(', ') }));
      }
      return { missing, diagnostics: sortDiagnostics(out) };
    }
  }
  const raise = (d: Diagnostic) => (options.strict ? { ...d, severity: 'error' as const } : d);

  for (const source of files) {
    const schema = validateSchema('evidence', source);
    out.push(...schema.diagnostics);
    // A unit whose own entry breaks the schema is set aside (it has evidence, just broken);
    // a file broken outside its units' entries is not read further.
    const brokenUnits = new Set(schema.violations.filter((v) => v.path[0] === 'units' && v.path.length >= 2).map((v) => String(v.path[1])));
    const data = source.data as { quarter: string; units: Record<string, RawUnit> };
    const unitsOk = typeof data?.units === 'object' && data.units !== null && !Array.isArray(data.units);
    if (unitsOk) for (const id of brokenUnits) if (blocOf.has(id)) firstAt.set(id, () => where(source.locate(['units', id], 'key')));
    if (schema.violations.some((v) => !(v.path[0] === 'units' && v.path.length >= 2))) continue;
    if (quarter === undefined) quarter = data.quarter;
    if (source.forms) {
      for (const form of source.forms) {
        if (form.quarter !== quarter) out.push(raise(diagnostic('EVIDENCE_FORM_QUARTER', form.quarterAt, { quarter: form.quarter, expected: quarter })));
        if (options.rulesDigest !== undefined && !options.lenient && form.rulesDigest !== options.rulesDigest) out.push(raise(diagnostic('EVIDENCE_FORM_RULES', form.digestAt)));
      }
    } else if (data.quarter !== quarter) {
      out.push(diagnostic('EVIDENCE_QUARTER', source.locate(['quarter']), { quarter: data.quarter, expected: quarter }));
    }

    for (const [id, raw] of Object.entries(data.units)) {
      if (brokenUnits.has(id)) continue;
      const at: Locate = (path, target) => source.locate(['units', id, ...path], target);
      const keyAt = lazy(() => source.locate(['units', id], 'key'));
      const bloc = blocOf.get(id);
      if (!bloc) {
        const hint = closest(id, blocOf.keys());
        out.push(diagnostic('EVIDENCE_UNKNOWN_UNIT', keyAt(), { unit: id, ...(hint ? { hint } : {}) }));
        continue;
      }
      const first = firstAt.get(id);
      if (first) {
        out.push(diagnostic('EVIDENCE_UNIT_TWICE', keyAt(), { unit: id, first: first() }));
        continue;
      }
      firstAt.set(id, () => where(keyAt()));
      const unit = checkUnit(id, raw, bloc, source.file, at, out, options.lenient ?? false);
      units.set(id, unit);
      // A value given but refused is reported as such, not again as missing.
      const lacking = findMissing(unit, bloc).filter((m) =>
        options.givenByAppraisal?.(id, m.criterion) ? false
        : m.fact
          ? !Object.hasOwn(raw.facts ?? {}, m.fact) && !source.refused?.(['units', id, 'facts', m.fact])
          : raw.manual?.[m.criterion]?.points === undefined && !source.refused?.(['units', id, 'manual', m.criterion]),
      );
      if (lacking.length > 0) {
        missing.set(id, new Set(lacking.map((m) => m.criterion)));
        if (options.missing === 'error') {
          for (const m of lacking) {
            const label = m.fact ? bloc.facts[m.fact]!.label : '';
            // A form has a cell for the value: the message points at it.
            const slot = source.slotOf?.(['units', id, ...(m.fact ? ['facts', m.fact] : ['manual', m.criterion])]);
            out.push(diagnostic('EVIDENCE_MISSING', slot ?? keyAt(), { unit: id, criterion: m.criterion, ...(m.fact ? { fact: m.fact, label } : {}) }));
          }
        }
      }
    }
  }
  for (const [i, u] of rules.units.entries()) {
    if (firstAt.has(u.id) || files.length === 0) continue;
    const at = options.unitsSource?.locate(['units', i, 'id']) ?? { file: options.path, line: 1, col: 1 };
    out.push(diagnostic('EVIDENCE_UNIT_MISSING', at, { unit: u.id, path: options.path }));
  }
  const diagnostics = sortDiagnostics(out);
  const failed = diagnostics.some((d) => d.severity === 'error') || quarter === undefined;
  return { evidence: failed ? undefined : { quarter: quarter!, units }, missing, diagnostics };
}

function checkUnit(
  id: string,
  raw: RawUnit,
  bloc: Bloc,
  file: string,
  at: Locate,
  out: Diagnostic[],
  lenient: boolean,
): UnitEvidence {
  const facts: Record<string, FactEvidence> = {};
  for (const [name, given] of Object.entries(raw.facts ?? {})) {
    const entry: FactEvidence = typeof given === 'object' ? given : { value: given };
    // Located only for a message: locating walks the file.
    const valueAt = () => (typeof given === 'object' ? at(['facts', name, 'value']) : at(['facts', name]));
    const fact = Object.hasOwn(bloc.facts, name) ? bloc.facts[name] : undefined;
    if (!fact || fact.from) {
      const hint = fact ? undefined : closest(name, Object.keys(bloc.facts));
      const d = diagnostic('EVIDENCE_UNKNOWN_FACT', at(['facts', name], 'key'), { fact: name, bloc: bloc.bloc, ...(fact ? { computed: 1 } : {}), ...(hint ? { hint } : {}) });
      out.push(lenient ? { ...d, severity: 'warning' } : d);
      continue;
    }
    const problem = valueProblem(fact, entry.value);
    if (problem) out.push(diagnostic(problem.code, valueAt(), { fact: name, value: String(entry.value), ...problem.params }));
    else setOwn(facts, name, entry);
  }
  const criteria = new Map(placedCriteria(bloc).map((p) => [p.criterion.id, p.criterion]));
  const manual: Record<string, ManualPoints> = {};
  for (const [cid, given] of Object.entries(raw.manual ?? {})) {
    const problem = manualProblem(criteria.get(cid), cid, given.points);
    if (problem) out.push(diagnostic('EVIDENCE_MANUAL', problem.params.problem === 'max' ? at(['manual', cid, 'points']) : at(['manual', cid], 'key'), problem.params));
    // Without points yet, the criterion is missing evidence.
    else if (given.points !== undefined) setOwn(manual, cid, given);
  }
  const notApplicable = (raw.not_applicable ?? []).filter((cid, i) => {
    const problem = notApplicableProblem(criteria.get(cid), cid);
    if (problem) out.push(diagnostic('EVIDENCE_NOT_APPLICABLE', at(['not_applicable', i]), problem));
    return !problem;
  });
  return raw.remarks?.length ? { unit: id, file, facts, manual, notApplicable, remarks: raw.remarks } : { unit: id, file, facts, manual, notApplicable };
}

/** Why a value does not fit its fact (type, then range), or undefined when it does. */
export function valueProblem(fact: Fact, value: FactValue): { code: 'EVIDENCE_TYPE' | 'EVIDENCE_RANGE'; params: Params } | undefined {
  const expected = fact.type === 'integer' ? 'integer' : valueTypeOf(fact);
  const ok =
    fact.type === 'boolean' ? typeof value === 'boolean'
    : fact.type === 'text' ? typeof value === 'string'
    : typeof value === 'number' && Number.isFinite(value) && (fact.type === 'number' || Number.isInteger(value));
  if (!ok) return { code: 'EVIDENCE_TYPE' as const, params: { expected } };
  if (typeof value === 'number' && ((fact.min !== undefined && value < fact.min) || (fact.max !== undefined && value > fact.max))) {
    return { code: 'EVIDENCE_RANGE' as const, params: { min: fact.min ?? '−∞', max: fact.max ?? '∞' } };
  }
  return undefined;
}

/** Why manual points do not fit a criterion (not scored manually, or above its max), or undefined when they do or are not given yet. */
export function manualProblem(c: Criterion | undefined, cid: string, points: number | undefined): { params: Params } | undefined {
  if (!c || !('manual' in c.score)) return { params: { criterion: cid, problem: 'method' } };
  if (points !== undefined && points > c.max) return { params: { criterion: cid, problem: 'max', points, max: c.max } };
  return undefined;
}

/** Why a criterion may not be marked not applicable (unknown, or not allowed by its scorecard), or undefined when it may. */
export function notApplicableProblem(c: Criterion | undefined, cid: string): Params | undefined {
  return c?.allowNotApplicable ? undefined : { criterion: cid, problem: c ? 'not_allowed' : 'unknown' };
}

/** The values a unit's applicable criteria need and do not have: facts, or manual points. */
function findMissing(unit: UnitEvidence, bloc: Bloc): { criterion: string; fact?: string }[] {
  const lacking: { criterion: string; fact?: string }[] = [];
  for (const { criterion, reads } of readsOf(bloc)) {
    if (unit.notApplicable.includes(criterion.id)) continue;
    if ('manual' in criterion.score) {
      if (!Object.hasOwn(unit.manual, criterion.id)) lacking.push({ criterion: criterion.id });
      continue;
    }
    for (const fact of reads) {
      if (bloc.facts[fact]?.from || Object.hasOwn(unit.facts, fact)) continue;
      lacking.push({ criterion: criterion.id, fact });
    }
  }
  return lacking;
}

/** Each criterion of a bloc with the facts it reads, worked out once per bloc (not once per unit). */
const READS = new WeakMap<Bloc, { criterion: Criterion; reads: string[] }[]>();
function readsOf(bloc: Bloc): { criterion: Criterion; reads: string[] }[] {
  let list = READS.get(bloc);
  if (!list) READS.set(bloc, (list = placedCriteria(bloc).map(({ criterion }) => ({ criterion, reads: factsOfCriterion(criterion) }))));
  return list;
}

/** A value computed the first time it is asked for. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
