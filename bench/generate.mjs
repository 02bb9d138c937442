// A synthetic scheme for the benchmark: four blocs with every scoring method (50 criteria and
// 30 facts each, a bonus read from another bloc's results, penalties), and evidence for N units,
// the same for the same N (a seeded generator). Written as YAML files, as a committee would.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BLOCS = ['departments', 'support', 'grid-team', 'branches'];
const CRITERIA = 50;
const NUMBERS = 12;
const INTEGERS = 8;
const BOOLEANS = 10;

/** A small deterministic generator (mulberry32), so every run scores the same evidence. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Facts handed out in turn, per type, so every declared fact is read by some criterion. */
function turns() {
  const at = { n: 0, k: 0, b: 0 };
  const size = { n: NUMBERS, k: INTEGERS, b: BOOLEANS };
  const next = (t) => `${t}${at[t]++ % size[t]}`;
  return { num: () => next('n'), int: () => next('k'), bool: () => next('b') };
}

/** The score of criterion i, cycling through every method; each criterion has max 2, 50 × 2 = 100. */
function method(i, { num, int, bool }) {
  switch (i % 9) {
    case 0: return `{ bands: { fact: ${num()}, steps: [ { atLeast: 90, points: 2 }, { atLeast: 70, points: 1 }, { otherwise: 0 } ] } }`;
    case 1: return `{ linear: { fact: ${num()}, zeroAt: 0, fullAt: 100 } }`;
    case 2: return `{ deduct: { fact: ${int()}, points: 0.5 } }`;
    case 3: return `{ count: { fact: ${int()}, points: 0.5 } }`;
    case 4: return `{ check: { fact: ${bool()} } }`;
    case 5: return `{ checklist: { items: [ { fact: ${bool()}, points: 1 }, { fact: ${bool()}, points: 1 } ] } }`;
    case 6: return `{ rules: { mode: first, list: [ { points: 2, when: { all: [ { fact: ${num()}, operator: greaterThanInclusive, value: 80 }, { fact: ${bool()}, operator: equal, value: true } ] } }, { points: 1, when: { any: [ { fact: ${num()}, operator: greaterThanInclusive, value: 50 } ] } } ] } }`;
    case 7: return `{ rules: { mode: sum, list: [ { points: 1, when: { fact: ${int()}, operator: lessThanInclusive, value: 2 } }, { points: 1, when: { not: { fact: ${bool()}, operator: equal, value: false } } } ] } }`;
    default: return '{ manual: {} }';
  }
}

function blocYaml(id, index) {
  const lines = [`bloc: ${id}`, `name: "Khối thử nghiệm ${index + 1} (${id})"`, 'total: 100', 'facts:'];
  for (let i = 0; i < NUMBERS; i++) lines.push(`  n${i}: { label: "Chỉ số tỷ lệ ${i}", type: number, min: 0, max: 100, unit: "%" }`);
  for (let i = 0; i < INTEGERS; i++) lines.push(`  k${i}: { label: "Số vụ việc ${i}", type: integer, min: 0, unit: vụ }`);
  for (let i = 0; i < BOOLEANS; i++) lines.push(`  b${i}: { label: "Có thực hiện việc ${i}", type: boolean }`);
  lines.push('  violations: { label: "Số vi phạm", type: integer, min: 0, unit: lần }');
  // The first bloc's bonus reads the last bloc's mean score, as the direct departments read the branches'.
  if (index === 0) lines.push(`  peers_mean: { label: "Điểm bình quân khối ${BLOCS.at(-1)}", type: number, from: { bloc: ${BLOCS.at(-1)}, aggregate: mean, of: score } }`);
  else lines.push('  initiatives: { label: "Số sáng kiến", type: integer, min: 0, unit: sáng kiến }');
  lines.push('sections:');
  const facts = turns();
  for (let s = 0; s < 4; s++) {
    lines.push(`  - id: "${['I', 'II', 'III', 'IV'][s]}"`, `    name: "Phần ${s + 1}"`, '    criteria:');
    for (let i = s * (CRITERIA / 4 | 0) + Math.min(s, CRITERIA % 4); i < (s + 1) * (CRITERIA / 4 | 0) + Math.min(s + 1, CRITERIA % 4); i++) {
      lines.push(`      - { id: "C${i + 1}", name: "Tiêu chí ${i + 1}", max: 2, score: ${method(i, facts)} }`);
    }
  }
  const bonus = index === 0 ? '{ linear: { fact: peers_mean, zeroAt: 50, fullAt: 100 } }' : '{ count: { fact: initiatives, points: 1 } }';
  lines.push('bonus:', `  - { id: T1, name: "Điểm cộng", max: 5, score: ${bonus} }`);
  lines.push('penalty:', '  - { id: TR1, name: "Điểm trừ", max: 5, score: { count: { fact: violations, points: 1 } } }');
  lines.push('tiebreak: [I]');
  return `${lines.join('\n')}\n`;
}

/** Writes `<dir>/rules` and `<dir>/evidence` for `units` units spread over the four blocs; returns the paths. */
export function generate(dir, units) {
  const rules = join(dir, 'rules');
  const evidence = join(dir, 'evidence');
  mkdirSync(rules, { recursive: true });
  mkdirSync(evidence, { recursive: true });
  writeFileSync(
    join(rules, 'scheme.yaml'),
    `scheme: bench\norganization: "CÔNG TY ĐIỆN LỰC THỬ NGHIỆM"\ncommittee: "BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH"\nplace: "Trà Vinh"\nversion: "bench"\nprecision: 2\ngrades:\n  - { min: 90, label: "Xuất sắc" }\n  - { min: 80, label: "Tốt" }\n  - { min: 70, label: "Khá" }\n  - { min: 50, label: "Trung bình" }\n  - { label: "Yếu" }\nblocs: [${BLOCS.join(', ')}]\n`,
  );
  BLOCS.forEach((id, i) => writeFileSync(join(rules, `${id}.yaml`), blocYaml(id, i)));
  const rand = random(20190405 + units);
  const unitLines = ['units:'];
  const byBloc = new Map(BLOCS.map((b) => [b, []]));
  for (let u = 0; u < units; u++) {
    const bloc = BLOCS[u % BLOCS.length];
    const id = `U${String(u + 1).padStart(5, '0')}`;
    unitLines.push(`  - { id: ${id}, name: "Đơn vị thử nghiệm ${u + 1}", bloc: ${bloc} }`);
    const facts = [];
    for (let i = 0; i < NUMBERS; i++) facts.push(`      n${i}: { value: ${Math.round(rand() * 1000) / 10}, source: "Báo cáo số ${u + 1}/BC" }`);
    for (let i = 0; i < INTEGERS; i++) facts.push(`      k${i}: ${Math.floor(rand() * 5)}`);
    for (let i = 0; i < BOOLEANS; i++) facts.push(`      b${i}: ${rand() < 0.8}`);
    facts.push(`      violations: ${Math.floor(rand() * 3)}`);
    if (bloc !== BLOCS[0]) facts.push(`      initiatives: ${Math.floor(rand() * 3)}`);
    const manual = [];
    for (let i = 8; i < CRITERIA; i += 9) manual.push(`      C${i + 1}: { points: ${Math.round(rand() * 4) / 2}, note: "Ban chỉ đạo đánh giá" }`);
    byBloc.get(bloc).push(`  ${id}:\n    facts:\n${facts.join('\n')}\n    manual:\n${manual.join('\n')}`);
  }
  writeFileSync(join(rules, 'units.yaml'), `${unitLines.join('\n')}\n`);
  for (const [bloc, entries] of byBloc) {
    writeFileSync(join(evidence, `${bloc}.yaml`), `quarter: 2019-Q1\nunits:\n${entries.join('\n')}\n`);
  }
  return { rules, evidence };
}
