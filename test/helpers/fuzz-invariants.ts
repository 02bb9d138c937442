/**
 * What must hold of any diagnostics and any results, whatever the input: the fuzz tests' oracles.
 * node:assert rather than expect: thousands of checks a run, and expect is slow at that.
 */
import assert from 'node:assert/strict';
import { CODES, formatDiagnostics, type Diagnostic } from '../../src/index.js';
import type { Evidence } from '../../src/model/evidence.js';
import type { Results } from '../../src/model/results.js';
import { roundHalfUp } from '../../src/model/round.js';
import { placedCriteria, type Rules } from '../../src/model/scorecard.js';
import type { MissingByUnit } from '../../src/validate/evidence.js';
import { validateSchema } from '../../src/validate/schema.js';

/**
 * Every diagnostic has a code of the catalogue and a place a user can go to: a 1-based line and
 * column that exist in the file's text, when the text was read; and the reporter can show it.
 */
export function expectLocated(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
  for (const d of diagnostics) {
    const what = JSON.stringify(d);
    assert.ok(Object.hasOwn(CODES, d.code), `unknown code: ${what}`);
    assert.ok(d.severity === 'error' || d.severity === 'warning', `unknown severity: ${what}`);
    assert.ok(typeof d.file === 'string' && d.file.length > 0, `no file: ${what}`);
    assert.ok(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.col) && d.col >= 1, `no line and column: ${what}`);
    const text = d.sheet === undefined ? sources.get(d.file) : undefined;
    if (text === undefined) continue;
    const lines = text.split('\n');
    assert.ok(d.line <= lines.length && d.col <= lines[d.line - 1]!.length + 1, `past the end of its line or file: ${what}`);
  }
  for (const lang of ['vi', 'en'] as const) assert.equal(typeof formatDiagnostics(diagnostics, sources, lang), 'string');
}

const sum = (xs: number[], precision: number) => roundHalfUp(xs.reduce((a, b) => a + b, 0), precision);

/**
 * The rules of docs/scorecard-language.md §6, checked on the results of validated evidence: points
 * in [0, max] and rounded, totals the sums of their rounded parts, score = max(0, base + bonus −
 * penalty), grades by the scheme's cut-offs, ranks by score then tiebreak, shared on a full tie.
 */
export function expectScoredWell(rules: Rules, evidence: Evidence, missing: MissingByUnit, results: Results): void {
  const { precision, grades } = rules.scheme;
  const round = (v: number) => roundHalfUp(v, precision);
  assert.equal(results.quarter, evidence.quarter);
  assert.deepEqual(results.blocs.map((b) => b.id), rules.blocs.map((b) => b.bloc));
  results.blocs.forEach((outcome, i) => {
    const scorecard = rules.blocs[i]!;
    const placed = placedCriteria(scorecard);
    const expectedUnits = rules.units.filter((u) => u.bloc === scorecard.bloc).map((u) => u.id);
    assert.deepEqual(outcome.units.map((u) => u.id).sort(), [...expectedUnits].sort());
    for (const u of outcome.units) {
      const given = evidence.units.get(u.id)!;
      const where = `${scorecard.bloc}/${u.id}`;
      assert.deepEqual(u.criteria.map((c) => c.id), placed.map((p) => p.criterion.id), where);
      u.criteria.forEach((c, k) => {
        const { criterion } = placed[k]!;
        const at = `${where}/${c.id}: ${JSON.stringify(c)}`;
        assert.equal(c.max, criterion.max, at);
        assert.ok(Number.isFinite(c.points) && c.points >= 0 && c.points <= c.max, `points outside [0, max] at ${at}`);
        assert.equal(round(c.points), c.points, `points not rounded at ${at}`);
        const status = given.notApplicable.includes(c.id)
          ? 'not_applicable'
          : missing.get(u.id)?.has(c.id)
            ? 'missing'
            : 'manual' in criterion.score
              ? 'manual'
              : 'scored';
        assert.equal(c.status, status, at);
        if (status === 'not_applicable' || status === 'missing') assert.equal(c.points, 0, at);
        if (status === 'manual') assert.equal(c.points, round(given.manual[c.id]!.points), at);
        for (const [name, read] of Object.entries(c.facts)) {
          const value = (read as { value?: unknown } | null)?.value;
          assert.ok(typeof read === 'object' && ['number', 'boolean', 'string'].includes(typeof value), `${at} reads ${name} as ${String(read)}`);
        }
      });
      const applicable = u.criteria.filter((c) => c.status !== 'not_applicable');
      const partOf = new Map(placed.map((p) => [p.criterion.id, p]));
      for (const s of scorecard.sections) {
        const own = applicable.filter((c) => partOf.get(c.id)!.section === s.id);
        const section = u.sections.find((x) => x.id === s.id)!;
        assert.equal(section.points, sum(own.map((c) => c.points), precision), `${where}/${s.id} points`);
        assert.equal(section.max, sum(own.map((c) => c.max), precision), `${where}/${s.id} max`);
      }
      const achieved = sum(u.sections.map((s) => s.points), precision);
      const possible = sum(u.sections.map((s) => s.max), precision);
      const base = possible === 0 ? 0 : possible === scorecard.total ? achieved : round((achieved / possible) * scorecard.total);
      assert.equal(u.base, base, `${where} base`);
      assert.ok(u.base >= 0 && u.base <= scorecard.total, `${where} base outside [0, total]`);
      const partPoints = (part: 'bonus' | 'penalty') => sum(applicable.filter((c) => partOf.get(c.id)!.part === part).map((c) => c.points), precision);
      assert.equal(u.bonus, partPoints('bonus'), `${where} bonus`);
      assert.equal(u.penalty, partPoints('penalty'), `${where} penalty`);
      assert.equal(u.score, Math.max(0, round(u.base + u.bonus - u.penalty)), `${where} score`);
      assert.equal(u.grade, grades.find((g) => g.min === undefined || u.score >= g.min)!.label, `${where} grade`);
    }
    // Rank = 1 + the units strictly ahead on (score, tiebreak sections in order); full ties share it.
    const keyOf = (u: (typeof outcome.units)[number]) => [u.score, ...(scorecard.tiebreak ?? []).map((id) => u.sections.find((s) => s.id === id)?.points ?? 0)];
    const ahead = (a: number[], b: number[]) => {
      const k = a.findIndex((v, j) => v !== b[j]);
      return k >= 0 && a[k]! > b[k]!;
    };
    for (const u of outcome.units) {
      assert.equal(u.rank, 1 + outcome.units.filter((v) => ahead(keyOf(v), keyOf(u))).length, `${scorecard.bloc}/${u.id} rank`);
    }
    outcome.units.slice(1).forEach((u, j) => {
      const before = outcome.units[j]!;
      assert.ok(before.rank < u.rank || (before.rank === u.rank && before.id < u.id), `${before.id} listed before ${u.id}`);
    });
  });
  // results.json is read back as the previous quarter: what score writes, its schema must accept.
  const data = JSON.parse(JSON.stringify(results)) as unknown;
  const written = { file: 'results.json', text: '', data, parsed: true, locate: () => ({ file: 'results.json', line: 1, col: 1 }) };
  assert.deepEqual(validateSchema('results', written).diagnostics, []);
}
