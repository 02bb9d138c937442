// `cchc explain`: the trace of every unit of the samples agrees with results.json.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRules, explainUnit, factTypesOf, formatExplanation, loadEvidenceFiles, rulesDigest, validateEvidence, type Explanation, type Results } from '../src/index.js';
import { formatNumber } from '../src/model/number-format.js';
import { cchc } from './helpers/cli.js';

let out = '';
let results: Results;
const explanations = new Map<string, Explanation>();

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'cchc-explain-'));
  const r = cchc(['score', '--evidence', 'samples/2019-Q1', '--out', out]);
  if (r.code !== 0) throw new Error(r.stderr);
  results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
  const checked = await checkRules('rules');
  const rules = checked.rules!;
  const loaded = await loadEvidenceFiles('samples/2019-Q1', factTypesOf(rules));
  const validated = validateEvidence(rules, loaded.files, { path: 'samples/2019-Q1', missing: 'error' });
  for (const u of rules.units) {
    const { explanation } = await explainUnit(rules, validated.evidence!, validated.missing, rulesDigest(checked.files), u.id, 'vi');
    explanations.set(u.id, explanation);
  }
});

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('cchc explain', () => {
  it('agrees with results.json for every unit of the samples, criterion by criterion', () => {
    const all = results.blocs.flatMap((b) => b.units.map((u) => ({ b, u })));
    expect(explanations.size).toBe(all.length);
    for (const { b, u } of all) {
      const e = explanations.get(u.id)!;
      expect([e.base, e.bonus, e.penalty, e.score, e.rank, e.size, e.grade], u.id).toEqual([u.base, u.bonus, u.penalty, u.score, u.rank, b.units.length, u.grade]);
      expect(e.sections.map((s) => [s.id, s.points, s.max])).toEqual(u.sections.map((s) => [s.id, s.points, s.max]));
      expect(e.criteria.map((c) => [c.id, c.points, c.status, c.reason])).toEqual(u.criteria.map((c) => [c.id, c.points, c.status, c.reason]));
      for (const c of e.criteria) {
        if (c.status !== 'scored') continue;
        // The trace is the engine's: one result per compiled rule; the band taken is its first true step.
        expect(c.rules.length, `${u.id} ${c.id}`).toBeGreaterThan(0);
        if (c.method === 'bands') expect(c.matched[0] ?? -1).toBe(c.rules.find((r) => r.result)?.index ?? -1);
        if (c.method === 'checklist' || c.method === 'rules') {
          const trueRules = c.rules.filter((r) => r.result).map((r) => r.index);
          expect(trueRules).toEqual(expect.arrayContaining(c.matched));
        }
        const read = u.criteria.find((x) => x.id === c.id)!.facts;
        expect(Object.fromEntries(c.facts.map((f) => [f.id, f.value])), `${u.id} ${c.id}`).toEqual(Object.fromEntries(Object.entries(read).map(([id, e]) => [id, e.value])));
      }
    }
  });

  it('prints the totals the unit received, in words and figures', () => {
    for (const b of results.blocs) {
      for (const u of b.units) {
        const text = formatExplanation(explanations.get(u.id)!, 'vi');
        expect(text, u.id).toContain(`Tổng điểm: ${formatNumber(u.base, 'vi', 4)} + ${formatNumber(u.bonus, 'vi', 4)} − ${formatNumber(u.penalty, 'vi', 4)} = ${formatNumber(u.score, 'vi', 4)}\n`);
        expect(text).toContain(`Xếp hạng trong khối: ${u.rank} / ${b.units.length}\n`);
        expect(text).toContain(`Xếp loại: ${u.grade} (`);
        for (const c of u.criteria) expect(text, `${u.id} ${c.id}`).toContain(`  Kết quả: ${formatNumber(c.points, 'vi', 4)} / ${formatNumber(c.max, 'vi', 4)} điểm — ${c.reason}\n`);
        for (const s of u.sections) expect(text).toMatch(new RegExp(`Cộng phần ${s.id.replace('.', '\\.')} \\(.*\\): ${formatNumber(s.points, 'vi', 4)} / ${formatNumber(s.max, 'vi', 4)}\n`));
      }
    }
  });

  it('from the command line: one criterion, its conditions as the engine evaluated them', () => {
    const r = cchc(['explain', '--evidence', 'samples/2019-Q1', '--unit', 'DL-CAUKE', '--criterion', 'I.2', '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    lv_connection_days = 3.8 ngày');
    expect(r.stdout).toContain('      lv_connection_days = 3.8  lessThanInclusive (≤) 3  → false');
    expect(r.stdout).toContain('      lv_connection_days = 3.8  lessThanInclusive (≤) 4  → true');
    expect(r.stdout).toContain('  Matched: step 2 (the first true step counts)');
    expect(r.stdout).toContain('  Result: 4 / 5 points');
  });

  it('--json gives the same figures as results.json', () => {
    const r = cchc(['explain', '--evidence', 'samples/2019-Q1', '--unit', 'VP', '--json']);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as Explanation;
    const vp = results.blocs[0]!.units.find((u) => u.id === 'VP')!;
    expect([e.score, e.rank, e.grade]).toEqual([vp.score, vp.rank, vp.grade]);
    const t1 = e.criteria.find((c) => c.id === 'T.1')!;
    expect(t1.facts[0]).toMatchObject({ id: 'branches_mean_score', value: 72.91, from: { bloc: 'district-branches', aggregate: 'mean', of: 'score' } });
  });

  it('an unknown unit or criterion is wrong usage', () => {
    const a = cchc(['explain', '--evidence', 'samples/2019-Q1', '--unit', 'dl-cauke']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('"DL-CAUKE"');
    expect(cchc(['explain', '--evidence', 'samples/2019-Q1', '--unit', 'VP', '--criterion', 'Z.9']).code).toBe(2);
    // Every command that takes --quarter checks it the same way.
    expect(cchc(['explain', '--evidence', 'samples/2019-Q1', '--unit', 'VP', '--quarter', '2019-5']).code).toBe(2);
    expect(cchc(['diff', '--against', 'rules', '--evidence', 'samples/2019-Q1', '--quarter', 'Q1']).code).toBe(2);
    expect(cchc(['diff', '--against', 'rules', '--evidence', 'samples/2019-Q1', '--out', 'what-if.txt']).code).toBe(2);
  });
});
