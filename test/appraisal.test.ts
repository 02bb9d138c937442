// The committee's appraisal over the units' self-assessment (samples/2019-Q2 as the units sent
// it). Figures are worked by hand from rules/district-branches.yaml and the sample evidence.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRules, factTypesOf, givenByAppraisal, loadEvidenceFiles, scoreAppraised, scoreQuarter, validateAppraisal, validateEvidence } from '../src/index.js';
import { parseYaml } from '../src/load/yaml-file.js';
import { factsOfCriterion, placedCriteria, type Fact } from '../src/model/scorecard.js';
import type { Results } from '../src/model/results.js';
import { cchc, positionOf } from './helpers/cli.js';
import { tempDirs } from './helpers/temp.js';

const tempDir = tempDirs('appraisal');
const rules = (await checkRules('rules')).rules!;
const samples = await loadEvidenceFiles('samples/2019-Q2', factTypesOf(rules));
const unappraised = validateEvidence(rules, samples.files, { path: 'samples/2019-Q2', missing: 'error' }).evidence!;
const plain = await scoreQuarter(rules, unappraised, new Map(), 'sha256:0');

/** Scores the sample quarter with an appraisal written as YAML: its diagnostics, and the results when there is no error. */
async function appraise(text: string, files = samples.files) {
  const { source, diagnostics } = parseYaml('appraisal.yaml', text);
  const validated = validateEvidence(rules, files, { path: 'samples/2019-Q2', missing: 'error', givenByAppraisal: givenByAppraisal(source) });
  if (!validated.evidence) return { diagnostics: validated.diagnostics };
  const checked = validateAppraisal(rules, validated.evidence, source, 'sha256:0');
  const all = [...diagnostics, ...checked.diagnostics];
  const results = checked.appraised ? await scoreAppraised(rules, checked.appraised, new Map(), 'sha256:0') : undefined;
  return { diagnostics: all, results, located: all.map((d) => `${d.line}:${d.col} ${d.code}`) };
}

const unitOf = (r: Results, id: string) => r.blocs.flatMap((b) => b.units).find((u) => u.id === id)!;
const criterionOf = (r: Results, unit: string, id: string) => unitOf(r, unit).criteria.find((c) => c.id === id)!;

describe('an appraisal applied', () => {
  it('N/A decided by the committee rescales the base as the unit\'s own N/A does', async () => {
    const { results, diagnostics } = await appraise(`quarter: 2019-Q2
units:
  DL-CANGLONG:
    not_applicable: [{ id: I.3, reason: "Không phát sinh hồ sơ trung áp trong quý" }]
`);
    expect(diagnostics).toEqual([]);
    const u = unitOf(results!, 'DL-CANGLONG');
    // Self: sections sum to 87.78 of 100 with I.3 = 8 (agreement 4 ≤ 4 → 4, energising 6 ≤ 6 → 4).
    // Without I.3: 79.78 of 92 → 79.78 / 92 × 100 = 86.717… → 86.72; score 86.72 + bonus 1.5 = 88.22.
    expect(u.base).toBe(86.72);
    expect(u.score).toBe(88.22);
    expect(u.selfScore).toBe(89.28);
    const i3 = u.criteria.find((c) => c.id === 'I.3')!;
    expect(i3.status).toBe('not_applicable');
    expect(i3.selfPoints).toBe(8);
    expect(i3.changes).toEqual([{ kind: 'not_applicable', id: 'I.3', from: false, to: true, reason: 'Không phát sinh hồ sơ trung áp trong quý', round: 1 }]);
    // The same as the unit marking it itself.
    const own = structuredClone(unappraised);
    own.units.set('DL-CANGLONG', { ...own.units.get('DL-CANGLONG')!, notApplicable: ['I.3'] });
    const byUnit = unitOf(await scoreQuarter(rules, own, new Map(), 'sha256:0'), 'DL-CANGLONG');
    expect([byUnit.base, byUnit.score, byUnit.sections]).toEqual([u.base, u.score, u.sections]);
  });

  it('an accepted explanation without a new figure puts the unit\'s own figure back (round 2)', async () => {
    const { results, diagnostics } = await appraise(`quarter: 2019-Q2
units:
  DL-TPTV:
    facts:
      cskh_overdue_requests: { value: 2, reason: "TT CSKH ghi nhận 2 yêu cầu" }
    explanations:
      III.2: { text: "Yêu cầu thứ hai khách hàng đã rút", decision: accepted, reason: "Có văn bản rút yêu cầu" }
`);
    expect(diagnostics).toEqual([]);
    const c = criterionOf(results!, 'DL-TPTV', 'III.2');
    // 10 − 2 × 1 = 8 as the unit gave it; the appraisal's 2 (→ 6) is undone.
    expect([c.selfPoints, c.points]).toEqual([8, 8]);
    expect(c.changes!.map((x) => [x.from, x.to, x.round])).toEqual([[1, 2, 1], [2, 1, 2]]);
    expect(results!.stage).toBe('appraised');
    expect(unitOf(results!, 'DL-TPTV').score).toBe(98.66);
  });

  it('manual points the unit did not propose are the committee\'s, in both figures, and not missing', async () => {
    const dir = tempDir();
    cpSync('samples/2019-Q2', dir, { recursive: true });
    const file = join(dir, 'district-branches.yaml');
    const text = readFileSync(file, 'utf8');
    const cut = text.replace('    manual:\n      II.4: { points: 3.5, note: "Đã bố trí ghế chờ; niêm yết đầy đủ" }\n', '');
    expect(cut).not.toBe(text);
    writeFileSync(file, cut);
    const files = (await loadEvidenceFiles(dir, factTypesOf(rules))).files;
    // Without the appraisal the unit lacks II.4.
    expect(validateEvidence(rules, files, { path: dir, missing: 'error' }).diagnostics.map((d) => d.code)).toEqual(['EVIDENCE_MISSING']);
    const { results, diagnostics } = await appraise(`quarter: 2019-Q2
units:
  DL-CAUKE:
    manual:
      II.4: { points: 2, note: "Chưa niêm yết đủ" }
`, files);
    expect(diagnostics).toEqual([]);
    const c = criterionOf(results!, 'DL-CAUKE', 'II.4');
    expect([c.selfPoints, c.points, c.changes]).toEqual([2, 2, []]);
    // 88.18 with the unit's 3.5; with 2 in both: 86.68.
    expect([unitOf(results!, 'DL-CAUKE').selfScore, unitOf(results!, 'DL-CAUKE').score]).toEqual([86.68, 86.68]);
  });

  it('an explanation asked for and not decided makes the quarter provisional; settled then is an error', async () => {
    const text = `quarter: 2019-Q2
units:
  DL-TRACU:
    explain: [I.1]
`;
    expect((await appraise(text)).results!.stage).toBe('provisional');
    const settled = `quarter: 2019-Q2\nsettled: true\n${text.split('\n').slice(1).join('\n')}`;
    const r = await appraise(settled);
    expect(r.located).toEqual([`${positionOf(settled, 'true')} APPRAISAL_PENDING`]);
    expect(r.results).toBeUndefined();
  });
});

describe('bad appraisal input: every problem at its position', () => {
  const text = `quarter: 2019-Q2
units:
  DL-CAUKEE:
    explain: [I.2]
  DL-CAUKE:
    facts:
      lv_conection_days: { value: 4, reason: "x" }
      lv_on_time_rate: { value: 101, reason: "x" }
      online_request_rate: { value: 79.5, reason: "bằng số liệu đơn vị" }
    manual:
      II.4: { points: 5, note: "quá điểm tối đa" }
    explanations:
      I.5: { decision: rejected, reason: "không ai giải trình" }
      I.6: { text: "không bị thay đổi", decision: accepted, reason: "x" }
  DL-CAUNGANG:
    facts:
      satisfaction_score: { value: 7 }
  DL-TPTV:
    facts:
      cskh_overdue_requests: { value: 2, reason: "x" }
    explanations:
      III.2: { text: "giải trình", decision: rejected, reason: "x", facts: { cskh_overdue_requests: 1 } }
      III.9: { text: "?" }
`;
  it('lists all of them, sorted, with nothing applied', async () => {
    const r = await appraise(text);
    const at = (marker: string, code: string) => `${positionOf(text, marker)} ${code}`;
    expect(r.results).toBeUndefined();
    expect(r.located).toEqual([
      at('DL-CAUKEE', 'APPRAISAL_UNKNOWN_UNIT'),
      at('lv_conection_days', 'EVIDENCE_UNKNOWN_FACT'),
      at('101', 'EVIDENCE_RANGE'),
      // satisfaction_score without its reason: at the mapping that lacks it.
      at('{ value: 7 }', 'SCHEMA_MISSING_KEY'),
      at('79.5', 'APPRAISAL_SAME_VALUE'),
      at('5, note', 'EVIDENCE_MANUAL'),
      at('I.5:', 'APPRAISAL_UNCONTESTED'),
      at('I.6:', 'APPRAISAL_UNCONTESTED'),
      at('facts: { cskh_overdue_requests: 1 }', 'APPRAISAL_DECISION'),
      at('III.9', 'APPRAISAL_UNKNOWN_CRITERION'),
    ].sort(byPosition));
  });

  it('through the CLI: exit 1, the codes at file:line:col, nothing written', () => {
    const dir = tempDir();
    const file = join(dir, 'appraisal.yaml');
    writeFileSync(file, text);
    const out = join(dir, 'out');
    const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--appraisal', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:${positionOf(text, 'DL-CAUKEE')} lỗi APPRAISAL_UNKNOWN_UNIT`);
    expect(r.stderr).toContain(`${file}:${positionOf(text, '101')} lỗi EVIDENCE_RANGE`);
    expect(existsSync(out)).toBe(false);
  });

  it('an appraisal of another quarter is refused at its quarter', async () => {
    const other = 'quarter: 2019-Q1\nunits: {}\n';
    expect((await appraise(other)).located).toEqual([`${positionOf(other, '2019-Q1')} APPRAISAL_QUARTER`]);
  });

  it('a correction of a fact the unit did not give, and a decision setting a fact the criterion does not read', async () => {
    const dir = tempDir();
    cpSync('samples/2019-Q2', dir, { recursive: true });
    const file = join(dir, 'district-branches.yaml');
    const cut = readFileSync(file, 'utf8').replace(/(DL-TRACU:[\s\S]*?)      mv_agreement_days: [^\n]*\n      mv_energizing_days: [^\n]*\n/, '$1');
    writeFileSync(file, `${cut}`);
    const files = (await loadEvidenceFiles(dir, factTypesOf(rules))).files;
    const t = `quarter: 2019-Q2
units:
  DL-TRACU:
    not_applicable: [I.3]
    facts:
      mv_agreement_days: { value: 3, reason: "x" }
      lv_connection_days: { value: 9, reason: "x" }
    explanations:
      I.2: { text: "y", decision: accepted, reason: "z", facts: { satisfaction_score: 9 } }
`;
    const r = await appraise(t, files);
    expect(r.located).toEqual([`${positionOf(t, 'mv_agreement_days')} APPRAISAL_FACT_NOT_GIVEN`, `${positionOf(t, 'satisfaction_score')} APPRAISAL_DECISION`]);
  });
});

function byPosition(a: string, b: string): number {
  const [la, ca] = a.split(' ')[0]!.split(':').map(Number);
  const [lb, cb] = b.split(' ')[0]!.split(':').map(Number);
  return la! - lb! || ca! - cb!;
}

describe('invariants over any appraisal of facts', () => {
  const branches = rules.blocs.find((b) => b.bloc === 'district-branches')!;
  const entered = Object.entries(branches.facts).filter(([, f]) => !f.from);
  const units = rules.units.filter((u) => u.bloc === 'district-branches').map((u) => u.id);
  const valueOf = (fact: Fact): fc.Arbitrary<number | boolean> =>
    fact.type === 'boolean' ? fc.boolean() : fact.type === 'integer' ? fc.integer({ min: fact.min ?? 0, max: fact.max ?? 20 }) : fc.integer({ min: (fact.min ?? -5) * 10, max: (fact.max ?? 20) * 10 }).map((n) => n / 10);
  const correction = fc.constantFrom(...units).chain((unit) =>
    fc.constantFrom(...entered).chain(([name, fact]) => valueOf(fact).map((value) => ({ unit, name, value }))),
  );

  it('a corrected fact changes exactly the criteria that read it; selfScore is the score without the appraisal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(correction, { minLength: 1, maxLength: 4, selector: (c) => `${c.unit}|${c.name}` }), async (list) => {
        const own = (c: { unit: string; name: string }) => unappraised.units.get(c.unit)!.facts[c.name]!.value;
        const real = list.filter((c) => own(c) !== c.value);
        const byUnit = new Map<string, string[]>();
        for (const c of real) byUnit.set(c.unit, [...(byUnit.get(c.unit) ?? []), `      ${c.name}: { value: ${JSON.stringify(c.value)}, reason: "r" }`]);
        const text = `quarter: 2019-Q2\nunits:\n${[...byUnit].map(([u, lines]) => `  ${u}:\n    facts:\n${lines.join('\n')}`).join('\n')}${byUnit.size ? '' : ' {}'}\n`;
        const { results, diagnostics } = await appraise(text);
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        for (const bloc of results!.blocs) {
          for (const u of bloc.units) {
            expect(u.selfScore).toBe(unitOf(plain, u.id).score);
            const corrected = new Set(real.filter((c) => c.unit === u.id).map((c) => c.name));
            for (const p of placedCriteria(rules.blocs.find((b) => b.bloc === bloc.id)!)) {
              const c = u.criteria.find((x) => x.id === p.criterion.id)!;
              const reads = factsOfCriterion(p.criterion).some((f) => corrected.has(f));
              expect(c.changes!.length > 0, `${u.id} ${c.id}`).toBe(reads);
              expect(c.selfPoints).toBe(criterionOf(plain, u.id, c.id).points);
              // Only a criterion reading a corrected fact, or one computed from another bloc, can move.
              const computed = factsOfCriterion(p.criterion).some((f) => rules.blocs.find((b) => b.bloc === bloc.id)!.facts[f]?.from);
              if (!reads && !computed) expect(c.points, `${u.id} ${c.id}`).toBe(c.selfPoints);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('explain and diff speak of both stages', () => {
  it('explain: each criterion\'s self points and the changes, then the self score beside the settled one', () => {
    const r = cchc(['explain', '--evidence', 'samples/2019-Q2', '--unit', 'DL-CAUKE']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Đơn vị: Điện lực Cầu Kè (DL-CAUKE) — Khối các Điện lực trực thuộc, quý II/2019 (đã thẩm định, kết quả chính thức)');
    expect(r.stdout).toContain('  Tự chấm: 3,5 / 4 điểm\n    Thẩm định: điểm 3,5 → 2: Chưa niêm yết đủ bảng giá dịch vụ điện tại phòng giao dịch (Biên bản kiểm tra số 12/BB-BCĐ)\n');
    // 88.18 of its own, 86.68 settled (golden-samples.test.ts works both by hand).
    expect(r.stdout).toContain('Tổng điểm: 85,68 + 1 − 0 = 86,68\nĐiểm tự chấm: 88,18 (điểm thẩm định −1,5 so với tự chấm)\n');
    const json = JSON.parse(cchc(['explain', '--evidence', 'samples/2019-Q2', '--unit', 'DL-CAUKE', '--json']).stdout) as { selfScore: number; stage: string; criteria: { id: string; selfPoints: number; changes: unknown[] }[] };
    expect([json.stage, json.selfScore]).toEqual(['final', 88.18]);
    expect(json.criteria.find((c) => c.id === 'I.2')!.changes).toHaveLength(2);
    const plainRun = cchc(['explain', '--evidence', 'samples/2019-Q2', '--unit', 'DL-CAUKE', '--no-appraisal']);
    expect(plainRun.stdout).not.toContain('Tự chấm');
    expect(plainRun.stdout).toContain('Tổng điểm: 87,18 + 1 − 0 = 88,18\n');
  });

  it('diff compares the settled figures and shows the self score under the new rules', () => {
    const r = cchc(['diff', '--rules', 'rules', '--against', 'rules', '--evidence', 'samples/2019-Q2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain('Số liệu: sau thẩm định của Ban chỉ đạo');
    expect(r.stdout).toMatch(/DL-CAUKE {2}Điện lực Cầu Kè +86,68 +86,68 +0,00 +3 +3 +88,18 {2}=/);
  });

  it('an appraisal named but not there is wrong usage (exit 2)', () => {
    for (const cmd of [['score', '--out', join(tempDir(), 'o')], ['explain', '--unit', 'VP'], ['diff', '--against', 'rules']]) {
      const r = cchc([...cmd, '--evidence', 'samples/2019-Q2', '--appraisal', 'no/such.yaml']);
      expect([r.code, r.stderr], cmd[0]).toEqual([2, 'cchc: không tìm thấy tệp thẩm định: no/such.yaml\n']);
    }
  });
});

describe('round 2, every path (DL-CAUKE II.4: the unit proposes 3.5, round 1 sets 2; 88.18 with 3.5)', () => {
  const round1 = `quarter: 2019-Q2
units:
  DL-CAUKE:
    manual:
      II.4: { points: 2, note: "Chưa niêm yết đủ" }
    explanations:
      II.4: { text: "Đã niêm yết bổ sung", `;
  it.each([
    // accepted: the unit's 3.5 stands again → 88.18; with new points 3 → 88.18 − 0.5 = 87.68; rejected: 2 → 86.68.
    ['accepted, no points', 'decision: accepted, reason: "r" }', 3.5, 88.18, [[3.5, 2, 1], [2, 3.5, 2]]],
    ['accepted with points', 'decision: accepted, reason: "r", points: 3 }', 3, 87.68, [[3.5, 2, 1], [2, 3, 2]]],
    ['rejected', 'decision: rejected, reason: "r" }', 2, 86.68, [[3.5, 2, 1]]],
  ] as const)('%s', async (_name, decision, points, score, changes) => {
    const { results, diagnostics } = await appraise(`${round1}${decision}\n`);
    expect(diagnostics).toEqual([]);
    const c = criterionOf(results!, 'DL-CAUKE', 'II.4');
    expect([c.selfPoints, c.points]).toEqual([3.5, points]);
    expect(c.changes!.map((x) => [x.from, x.to, x.round])).toEqual(changes);
    expect(unitOf(results!, 'DL-CAUKE').score).toBe(score);
  });

  it('not applicable reverted on an accepted explanation: DL-CANGLONG 88.22 → 89.28 again', async () => {
    const { results, diagnostics } = await appraise(`quarter: 2019-Q2
units:
  DL-CANGLONG:
    not_applicable: [I.3]
    explanations:
      I.3: { text: "Có 1 hồ sơ trung áp trong quý", decision: accepted, reason: "Đúng" }
`);
    expect(diagnostics).toEqual([]);
    const c = criterionOf(results!, 'DL-CANGLONG', 'I.3');
    expect([c.status, c.points]).toEqual(['scored', 8]);
    expect(c.changes!.map((x) => [x.kind, x.from, x.to, x.round])).toEqual([['not_applicable', false, true, 1], ['not_applicable', true, false, 2]]);
    expect(unitOf(results!, 'DL-CANGLONG').score).toBe(89.28);
  });

  it('points the committee gives only in round 2, the unit having proposed none, count in both figures (found in review)', async () => {
    const dir = tempDir();
    cpSync('samples/2019-Q2', dir, { recursive: true });
    const file = join(dir, 'district-branches.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    manual:\n      II.4: { points: 3.5, note: "Đã bố trí ghế chờ; niêm yết đầy đủ" }\n', ''));
    const files = (await loadEvidenceFiles(dir, factTypesOf(rules))).files;
    const { results, diagnostics } = await appraise(`quarter: 2019-Q2
units:
  DL-CAUKE:
    explain: [II.4]
    explanations:
      II.4: { text: "x", decision: accepted, reason: "ok", points: 3 }
`, files);
    expect(diagnostics).toEqual([]);
    const c = criterionOf(results!, 'DL-CAUKE', 'II.4');
    // 88.18 with the unit's 3.5 → with 3: 87.68, in both figures, and no change of the unit's own.
    expect([c.status, c.selfPoints, c.points, c.changes]).toEqual(['manual', 3, 3, []]);
    expect([unitOf(results!, 'DL-CAUKE').selfScore, unitOf(results!, 'DL-CAUKE').score]).toEqual([87.68, 87.68]);
  });

  it('a rejection on a criterion whose fact another accepted explanation put back is refused (found in review)', async () => {
    // I.4 made to read lv_on_time_rate, as I.1 does: one fact, two criteria.
    const shared = structuredClone(rules);
    const branches = shared.blocs.find((b) => b.bloc === 'district-branches')!;
    const i4 = branches.sections[0]!.criteria.find((c) => c.id === 'I.4')!;
    (i4.score as { bands: { fact: string } }).bands.fact = 'lv_on_time_rate';
    const text = `quarter: 2019-Q2
units:
  DL-CAUKE:
    facts:
      lv_on_time_rate: { value: 95, reason: "r" }
    explanations:
      I.1: { text: "a", decision: accepted, reason: "ok" }
      I.4: { text: "b", decision: rejected, reason: "no" }
`;
    const { source } = parseYaml('appraisal.yaml', text);
    const evidence = validateEvidence(shared, samples.files, { path: 'samples/2019-Q2', missing: 'error' }).evidence!;
    const checked = validateAppraisal(shared, evidence, source, 'sha256:0');
    expect(checked.appraised).toBeUndefined();
    expect(checked.diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.params.problem}`)).toEqual([`${positionOf(text, 'rejected')} APPRAISAL_DECISION conflict`]);
  });

  it('changes follow the scorecard\'s order, whatever the order the file gives them in (found in review)', async () => {
    const a = await appraise('quarter: 2019-Q2\nunits:\n  DL-CAUKE:\n    facts:\n      mv_energizing_days: { value: 7, reason: "r" }\n      mv_agreement_days: { value: 5, reason: "r" }\n');
    const b = await appraise('quarter: 2019-Q2\nunits:\n  DL-CAUKE:\n    facts:\n      mv_agreement_days: { value: 5, reason: "r" }\n      mv_energizing_days: { value: 7, reason: "r" }\n');
    expect(criterionOf(a.results!, 'DL-CAUKE', 'I.3').changes!.map((c) => c.id)).toEqual(['mv_agreement_days', 'mv_energizing_days']);
    expect(JSON.stringify(a.results)).toBe(JSON.stringify(b.results));
  });
});

describe('appraisal files read together (found in review)', () => {
  it('a YAML file of another quarter is refused at its own quarter; settled given twice too', () => {
    const dir = tempDir();
    const q1 = join(dir, 'q1.yaml');
    const q2 = join(dir, 'q2.yaml');
    writeFileSync(q1, 'quarter: 2019-Q1\nsettled: true\nunits:\n  DL-CAUKE:\n    facts:\n      lv_connection_days: { value: 4.2, reason: "r" }\n');
    writeFileSync(q2, 'quarter: 2019-Q2\nsettled: true\nunits: {}\n');
    const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--appraisal', q1, '--appraisal', q2, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${q1}:1:10 lỗi APPRAISAL_QUARTER`);
    expect(r.stderr).toContain(`${q2}:2:1 lỗi APPRAISAL_TWICE "settled" đã có tại ${q1}:2:1`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('explanation forms named without an appraisal are an error, not left out', () => {
    const dir = tempDir();
    const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--no-appraisal', '--explanations', dir, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${dir}:1:1 lỗi APPRAISAL_NONE`);
  });
});
