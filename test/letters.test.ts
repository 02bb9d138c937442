/**
 * The letters to the units and the quarterly report, read back as text from the .docx files the
 * CLI writes for the shipped samples. The figures expected are worked out by hand in the
 * comments, from the criteria's points in the golden results (test/golden/2019-Q*), whose own
 * figures are checked by hand in golden-samples.test.ts.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cchc, positionOf } from './helpers/cli.js';
import { readDocument, type DocumentText } from './helpers/docx.js';
import { tempDirs } from './helpers/temp.js';
import { readZip } from './helpers/zip.js';

const tempDir = tempDirs('letters');
let out: string;

/** Rows of the table whose header row begins with `first` and holds `marker`. */
function tableWith(doc: DocumentText, marker: string): string[][] {
  const found = doc.tables.find((t) => t[0]!.some((c) => c.includes(marker)));
  if (!found) throw new Error(`no table with ${marker}`);
  return found.slice(1);
}

/** The paragraphs after the heading that starts with `heading` (the first after `within`'s), up to the next numbered heading. */
function sectionAfter(doc: DocumentText, heading: string, within?: string): string[] {
  const from = within === undefined ? 0 : doc.paragraphs.indexOf(within);
  if (from < 0) throw new Error(`no heading ${within}`);
  const start = doc.paragraphs.findIndex((p, i) => i > from && p.startsWith(heading));
  if (start < 0) throw new Error(`no heading ${heading}`);
  const rest = doc.paragraphs.slice(start + 1);
  const end = rest.findIndex((p) => /^\d+\. /.test(p));
  return end < 0 ? rest : rest.slice(0, end);
}

beforeAll(() => {
  out = join(tempDir(), 'out');
  expect(cchc(['score', '--evidence', 'samples/2019-Q1', '--out', join(out, '2019-Q1')]).code).toBe(0);
  const r = cchc(['score', '--evidence', 'samples/2019-Q2', '--out', join(out, '2019-Q2'), '--deadline', '2019-07-20']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 60_000);

describe('cchc score writes a letter per unit and the quarterly report', () => {
  it('21 letters in each quarter, named by unit id, and report.docx', () => {
    for (const q of ['2019-Q1', '2019-Q2']) {
      const letters = readdirSync(join(out, q, 'letters'));
      expect(letters).toHaveLength(21);
      expect(letters).toContain('DL-CAUKE.docx');
      expect(readdirSync(join(out, q))).toContain('report.docx');
    }
  });

  it('every letter reads back: its title, its unit, its score as results.json has it', () => {
    for (const q of ['2019-Q1', '2019-Q2']) {
      const results = JSON.parse(readFileSync(join(out, q, 'results.json'), 'utf8')) as { blocs: { units: { id: string; name: string; score: number }[] }[] };
      for (const u of results.blocs.flatMap((b) => b.units)) {
        const doc = readDocument(join(out, q, 'letters', `${u.id}.docx`));
        expect(doc.paragraphs, `${q} ${u.id}`).toContain('THÔNG BÁO');
        expect(doc.paragraphs, `${q} ${u.id}`).toContain(`Kính gửi: ${u.name}.`);
        expect(doc.text, `${q} ${u.id}`).toContain(`Điểm đạt được: ${u.score.toFixed(2).replace('.', ',')}/`);
      }
    }
  });

  it('the notice: heading, title, addressee, score, grade, rank and the movement since 2019-Q1', () => {
    const doc = readDocument(join(out, '2019-Q2', 'letters', 'DL-CAUKE.docx'));
    for (const text of ['CÔNG TY ĐIỆN LỰC TRÀ VINH', 'BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH', 'Số: …/TB-BCĐ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'THÔNG BÁO']) {
      expect(doc.paragraphs).toContain(text);
    }
    expect(doc.paragraphs).toContain('Kết quả chấm điểm cải cách hành chính quý II năm 2019');
    expect(doc.paragraphs).toContain('Trà Vinh, ngày …… tháng …… năm ……');
    expect(doc.paragraphs).toContain('Kính gửi: Điện lực Cầu Kè.');
    // Settled 86.68 (self-assessed 88.18), Tốt, 3rd of the 8 branches; in 2019-Q1 73.37, 6th of 8:
    // 86.68 − 73.37 = 13.31 points up, 6 − 3 = 3 places up.
    const result = sectionAfter(doc, '1. Kết quả chấm điểm');
    expect(result).toEqual([
      '- Điểm đạt được: 86,68/100 điểm (đơn vị tự chấm 88,18 điểm).',
      '- Xếp loại: Tốt.',
      '- Xếp hạng: 3/8 đơn vị của Khối các Điện lực trực thuộc.',
      '- So với quý I/2019 (73,37 điểm, hạng 6/8): tăng 13,31 điểm, tăng 3 bậc.',
    ]);
  });

  it('the shortcomings: every criterion that lost points, most lost first, ties in scorecard order, with reason and document', () => {
    const doc = readDocument(join(out, '2019-Q2', 'letters', 'DL-CAUKE.docx'));
    // DL-CAUKE 2019-Q2, points / max of the section criteria below their max:
    // I.2 4/5 (1 lost), II.1 4.68/6 (1.32), II.2 3/5 (2), II.4 2/4 (2, the committee's), III.1 6/10 (4),
    // III.2 8/10 (2), IV.1 3/5 (2); T.1 is a bonus (not a shortcoming), TR.1 and TR.2 deduct 0.
    // Most lost first: III.1 4; then the 2s in scorecard order II.2, II.4, III.2, IV.1; II.1 1.32; I.2 1.
    const rows = tableWith(doc, 'Điểm bị trừ');
    expect(rows.map((r) => [r[0], r[1]!.split('.').slice(0, 2).join('.'), r[2]])).toEqual([
      ['1', 'III.1', '4 / 10'],
      ['2', 'II.2', '2 / 5'],
      ['3', 'II.4', '2 / 4'],
      ['4', 'III.2', '2 / 10'],
      ['5', 'IV.1', '2 / 5'],
      ['6', 'II.1', '1,32 / 6'],
      ['7', 'I.2', '1 / 5'],
    ]);
    // The figure and the sum, as the unit can redo it: 10 × (8.2 − 7) / (9 − 7) = 6.
    expect(rows[0]![3]).toContain('8,2 điểm: 10 × (8,2 − 7) / (9 − 7) → 6/10 điểm');
    expect(rows[0]![4]).toContain('Công văn 1096/PCTV-KD');
    // The committee's points, the change it made and its document.
    expect(rows[2]![3]).toContain('Chưa niêm yết đủ bảng giá dịch vụ điện tại phòng giao dịch → 2/4 điểm');
    expect(rows[2]![3]).toMatch(/3,5 → 2/);
    expect(rows[2]![4]).toBe('Biên bản kiểm tra số 12/BB-BCĐ');
    // The explanation accepted on I.2: 4.2 days appraised, 3.8 after it.
    expect(rows[6]![3]).toContain('3,8 ngày ≤ 4 → 4/5 điểm');
    expect(rows[6]![3]).toMatch(/4,2 → 3,8/);
  });

  it('penalties none, the committee\'s remarks as given, and the deadline', () => {
    const doc = readDocument(join(out, '2019-Q2', 'letters', 'DL-CAUKE.docx'));
    expect(sectionAfter(doc, '3. Điểm trừ do vi phạm')).toEqual(['- Không có.']);
    expect(sectionAfter(doc, '4. Nhận xét của Ban chỉ đạo')).toEqual([
      '- Đơn vị cần rà soát cách tính thời gian cấp điện trên CMIS trước khi báo cáo, tránh sai lệch như quý II.',
      '- Khẩn trương niêm yết đầy đủ bảng giá dịch vụ điện tại phòng giao dịch.',
    ]);
    expect(sectionAfter(doc, '6. Yêu cầu khắc phục')[0]).toContain('trước ngày 20/07/2019');
    for (const text of ['Nơi nhận:', '- Như trên;', 'TM. BAN CHỈ ĐẠO', 'TRƯỞNG BAN']) expect(doc.paragraphs).toContain(text);
  });

  it('follow-up of 2019-Q1: each of its shortcomings fixed, improved, unchanged or worse', () => {
    const doc = readDocument(join(out, '2019-Q2', 'letters', 'DL-CAUKE.docx'));
    // DL-CAUKE 2019-Q1 lost (max − points): I.2 1, I.4 2, I.5 2, I.6 2, II.1 3, II.2 4, II.3 2,
    // II.4 1, III.1 3.5, III.2 2, IV.1 2 (I.3 not applicable). Ordered: II.2 4, III.1 3.5, II.1 3,
    // I.4, I.5, I.6, II.3, III.2, IV.1 (2 each), I.2, II.4 (1 each). Against 2019-Q2's losses above
    // (and 0 on I.4, I.5, I.6, II.3): II.2 4 → 2 improved; III.1 3.5 → 4 worse; II.1 3 → 1.32
    // improved; I.4, I.5, I.6, II.3 2 → 0 fixed; III.2, IV.1 2 → 2 unchanged; I.2 1 → 1 unchanged; II.4 1 → 2 worse.
    const rows = tableWith(doc, 'Đánh giá');
    expect(rows.map((r) => [r[1]!.split('.').slice(0, 2).join('.'), r[2], r[3], r[4]])).toEqual([
      ['II.2', '4', '2', 'Có tiến bộ'],
      ['III.1', '3,5', '4', 'Kém hơn'],
      ['II.1', '3', '1,32', 'Có tiến bộ'],
      ['I.4', '2', '0', 'Đã khắc phục'],
      ['I.5', '2', '0', 'Đã khắc phục'],
      ['I.6', '2', '0', 'Đã khắc phục'],
      ['II.3', '2', '0', 'Đã khắc phục'],
      ['III.2', '2', '2', 'Chưa khắc phục'],
      ['IV.1', '2', '2', 'Chưa khắc phục'],
      ['I.2', '1', '1', 'Chưa khắc phục'],
      ['II.4', '1', '2', 'Kém hơn'],
    ]);
  });

  it('penalties and their follow-up: DL-TRACU', () => {
    const doc = readDocument(join(out, '2019-Q2', 'letters', 'DL-TRACU.docx'));
    // 2019-Q2: TR.1 deducts 0, TR.2 deducts 1 (one violation found by inspection).
    const penalties = sectionAfter(doc, '3. Điểm trừ do vi phạm');
    expect(penalties).toHaveLength(1);
    expect(penalties[0]).toMatch(/^- TR\.2\. .*: trừ 1 điểm — /);
    // Remarks from the evidence file.
    expect(sectionAfter(doc, '4. Nhận xét của Ban chỉ đạo')).toHaveLength(1);
    // 2019-Q1 lost: I.1 7, I.2 3, I.3 4, I.4 4, I.5 5, I.6 4, II.1 4.2, II.2 4, II.3 4, II.4 2.5,
    // III.1 6, III.2 6, III.3 3, IV.1 2, IV.2 4; penalties TR.1 2, TR.2 2, listed after the criteria.
    // 2019-Q2 lost: I.1 4, I.2 3, I.3 0, I.4 2, I.5 5, I.6 2, II.1 3, II.2 4, II.3 2, II.4 1.5,
    // III.1 5, III.2 4, III.3 0, IV.1 2, IV.2 2; TR.1 0, TR.2 1.
    const rows = tableWith(doc, 'Đánh giá');
    expect(rows.map((r) => [r[1]!.split('.').slice(0, 2).join('.'), r[2], r[3], r[4]])).toEqual([
      ['I.1', '7', '4', 'Có tiến bộ'],
      ['III.1', '6', '5', 'Có tiến bộ'],
      ['III.2', '6', '4', 'Có tiến bộ'],
      ['I.5', '5', '5', 'Chưa khắc phục'],
      ['II.1', '4,2', '3', 'Có tiến bộ'],
      ['I.3', '4', '0', 'Đã khắc phục'],
      ['I.4', '4', '2', 'Có tiến bộ'],
      ['I.6', '4', '2', 'Có tiến bộ'],
      ['II.2', '4', '4', 'Chưa khắc phục'],
      ['II.3', '4', '2', 'Có tiến bộ'],
      ['IV.2', '4', '2', 'Có tiến bộ'],
      ['I.2', '3', '3', 'Chưa khắc phục'],
      ['III.3', '3', '0', 'Đã khắc phục'],
      ['II.4', '2,5', '1,5', 'Có tiến bộ'],
      ['IV.1', '2', '2', 'Chưa khắc phục'],
      ['TR.1', '2', '0', 'Đã khắc phục'],
      ['TR.2', '2', '1', 'Có tiến bộ'],
    ]);
  });

  it('2019-Q1 has no earlier quarter: no follow-up, the request is section 4', () => {
    const doc = readDocument(join(out, '2019-Q1', 'letters', 'DL-CAUKE.docx'));
    expect(doc.text).not.toContain('Kết quả khắc phục');
    expect(doc.text).not.toContain('So với quý');
    expect(doc.paragraphs).toContain('4. Yêu cầu khắc phục');
    expect(sectionAfter(doc, '4. Yêu cầu khắc phục')[0]).toContain('trước ngày ……/……/………');
  });

  it('the quarterly report: per bloc the figures, the ranking, its chart, what all met and what most lost', () => {
    const doc = readDocument(join(out, '2019-Q2', 'report.docx'));
    expect(doc.paragraphs).toContain('BÁO CÁO');
    expect(doc.paragraphs).toContain('Số: …/BC-BCĐ');
    // District branches, settled scores 96.66, 89.28, 86.68, 78.30, 72.20, 63.40, 59.50, 57.72:
    // sum 603.74 / 8 = 75.4675 → 75.47; highest 96.66, lowest 57.72.
    const branches = sectionAfter(doc, '4. Khối các Điện lực trực thuộc (8 đơn vị)');
    expect(branches[0]).toBe('- Điểm bình quân 75,47; cao nhất 96,66; thấp nhất 57,72.');
    // Xuất sắc ≥ 90: 96.66; Tốt ≥ 80: 89.28, 86.68; Khá ≥ 70: 78.30, 72.20; Trung bình ≥ 50: 63.40, 59.50, 57.72.
    expect(branches[1]).toBe('- Xếp loại: Xuất sắc 1, Tốt 2, Khá 2, Trung bình 3, Yếu 0.');
    // Appraised: self and settled scores side by side; DL-CAUKE 88.18 → 86.68, a climb of 3 places.
    const ranking = doc.tables.find((t) => t.some((r) => r[1] === 'Điện lực Cầu Kè'))!;
    expect(ranking[0]).toEqual(['Hạng', 'Đơn vị', 'Tự chấm', 'Thẩm định', 'Xếp loại', 'So với quý trước']);
    expect(ranking.find((r) => r[1] === 'Điện lực Cầu Kè')).toEqual(['3', 'Điện lực Cầu Kè', '88,18', '86,68', 'Tốt', '▲3']);
    // One chart per bloc, as a PNG picture.
    expect(readZip(readFileSync(join(out, '2019-Q2', 'report.docx'))).filter((e) => /^word\/media\/.*\.png$/.test(e.name))).toHaveLength(4);
    // Shortcomings of the branches, counted over the 8 units from the golden results, in rank order:
    // III.2 lost by all 8 (4 + 2 + 2 + 2 + 6 + 4 + 4 + 4 = 28 points: customer requests from the CSKH
    // centre handled late), II.1 by all 8 (0.84 + 0.72 + 1.32 + 1.2 + 1.8 + 2.1 + 3 + 2.4 = 13.38),
    // then by 7 units each, most points first: III.1 (28), II.2 (19), II.4 (8.5).
    const lost = doc.tables.filter((t) => t[0]!.includes('Số đơn vị bị trừ điểm'))[3]!.slice(1);
    expect(lost.slice(0, 5).map((r) => [r[1]!.split('.').slice(0, 2).join('.'), r[2], r[3]])).toEqual([
      ['III.2', '8/8', '28'],
      ['II.1', '8/8', '13,38'],
      ['III.1', '7/8', '28'],
      ['II.2', '7/8', '19'],
      ['II.4', '7/8', '8,5'],
    ]);
    // Every branch scored III.3 in full; six earned the saving bonus T.1: 1.5 + 1.5 + 1 + 1 + 1 + 1 = 7.
    const efforts = sectionAfter(doc, '4. Khối các Điện lực trực thuộc', 'II. NHỮNG MẶT ĐẠT ĐƯỢC');
    expect(efforts[0]).toMatch(/^- Các đơn vị đều đạt điểm tối đa ở: III\.3 /);
    expect(efforts.find((p) => p.startsWith('- T.1 '))).toMatch(/\(tổng cộng 7 điểm\)\.$/);
  });

  it('in English with --lang en', () => {
    const dir = join(tempDir(), 'q1');
    expect(cchc(['score', '--evidence', 'samples/2019-Q1', '--out', dir, '--lang', 'en']).code).toBe(0);
    const doc = readDocument(join(dir, 'letters', 'DL-CAUKE.docx'));
    expect(doc.paragraphs).toContain('NOTICE');
    expect(doc.paragraphs).toContain('To: Điện lực Cầu Kè.');
    expect(readDocument(join(dir, 'report.docx')).paragraphs).toContain('REPORT');
  }, 30_000);
});

describe('letters are deterministic and written with the other outputs', () => {
  it('the same inputs give the same bytes, from `cchc score` and from `cchc letters`', () => {
    const again = join(tempDir(), 'out');
    cpSync(join(out, '2019-Q1'), join(again, '2019-Q1'), { recursive: true });
    expect(cchc(['score', '--evidence', 'samples/2019-Q2', '--out', join(again, '2019-Q2'), '--deadline', '2019-07-20']).code).toBe(0);
    const files = ['report.docx', ...readdirSync(join(out, '2019-Q2', 'letters')).map((f) => join('letters', f))];
    for (const f of files) expect(readFileSync(join(again, '2019-Q2', f)).equals(readFileSync(join(out, '2019-Q2', f))), f).toBe(true);
    const r = cchc(['letters', '--quarter', '2019-Q2', '--out', join(again, '2019-Q2'), '--deadline', '2019-07-20']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of files) expect(readFileSync(join(again, '2019-Q2', f)).equals(readFileSync(join(out, '2019-Q2', f))), f).toBe(true);
  }, 60_000);

  it('--no-letters writes neither letters nor the report', () => {
    const dir = join(tempDir(), 'q1');
    expect(cchc(['score', '--evidence', 'samples/2019-Q1', '--out', dir, '--no-letters']).code).toBe(0);
    expect(readdirSync(dir)).not.toContain('letters');
    expect(readdirSync(dir)).not.toContain('report.docx');
 }, 30_000);

  it('cchc letters refuses results scored with other rules (exit 1, at rulesDigest), and a folder with no results (exit 2); nothing written', () => {
    const dir = join(tempDir(), 'q1');
    expect(cchc(['score', '--evidence', 'samples/2019-Q1', '--out', dir, '--no-letters']).code).toBe(0);
    const file = join(dir, 'results.json');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/"rulesDigest": "sha256:[0-9a-f]+"/, `"rulesDigest": "sha256:${'0'.repeat(64)}"`));
    const r = cchc(['letters', '--quarter', '2019-Q1', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`results.json:${positionOf(readFileSync(file, 'utf8'), '"sha256:0')} lỗi RESULTS_OTHER_RULES`);
    expect(readdirSync(dir)).not.toContain('letters');
    const other = cchc(['letters', '--quarter', '2019-Q3', '--out', join(dir, 'nothing')]);
    expect(other.code).toBe(2);
 }, 30_000);

  it('a unit gone from the results loses its letter, also in a run with --no-letters; the others are left as they are', () => {
    const dir = join(tempDir(), '2019-Q1');
    cpSync(join(out, '2019-Q1'), dir, { recursive: true });
    const file = join(dir, 'results.json');
    const results = JSON.parse(readFileSync(file, 'utf8')) as { blocs: { units: { id: string }[] }[] };
    results.blocs[0]!.units.push({ ...results.blocs[0]!.units[0]!, id: 'ZZ' });
    writeFileSync(file, JSON.stringify(results));
    writeFileSync(join(dir, 'letters', 'ZZ.docx'), 'a letter of a unit since removed');
    const vp = readFileSync(join(dir, 'letters', 'VP.docx'));
    expect(cchc(['score', '--evidence', 'samples/2019-Q1', '--out', dir, '--no-letters']).code).toBe(0);
    expect(readdirSync(join(dir, 'letters'))).not.toContain('ZZ.docx');
    expect(readdirSync(join(dir, 'letters'))).toHaveLength(21);
    expect(readFileSync(join(dir, 'letters', 'VP.docx')).equals(vp)).toBe(true);
  }, 30_000);

  it('cchc letters, like cchc score, warns of a broken previous quarter found by default and writes without it', () => {
    const root = join(tempDir(), 'out');
    cpSync(join(out, '2019-Q1'), join(root, '2019-Q1'), { recursive: true });
    cpSync(join(out, '2019-Q2'), join(root, '2019-Q2'), { recursive: true });
    writeFileSync(join(root, '2019-Q1', 'results.json'), '{"broken":');
    const r = cchc(['letters', '--quarter', '2019-Q2', '--out', join(root, '2019-Q2')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('cảnh báo');
    expect(readDocument(join(root, '2019-Q2', 'letters', 'DL-CAUKE.docx')).text).not.toContain('Kết quả khắc phục');
  }, 30_000);

  it('letters written again are recorded in the log: the quarter still publishes, and an edited letter is found', () => {
    const root = join(tempDir(), 'out');
    cpSync(join(out, '2019-Q1'), join(root, '2019-Q1'), { recursive: true });
    expect(cchc(['letters', '--quarter', '2019-Q1', '--out', join(root, '2019-Q1'), '--deadline', '2019-04-20']).code).toBe(0);
    const letter = join(root, '2019-Q1', 'letters', 'VP.docx');
    const before = readFileSync(letter);
    writeFileSync(letter, Buffer.concat([before, Buffer.from('x')]));
    const refused = cchc(['publish', '--quarter', '2019-Q1', '--out', join(root, '2019-Q1')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/letters\/VP\.docx:1:1 .*PUBLISH_OUTPUT_CHANGED/);
    writeFileSync(letter, before);
    expect(cchc(['publish', '--quarter', '2019-Q1', '--out', join(root, '2019-Q1')]).code).toBe(0);
    // Published: letters are locked with the rest.
    expect(cchc(['letters', '--quarter', '2019-Q1', '--out', join(root, '2019-Q1')]).code).toBe(2);
  }, 30_000);
});
