// Golden figures for the shipped sample quarter (samples/2019-Q1), worked out BY HAND from
// docs/scorecard-language.md sections 5 and 6, rules/*.yaml and the evidence files — not
// copied from the program's output. If one of these fails, the program and the hand
// computation disagree: re-check the arithmetic in the comment before touching the number.
//
// Conventions used in the comments: "→ p of m" = p points of max m; bands take the first
// step that matches; linear = max × clamp((x − zeroAt)/(fullAt − zeroAt), 0, 1); deduct =
// max − points × floor(x/per), not below floor; count = points × floor(x/per), capped at max;
// every criterion is rounded half-up to 2 decimals, sums add rounded parts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../src/model/results.js';
import { cchc, ROOT } from './helpers/cli.js';

type Unit = Results['blocs'][number]['units'][number];

let out = '';
let results: Results;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'cchc-golden-'));
  const r = cchc(['score', '--evidence', 'samples/2019-Q1', '--out', join(out, '2019-Q1')]);
  if (r.code !== 0) throw new Error(`cchc score exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  results = JSON.parse(readFileSync(join(out, '2019-Q1', 'results.json'), 'utf8')) as Results;
});

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

function unit(bloc: string, id: string): Unit {
  const b = results.blocs.find((x) => x.id === bloc);
  expect(b, `bloc ${bloc}`).toBeDefined();
  const u = b!.units.find((x) => x.id === id);
  expect(u, `unit ${id}`).toBeDefined();
  return u!;
}

/** Points are 2-decimal figures; allow only binary floating-point noise, nothing a cent wide. */
function near(actual: number | undefined, expected: number, what: string) {
  expect(actual, what).toBeTypeOf('number');
  expect(Math.abs(actual! - expected), `${what}: got ${actual}, hand figure ${expected}`).toBeLessThan(1e-9);
}

type Expected = Record<string, [points: number, status: Unit['criteria'][number]['status']]>;

function checkCriteria(u: Unit, expected: Expected) {
  expect(u.criteria.map((c) => c.id).sort(), `${u.id} criteria ids`).toEqual(Object.keys(expected).sort());
  for (const [id, [points, status]] of Object.entries(expected)) {
    const c = u.criteria.find((x) => x.id === id)!;
    expect(c.status, `${u.id} ${id} status`).toBe(status);
    near(c.points, points, `${u.id} ${id} points`);
  }
}

function checkSections(u: Unit, expected: Record<string, [points: number, max: number]>) {
  expect(u.sections.map((s) => s.id), `${u.id} section ids`).toEqual(Object.keys(expected));
  for (const [id, [points, max]] of Object.entries(expected)) {
    const s = u.sections.find((x) => x.id === id)!;
    near(s.points, points, `${u.id} section ${id} points`);
    near(s.max, max, `${u.id} section ${id} max`);
  }
}

describe('golden figures, samples/2019-Q1, worked by hand', () => {
  it('runs on the sample quarter', () => {
    expect(results.quarter).toBe('2019-Q1');
    expect(results.scheme).toBe('pctv-cchc');
  });

  // ---------------------------------------------------------------------------------------
  // 1. DL-CAUKE (district-branches), I.3 not applicable.
  // ---------------------------------------------------------------------------------------
  describe('DL-CAUKE (district-branches, I.3 not applicable)', () => {
    it('criteria', () => {
      checkCriteria(unit('district-branches', 'DL-CAUKE'), {
        // I.1: lv_on_time_rate 100 ≥ 100 → 10 of 10
        'I.1': [10, 'scored'],
        // I.2: lv_connection_days 3.8: not ≤ 3, ≤ 4 → 4 of 5
        'I.2': [4, 'scored'],
        // I.3: listed under not_applicable (allowNotApplicable: true) → 0, left out of points and max
        'I.3': [0, 'not_applicable'],
        // I.4: contract_service_on_time_rate 98: not ≥ 100, ≥ 98 (on the threshold) → 6 of 8
        'I.4': [6, 'scored'],
        // I.5: multi_visit_dossiers 1: not = 0, ≤ 1 → 5 of 7
        'I.5': [5, 'scored'],
        // I.6 (first): 96 ≥ 100 fails; 96 ≥ 95 and repeated 1 ≤ 1 → 5 of 7
        'I.6': [5, 'scored'],
        // II.1: linear 6 × (95 − 90)/(100 − 90) = 6 × 0.5 = 3 of 6
        'II.1': [3, 'scored'],
        // II.2: online_request_rate 74.2: < 95, < 85, < 77, ≥ 60 → 1 of 5
        'II.2': [1, 'scored'],
        // II.3: posted 2 + hotline 1 + channels 1 + media (false) 0 + guidance 1 = 5 of 7
        'II.3': [5, 'scored'],
        // II.4: manual 3 of 4
        'II.4': [3, 'manual'],
        // III.1: linear 10 × (8.3 − 7)/(9 − 7) = 10 × 0.65 = 6.5 of 10
        'III.1': [6.5, 'scored'],
        // III.2: deduct 10 − 2 × 1 = 8 of 10
        'III.2': [8, 'scored'],
        // III.3: cmis_updated_on_time true → 3 of 3
        'III.3': [3, 'scored'],
        // IV.1: cchc_plan_completion_rate 90: < 100, ≥ 90 → 3 of 5
        'IV.1': [3, 'scored'],
        // IV.2: deduct 5 − 2 × 0 = 5 of 5
        'IV.2': [5, 'scored'],
        // T.1 (bonus): internal_saving_above_plan −1.2: not ≥ 10, not ≥ 5, not > 0 → otherwise 0 of 2
        'T.1': [0, 'scored'],
        // TR.1 (penalty): count 2 × 0 justified complaints = 0 of 6
        'TR.1': [0, 'scored'],
        // TR.2 (penalty): count 1 × 0 inspection violations = 0 of 5
        'TR.2': [0, 'scored'],
      });
    });

    it('sections', () => {
      checkSections(unit('district-branches', 'DL-CAUKE'), {
        // I: 10 + 4 + 6 + 5 + 5 = 30; max 10 + 5 + 8 + 7 + 7 = 37 (45 less I.3's 8)
        I: [30, 37],
        // II: 3 + 1 + 5 + 3 = 12 of 6 + 5 + 7 + 4 = 22
        II: [12, 22],
        // III: 6.5 + 8 + 3 = 17.5 of 10 + 10 + 3 = 23
        III: [17.5, 23],
        // IV: 3 + 5 = 8 of 5 + 5 = 10
        IV: [8, 10],
      });
    });

    it('base, bonus, penalty, score, grade, rank', () => {
      const u = unit('district-branches', 'DL-CAUKE');
      // base: achieved 30 + 12 + 17.5 + 8 = 67.5; applicable max 37 + 22 + 23 + 10 = 92;
      // 67.5 / 92 × 100 = 73.3695652… → 73.37
      near(u.base, 73.37, 'DL-CAUKE base');
      // bonus: T.1 = 0
      near(u.bonus, 0, 'DL-CAUKE bonus');
      // penalty: TR.1 0 + TR.2 0 = 0
      near(u.penalty, 0, 'DL-CAUKE penalty');
      // score: 73.37 + 0 − 0 = 73.37
      near(u.score, 73.37, 'DL-CAUKE score');
      // grade: 73.37 < 80, ≥ 70 → Khá
      expect(u.grade).toBe('Khá');
      // rank: the hand-worked bloc scores (see the branches test below) are
      // TPTV 99.52, TIEUCAN 86.3, CANGLONG 81, CHAUTHANH 81, DUYENHAI 75.1, CAUKE 73.37,
      // CAUNGANG 53.7, TRACU 33.3 → CAUKE is 6th (the tie at 81 shares rank 3, rank 4 skipped).
      expect(u.rank).toBe(6);
    });
  });

  // ---------------------------------------------------------------------------------------
  // All 8 district branches, worked by hand (needed for VP's bonus T.1 and for the ranks).
  // Section maxima: I 45, II 22, III 23, IV 10.
  // ---------------------------------------------------------------------------------------
  describe('district branches, final scores (hand-worked, feed VP T.1)', () => {
    // [score, rank]
    const branches: Record<string, [number, number]> = {
      // DL-TPTV: I: I.1 100→10, I.2 2.6≤3→5, I.3 3≤4 (4) + 5≤6 (4)=8, I.4 100→8, I.5 0→7, I.6 100&0→7 = 45
      //   II: II.1 6×(99.2−90)/10=5.52, II.2 93.4≥85→4, II.3 all→7, II.4 manual 4 = 20.52
      //   III: III.1 10×(8.9−7)/2=9.5, III.2 10−0=10, III.3 3 = 22.5;  IV: 100→5, 5−0=5 = 10
      //   base 45+20.52+22.5+10 = 98.02; T.1 8.2 ≥5 → 1.5; penalty 0 → 99.52
      'DL-TPTV': [99.52, 1],
      // DL-CANGLONG: I: 98.5≥98→8, 3.4≤4→4, 4≤4 (4)+6≤6 (4)=8, 98.7≥98→6, 1→5, 100&0→7 = 38
      //   II: 6×(97.5−90)/10=4.5, 82.3≥77→3, 2+1+1+0+1=5, manual 3 = 15.5
      //   III: 10×(8.5−7)/2=7.5, 10−2×1=8, 3 = 18.5;  IV: 100→5, 5−2×1=3 = 8
      //   base 38+15.5+18.5+8 = 80; T.1 3.1 >0 → 1; penalty 0 → 81
      'DL-CANGLONG': [81, 3],
      // DL-CHAUTHANH: the same evidence as DL-CANGLONG → 81. Tie with CANGLONG: tiebreak I 38 = 38,
      //   III 18.5 = 18.5 → both rank 3.
      'DL-CHAUTHANH': [81, 3],
      // DL-CAUKE: 73.37 (above)
      'DL-CAUKE': [73.37, 6],
      // DL-TIEUCAN: I: 100→10, 3.1≤4→4, 4≤4 (4)+5≤6 (4)=8, 100→8, 0→7, 100&0→7 = 44
      //   II: 6×(98−90)/10=4.8, 88.6≥85→4, all→7, manual 3.5 = 19.3
      //   III: 10×(8.2−7)/2=6, 10−2×2=6, 3 = 15;  IV: 90→3, 5−2×1=3 = 6
      //   base 44+19.3+15+6 = 84.3; T.1 11.4 ≥10 → 2; penalty 0 → 86.3
      'DL-TIEUCAN': [86.3, 2],
      // DL-CAUNGANG: I: 95.2≥95→6, 4.6≤5→2, 4≤4 (4)+7>6 (0)=4, 98→6, 3≤3→2, 92&2: third rule 92≥90→3 = 23
      //   II: 6×(97−90)/10=4.2, 66.5≥60→1, 2+1+0+0+1=4, manual 2 = 11.2
      //   III: 10×(8.1−7)/2=5.5, 10−2×3=4, 3 = 12.5;  IV: 100→5, 5−2×1=3 = 8
      //   base 23+11.2+12.5+8 = 54.7; T.1 0.6 >0 → 1; TR.1 2×1=2, TR.2 0 → 54.7+1−2 = 53.7
      'DL-CAUNGANG': [53.7, 7],
      // DL-TRACU: I: 90.5≥90→3, 5≤5→2, 5>4 (0)+6≤6 (4)=4, 95≥95→4, 3≤3→2, 90&2: third 90≥90→3 = 18
      //   II: 6×(93−90)/10=1.8, 61.8≥60→1, 2+1+0+0+0=3, manual 1.5 = 7.3
      //   III: 10×(7.8−7)/2=4, 10−2×3=4, false→0 = 8;  IV: 90→3, 5−2×2=1 = 4
      //   base 18+7.3+8+4 = 37.3; T.1 −2.5 → 0; TR.1 2×1=2, TR.2 1×2=2 → 37.3−4 = 33.3
      'DL-TRACU': [33.3, 8],
      // DL-DUYENHAI: I: 98.2≥98→8, 4≤4→4, 5>4 (0)+6≤6 (4)=4, 98.2≥98→6, 1→5, 95.5&1: second→5 = 32
      //   II: 6×(96−90)/10=3.6, 78.1≥77→3, 2+1+1+0+1=5, manual 2.5 = 14.1
      //   III: 10×(8.4−7)/2=7, 10−2×1=8, 3 = 18;  IV: 100→5, 5−0=5 = 10
      //   base 32+14.1+18+10 = 74.1; T.1 0.8 >0 → 1; penalty 0 → 75.1
      'DL-DUYENHAI': [75.1, 5],
    };

    for (const [id, [score, rank]] of Object.entries(branches)) {
      it(`${id}: score ${score}, rank ${rank}`, () => {
        const u = unit('district-branches', id);
        near(u.score, score, `${id} score`);
        expect(u.rank, `${id} rank`).toBe(rank);
      });
    }
  });

  // ---------------------------------------------------------------------------------------
  // 2. VP (direct-departments), bonus T.1 from the branches' mean score.
  // ---------------------------------------------------------------------------------------
  describe('VP (direct-departments, T.1 from the branches mean)', () => {
    it('criteria', () => {
      checkCriteria(unit('direct-departments', 'VP'), {
        // I.1: plan_task_on_time_rate 95: < 100, ≥ 95 (on the threshold) → 17 of 20
        'I.1': [17, 'scored'],
        // I.2: deduct 8 − 2 × 1 late report = 6 of 8
        'I.2': [6, 'scored'],
        // I.3: manual 5.5 of 7
        'I.3': [5.5, 'manual'],
        // I.4: branch_support_done true → 5 of 5
        'I.4': [5, 'scored'],
        // II.1: own_plan_issued 3 + own_plan_reviewed 2 = 5 of 5
        'II.1': [5, 'scored'],
        // II.2: count 2 × 1 simplified procedure = 2 of 6
        'II.2': [2, 'scored'],
        // II.3: eoffice_on_time_rate 98.5 ≥ 98 → 10 of 10
        'II.3': [10, 'scored'],
        // II.4: linear 9 × (80 − 60)/(100 − 60) = 9 × 0.5 = 4.5 of 9
        'II.4': [4.5, 'scored'],
        // III.1: deduct 15 − 3 × 1 violation = 12 of 15
        'III.1': [12, 'scored'],
        // III.2: uniform 4 + badge 3 + hours 3 = 10 of 10
        'III.2': [10, 'scored'],
        // III.3: conduct_complaint_free true → 5 of 5
        'III.3': [5, 'scored'],
        // T.1 (bonus): branches_mean_score = mean of the 8 branch scores
        //   (99.52 + 81 + 81 + 73.37 + 86.3 + 53.7 + 33.3 + 75.1) / 8 = 583.29 / 8 = 72.91125 → 72.91;
        //   linear 5 × (72.91 − 50)/(100 − 50) = 5 × 22.91/50 = 2.291 → 2.29 of 5
        //   (unrounded mean would give 5 × 22.91125/50 = 2.291125 → 2.29 as well)
        'T.1': [2.29, 'scored'],
        // T.2 (bonus): count 1 × 0 recognised initiatives = 0 of 2
        'T.2': [0, 'scored'],
        // TR.1 (penalty): count 1 × 0 written reminders = 0 of 3
        'TR.1': [0, 'scored'],
      });
    });

    it('T.1 reads the branches mean, rounded to 2 decimals: 72.91', () => {
      const t1 = unit('direct-departments', 'VP').criteria.find((c) => c.id === 'T.1')!;
      // 583.29 / 8 = 72.91125 → rounded half-up to 2 decimals → 72.91
      near(t1.facts.branches_mean_score?.value as number, 72.91, 'VP T.1 branches_mean_score');
    });

    it('sections', () => {
      checkSections(unit('direct-departments', 'VP'), {
        // I: 17 + 6 + 5.5 + 5 = 33.5 of 20 + 8 + 7 + 5 = 40
        I: [33.5, 40],
        // II: 5 + 2 + 10 + 4.5 = 21.5 of 5 + 6 + 10 + 9 = 30
        II: [21.5, 30],
        // III: 12 + 10 + 5 = 27 of 15 + 10 + 5 = 30
        III: [27, 30],
      });
    });

    it('base, bonus, penalty, score, grade, rank', () => {
      const u = unit('direct-departments', 'VP');
      // base: 33.5 + 21.5 + 27 = 82 (nothing not applicable: 82 / 100 × 100 = 82)
      near(u.base, 82, 'VP base');
      // bonus: T.1 2.29 + T.2 0 = 2.29
      near(u.bonus, 2.29, 'VP bonus');
      // penalty: TR.1 0
      near(u.penalty, 0, 'VP penalty');
      // score: 82 + 2.29 − 0 = 84.29
      near(u.score, 84.29, 'VP score');
      // grade: 84.29 < 90, ≥ 80 → Tốt
      expect(u.grade).toBe('Tốt');
      // rank: the other departments, also worked by hand with the same T.1 = 2.29:
      //   KD 93.63 + 2.29 + T.2 1 = 96.92; CNTT 92.8 + 2.29 = 95.09; TCNS (same evidence as VP) 84.29;
      //   KT 77.2 + 2.29 = 79.49; TCKT 69.38 + 2.29 = 71.67; TTBVPC 49.75 + 2.29 − 1 = 51.04.
      //   VP and TCNS tie at 84.29 with equal tiebreak sections I (33.5) and III (27) → both 3rd.
      expect(u.rank).toBe(3);
      // The program's scores of the other units in the bloc are cross-checked here too.
      const others: Record<string, [number, number]> = {
        KD: [96.92, 1],
        CNTT: [95.09, 2],
        TCNS: [84.29, 3],
        KT: [79.49, 5],
        // TCKT II.4 = 9 × (75 − 60)/40 = 3.375 → half-up 3.38 (base 30 + 16.38 + 23 = 69.38)
        TCKT: [71.67, 6],
        TTBVPC: [51.04, 7],
      };
      for (const [id, [score, rank]] of Object.entries(others)) {
        const o = unit('direct-departments', id);
        near(o.score, score, `${id} score`);
        expect(o.rank, `${id} rank`).toBe(rank);
      }
    });
  });

  // ---------------------------------------------------------------------------------------
  // 3. QLVH-CT (high-voltage-team, a bloc of one unit).
  // ---------------------------------------------------------------------------------------
  describe('QLVH-CT (high-voltage-team)', () => {
    it('criteria', () => {
      checkCriteria(unit('high-voltage-team', 'QLVH-CT'), {
        // I.1: plan_task_on_time_rate 95: < 100, ≥ 95 → 10 of 12
        'I.1': [10, 'scored'],
        // I.2: deduct 6 − 2 × 0 = 6 of 6
        'I.2': [6, 'scored'],
        // I.3: linear 7 × (78 − 50)/(100 − 50) = 7 × 0.56 = 3.92 of 7
        'I.3': [3.92, 'scored'],
        // II.1: outage_notice_on_time_rate 98: < 100, ≥ 98 (on the threshold) → 9 of 12
        'II.1': [9, 'scored'],
        // II.2: deduct 10 − 2 × 1 late incident report = 8 of 10
        'II.2': [8, 'scored'],
        // II.3: linear 10 × (96 − 80)/(100 − 80) = 10 × 0.8 = 8 of 10
        'II.3': [8, 'scored'],
        // II.4: manual 6.5 of 8
        'II.4': [6.5, 'manual'],
        // II.5 (first): late_restoration 1 = 0 fails; 1 ≤ 1 and complaints 0 = 0 → 3 of 5
        'II.5': [3, 'scored'],
        // III.1: deduct 12 − 3 × 0 = 12 of 12
        'III.1': [12, 'scored'],
        // III.2: uniform 4 + badge 3 + hours 3 = 10 of 10
        'III.2': [10, 'scored'],
        // III.3: safety_no_violation true → 8 of 8
        'III.3': [8, 'scored'],
        // T.1 (bonus): count 1 × 0 initiatives = 0 of 2
        'T.1': [0, 'scored'],
        // TR.1 (penalty): count 2 × 0 complaints = 0 of 4
        'TR.1': [0, 'scored'],
      });
    });

    it('sections', () => {
      checkSections(unit('high-voltage-team', 'QLVH-CT'), {
        // I: 10 + 6 + 3.92 = 19.92 of 12 + 6 + 7 = 25
        I: [19.92, 25],
        // II: 9 + 8 + 8 + 6.5 + 3 = 34.5 of 12 + 10 + 10 + 8 + 5 = 45
        II: [34.5, 45],
        // III: 12 + 10 + 8 = 30 of 12 + 10 + 8 = 30
        III: [30, 30],
      });
    });

    it('base, bonus, penalty, score, grade, rank', () => {
      const u = unit('high-voltage-team', 'QLVH-CT');
      // base: 19.92 + 34.5 + 30 = 84.42
      near(u.base, 84.42, 'QLVH-CT base');
      // bonus: T.1 0
      near(u.bonus, 0, 'QLVH-CT bonus');
      // penalty: TR.1 0
      near(u.penalty, 0, 'QLVH-CT penalty');
      // score: 84.42 + 0 − 0 = 84.42
      near(u.score, 84.42, 'QLVH-CT score');
      // grade: 84.42 < 90, ≥ 80 → Tốt
      expect(u.grade).toBe('Tốt');
      // rank: the only unit of its bloc → 1
      expect(u.rank).toBe(1);
    });
  });
});

describe('the sample results equal the committed golden files', () => {
  // The files were written by the program once; the hand-worked figures above are what vouch
  // for them. A change to any score shows here as a diff to review, never silently.
  it.each(['2019-Q1', '2019-Q2'])('%s', (quarter) => {
    if (quarter !== '2019-Q1') expect(cchc(['score', '--evidence', `samples/${quarter}`, '--out', join(out, quarter)]).code).toBe(0);
    expect(readFileSync(join(out, quarter, 'results.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'test', 'golden', quarter, 'results.json'), 'utf8'));
  });
});

describe('2019-Q2 with the sample appraisal (samples/appraisal/2019-Q2.yaml), worked by hand', () => {
  // Self figures are the 2019-Q2 evidence as the units sent it (no appraisal): those scores are
  // the selfScore. The appraisal changes three things; the hand arithmetic is in each case.
  let q2: Results;
  beforeAll(() => {
    const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--out', join(out, 'appraised-2019-Q2')]);
    if (r.code !== 0) throw new Error(`cchc score exited ${r.code}\n${r.stderr}`);
    q2 = JSON.parse(readFileSync(join(out, 'appraised-2019-Q2', 'results.json'), 'utf8')) as Results;
  });
  const of = (bloc: string, id: string) => q2.blocs.find((b) => b.id === bloc)!.units.find((u) => u.id === id)!;

  it('is final: both explanations decided, settled: true', () => {
    expect(q2.stage).toBe('final');
  });

  it('DL-CAUKE: I.2 corrected then accepted with a new figure, II.4 lowered', () => {
    const u = of('district-branches', 'DL-CAUKE');
    const i2 = u.criteria.find((c) => c.id === 'I.2')!;
    // Self: lv_connection_days 3.5 ≤ 4 → 4 of 5. Round 1: 4.2 (≤ 5 → 2). Round 2 accepted, 3.8 ≤ 4 → 4.
    near(i2.selfPoints, 4, 'I.2 self');
    near(i2.points, 4, 'I.2 settled');
    expect(i2.changes!.map((c) => [c.kind, c.id, c.from, c.to, c.round])).toEqual([
      ['fact', 'lv_connection_days', 3.5, 4.2, 1],
      ['fact', 'lv_connection_days', 4.2, 3.8, 2],
    ]);
    expect(i2.explanation).toMatchObject({ requested: false, decision: 'accepted' });
    const ii4 = u.criteria.find((c) => c.id === 'II.4')!;
    // Manual: the unit's proposal 3.5, the committee's 2.
    near(ii4.selfPoints, 3.5, 'II.4 self');
    near(ii4.points, 2, 'II.4 settled');
    // Every other criterion is untouched: no changes, self points = points.
    for (const c of u.criteria.filter((x) => x.id !== 'I.2' && x.id !== 'II.4')) {
      expect(c.changes, c.id).toEqual([]);
      near(c.selfPoints, c.points, `${c.id} self`);
    }
    // Self score 88.18 (its 2019-Q2 score without the appraisal); settled 88.18 − 1.5 = 86.68.
    near(u.selfScore, 88.18, 'DL-CAUKE self');
    near(u.score, 86.68, 'DL-CAUKE settled');
  });

  it('DL-TPTV: III.2 corrected, the explanation rejected', () => {
    const u = of('district-branches', 'DL-TPTV');
    const c = u.criteria.find((x) => x.id === 'III.2')!;
    // deduct 2 per overdue request from 10: self 1 → 8; appraised 2 → 6; rejected: 6 stands.
    near(c.selfPoints, 8, 'III.2 self');
    near(c.points, 6, 'III.2 settled');
    expect(c.explanation).toMatchObject({ requested: true, decision: 'rejected' });
    // 98.66 − 2 = 96.66
    near(u.selfScore, 98.66, 'DL-TPTV self');
    near(u.score, 96.66, 'DL-TPTV settled');
  });

  it('the direct departments\' bonus reads the appraised branch scores', () => {
    // Branch scores self: 98.66 + 89.28 + 88.18 + 78.3 + 72.2 + 63.4 + 59.5 + 57.72 = 607.24,
    // mean 75.905 → 75.91, T.1 = 5 × 25.91 / 50 = 2.591 → 2.59.
    // Appraised: 607.24 − 2 − 1.5 = 603.74, mean 75.4675 → 75.47, T.1 = 5 × 25.47 / 50 = 2.547 → 2.55.
    const vp = of('direct-departments', 'VP');
    near(vp.criteria.find((c) => c.id === 'T.1')!.selfPoints, 2.59, 'VP T.1 self');
    near(vp.criteria.find((c) => c.id === 'T.1')!.points, 2.55, 'VP T.1 settled');
    // VP: base 94.8 + T.1 + T.2 1 → self 98.39, settled 98.35; no change of its own is listed.
    near(vp.selfScore, 98.39, 'VP self');
    near(vp.score, 98.35, 'VP settled');
    expect(vp.criteria.every((c) => c.changes!.length === 0)).toBe(true);
  });
});
