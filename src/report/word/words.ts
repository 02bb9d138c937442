/** Every text the Word documents print, one table per language; the writers hold no wording of their own. */
import type { Lang } from '../../diagnostics/codes.js';
import { formatNumber } from '../../model/number-format.js';
import { parseQuarter, romanQuarter } from '../../model/quarter.js';
import type { Verdict } from '../../rank/shortcomings.js';

export interface Words {
  /** `Số: …/TB-BCĐ`: the number left blank for the clerk. */
  letterNumber: string;
  reportNumber: string;
  letterName: string;
  reportName: string;
  /** `Kết quả chấm điểm cải cách hành chính quý II năm 2019`. */
  about: (quarter: string) => string;
  to: (unit: string) => string;
  provisional: string;
  letter: {
    opening: (committee: string, quarter: string) => string;
    result: string;
    score: (score: string, total: string, self?: string) => string;
    grade: (grade: string) => string;
    rank: (rank: number, size: number, bloc: string) => string;
    movement: (quarter: string, score: string, rank: number, size: number, scoreChange: number, rankChange: number, decimals: number) => string;
    noPrevious: (quarter: string) => string;
    otherRules: string;
    shortcomings: string;
    noShortcomings: string;
    no: string;
    criterion: string;
    lost: string;
    figures: string;
    reason: string;
    penalties: string;
    noPenalties: string;
    penaltyLine: (name: string, points: string) => string;
    remarks: string;
    followUp: (quarter: string) => string;
    noFollowUp: (quarter: string) => string;
    nothingToFollow: (quarter: string) => string;
    lostIn: (quarter: string) => string;
    verdict: string;
    verdicts: Record<Verdict, string>;
    request: string;
    deadline: (date?: { year: number; month: number; day: number }) => string;
    recipients: [string, string[]];
  };
  report: {
    opening: (committee: string, quarter: string) => string;
    results: string;
    blocLine: (name: string, count: number) => string;
    figures: (mean: string, highest: string, lowest: string) => string;
    gradeCounts: (counts: string) => string;
    rank: string;
    unit: string;
    score: string;
    self: string;
    appraised: string;
    grade: string;
    movement: string;
    newUnit: string;
    efforts: string;
    metAll: (criteria: string) => string;
    metNone: string;
    bonuses: string;
    bonusLine: (name: string, units: string, points: string) => string;
    noBonuses: string;
    shortcomings: string;
    shortcomingsIntro: string;
    criterion: string;
    unitsLost: string;
    pointsLost: string;
    units: string;
    allUnits: string;
    manyUnits: (n: number) => string;
    noShortcomings: string;
    moreShortcomings: (n: number) => string;
    request: string;
    ask: (date?: { year: number; month: number; day: number }) => string;
    recipients: [string, string[]];
    chartAxis: string;
    chartTitle: (bloc: string, quarter: string) => string;
    cutLabel: (grade: string, min: number) => string;
  };
  on: string;
  role: string;
}

const vi: Words = {
  letterNumber: 'Số: …/TB-BCĐ',
  reportNumber: 'Số: …/BC-BCĐ',
  letterName: 'THÔNG BÁO',
  reportName: 'BÁO CÁO',
  about: (q) => `Kết quả chấm điểm cải cách hành chính quý ${romanQuarter(q)} năm ${parseQuarter(q).year}`,
  to: (unit) => `Kính gửi: ${unit}.`,
  provisional: '(Kết quả tạm thời: còn giải trình chưa được Ban chỉ đạo quyết định.)',
  letter: {
    opening: (committee, q) => `Căn cứ kết quả chấm điểm cải cách hành chính quý ${romanQuarter(q)} năm ${parseQuarter(q).year}, ${sentence(committee)} thông báo kết quả của đơn vị như sau:`,
    result: 'Kết quả chấm điểm',
    score: (score, total, self) => `Điểm đạt được: ${score}/${total} điểm${self ? ` (đơn vị tự chấm ${self} điểm)` : ''}.`,
    grade: (grade) => `Xếp loại: ${grade}.`,
    rank: (rank, size, bloc) => `Xếp hạng: ${rank}/${size} đơn vị của ${bloc}.`,
    movement: (q, score, rank, size, ds, dr, decimals) =>
      `So với quý ${romanQuarter(q)}/${parseQuarter(q).year} (${score} điểm, hạng ${rank}/${size}): ${ds > 0 ? `tăng ${formatNumber(ds, 'vi', decimals)} điểm` : ds < 0 ? `giảm ${formatNumber(-ds, 'vi', decimals)} điểm` : 'điểm không đổi'}, ${dr > 0 ? `tăng ${dr} bậc` : dr < 0 ? `giảm ${-dr} bậc` : 'giữ nguyên thứ hạng'}.`,
    noPrevious: (q) => `Quý ${romanQuarter(q)}/${parseQuarter(q).year} đơn vị chưa được chấm trong khối này.`,
    otherRules: 'Hai quý được chấm theo bảng tiêu chí khác nhau; việc so sánh chỉ mang tính tham khảo.',
    shortcomings: 'Những tồn tại, hạn chế (các tiêu chí bị trừ điểm)',
    noShortcomings: 'Đơn vị đạt điểm tối đa ở mọi tiêu chí được chấm.',
    no: 'STT',
    criterion: 'Tiêu chí',
    lost: 'Điểm bị trừ',
    figures: 'Tài liệu kiểm chứng',
    reason: 'Số liệu và cách tính',
    penalties: 'Điểm trừ do vi phạm',
    noPenalties: 'Không có.',
    penaltyLine: (name, points) => `${name}: trừ ${points} điểm`,
    remarks: 'Nhận xét của Ban chỉ đạo',
    followUp: (q) => `Kết quả khắc phục tồn tại quý ${romanQuarter(q)}/${parseQuarter(q).year}`,
    noFollowUp: (q) => `Không có kết quả quý ${romanQuarter(q)}/${parseQuarter(q).year} của đơn vị để đối chiếu.`,
    nothingToFollow: (q) => `Quý ${romanQuarter(q)}/${parseQuarter(q).year} đơn vị không có tồn tại.`,
    lostIn: (q) => `Bị trừ quý ${romanQuarter(q)}/${parseQuarter(q).year}`,
    verdict: 'Đánh giá',
    verdicts: {
      fixed: 'Đã khắc phục',
      improved: 'Có tiến bộ',
      unchanged: 'Chưa khắc phục',
      worse: 'Kém hơn',
      not_applicable: 'Không phát sinh trong quý',
    },
    request: 'Yêu cầu khắc phục',
    deadline: (d) =>
      `Đề nghị đơn vị xây dựng kế hoạch khắc phục các tồn tại nêu trên và gửi về Thường trực Ban chỉ đạo trước ngày ${d ? `${pad2(d.day)}/${pad2(d.month)}/${d.year}` : '……/……/………'}.`,
    recipients: ['Nơi nhận:', ['- Như trên;', '- Thành viên BCĐ CCHC;', '- Lưu: VT, BCĐ.']],
  },
  report: {
    opening: (committee, q) => `${sentence(committee)} báo cáo kết quả chấm điểm cải cách hành chính quý ${romanQuarter(q)} năm ${parseQuarter(q).year} của các đơn vị như sau:`,
    results: 'I. KẾT QUẢ CHẤM ĐIỂM',
    blocLine: (name, n) => `${name} (${n} đơn vị)`,
    figures: (mean, hi, lo) => `Điểm bình quân ${mean}; cao nhất ${hi}; thấp nhất ${lo}.`,
    gradeCounts: (counts) => `Xếp loại: ${counts}.`,
    rank: 'Hạng',
    unit: 'Đơn vị',
    score: 'Điểm',
    self: 'Tự chấm',
    appraised: 'Thẩm định',
    grade: 'Xếp loại',
    movement: 'So với quý trước',
    newUnit: 'mới',
    efforts: 'II. NHỮNG MẶT ĐẠT ĐƯỢC',
    metAll: (c) => `Các đơn vị đều đạt điểm tối đa ở: ${c}.`,
    metNone: 'Không có tiêu chí nào mọi đơn vị đều đạt điểm tối đa.',
    bonuses: 'Điểm thưởng:',
    bonusLine: (name, units, points) => `${name}: ${units} (tổng cộng ${points} điểm).`,
    noBonuses: 'Không đơn vị nào được điểm thưởng.',
    shortcomings: 'III. TỒN TẠI, HẠN CHẾ',
    shortcomingsIntro: 'Các tiêu chí nhiều đơn vị bị trừ điểm nhất:',
    criterion: 'Tiêu chí',
    unitsLost: 'Số đơn vị bị trừ điểm',
    pointsLost: 'Tổng điểm bị trừ',
    units: 'Đơn vị',
    allUnits: 'Tất cả các đơn vị',
    manyUnits: (n) => `${n} đơn vị (xem bảng tổng hợp kết quả chấm điểm)`,
    noShortcomings: 'Các đơn vị đều đạt điểm tối đa ở mọi tiêu chí được chấm.',
    moreShortcomings: (n) => `Và ${n} tiêu chí khác (xem bảng tổng hợp kết quả chấm điểm).`,
    request: 'IV. ĐỀ NGHỊ',
    ask: (d) =>
      `Đề nghị các đơn vị khắc phục các tồn tại đã được thông báo, xây dựng kế hoạch khắc phục và gửi về Thường trực Ban chỉ đạo trước ngày ${d ? `${pad2(d.day)}/${pad2(d.month)}/${d.year}` : '……/……/………'}; Ban chỉ đạo kiểm tra kết quả khắc phục trong kỳ chấm điểm quý sau.`,
    recipients: ['Nơi nhận:', ['- Giám đốc Công ty (b/c);', '- Thành viên BCĐ CCHC;', '- Các đơn vị;', '- Lưu: VT, BCĐ.']],
    chartAxis: 'Điểm',
    chartTitle: (bloc, q) => `${bloc} — quý ${romanQuarter(q)}/${parseQuarter(q).year}`,
    cutLabel: (g, min) => `${g} ≥ ${formatNumber(min, 'vi', 2)}`,
  },
  on: 'TM. BAN CHỈ ĐẠO',
  role: 'TRƯỞNG BAN',
};

const en: Words = {
  letterNumber: 'No.: …/TB-BCĐ',
  reportNumber: 'No.: …/BC-BCĐ',
  letterName: 'NOTICE',
  reportName: 'REPORT',
  about: (q) => `Administrative reform scoring results, Q${parseQuarter(q).q} ${parseQuarter(q).year}`,
  to: (unit) => `To: ${unit}.`,
  provisional: '(Provisional results: explanations are still awaiting the committee’s decision.)',
  letter: {
    opening: (_committee, q) => `Following the administrative reform scoring of Q${parseQuarter(q).q} ${parseQuarter(q).year}, the steering committee notifies your unit of its results:`,
    result: 'Score',
    score: (score, total, self) => `Score: ${score} of ${total} points${self ? ` (self-assessed ${self})` : ''}.`,
    grade: (grade) => `Grade: ${grade}.`,
    rank: (rank, size, bloc) => `Rank: ${rank} of ${size} units in ${bloc}.`,
    movement: (q, score, rank, size, ds, dr, decimals) =>
      `Against Q${parseQuarter(q).q} ${parseQuarter(q).year} (${score} points, rank ${rank} of ${size}): ${ds > 0 ? `up ${points(formatNumber(ds, 'en', decimals))}` : ds < 0 ? `down ${points(formatNumber(-ds, 'en', decimals))}` : 'the same score'}, ${dr > 0 ? `up ${dr} place${dr > 1 ? 's' : ''}` : dr < 0 ? `down ${-dr} place${dr < -1 ? 's' : ''}` : 'the same rank'}.`,
    noPrevious: (q) => `The unit was not scored in this bloc in Q${parseQuarter(q).q} ${parseQuarter(q).year}.`,
    otherRules: 'The two quarters were scored with different criteria; the comparison is indicative only.',
    shortcomings: 'Shortcomings (criteria where points were lost)',
    noShortcomings: 'The unit scored full marks on every criterion scored.',
    no: 'No.',
    criterion: 'Criterion',
    lost: 'Points lost',
    figures: 'Evidence documents',
    reason: 'Figures and reckoning',
    penalties: 'Penalties',
    noPenalties: 'None.',
    penaltyLine: (name, n) => `${name}: ${points(n)} deducted`,
    remarks: 'The committee’s remarks',
    followUp: (q) => `Follow-up of the shortcomings of Q${parseQuarter(q).q} ${parseQuarter(q).year}`,
    noFollowUp: (q) => `No results of the unit for Q${parseQuarter(q).q} ${parseQuarter(q).year} to compare with.`,
    nothingToFollow: (q) => `The unit had no shortcomings in Q${parseQuarter(q).q} ${parseQuarter(q).year}.`,
    lostIn: (q) => `Lost in Q${parseQuarter(q).q} ${parseQuarter(q).year}`,
    verdict: 'Verdict',
    verdicts: {
      fixed: 'Fixed',
      improved: 'Improved',
      unchanged: 'Unchanged',
      worse: 'Worse',
      not_applicable: 'Did not occur this quarter',
    },
    request: 'Remedy',
    deadline: (d) => `The unit is asked to draw up a plan to remedy the shortcomings above and send it to the committee’s standing office by ${d ? `${d.year}-${pad2(d.month)}-${pad2(d.day)}` : '…………'}.`,
    recipients: ['Distribution:', ['- As above;', '- Committee members;', '- Filed: VT, BCĐ.']],
  },
  report: {
    opening: (_committee, q) => `The steering committee reports the administrative reform scoring of Q${parseQuarter(q).q} ${parseQuarter(q).year}:`,
    results: 'I. RESULTS',
    blocLine: (name, n) => `${name} (${n} unit${n === 1 ? '' : 's'})`,
    figures: (mean, hi, lo) => `Mean score ${mean}; highest ${hi}; lowest ${lo}.`,
    gradeCounts: (counts) => `Grades: ${counts}.`,
    rank: 'Rank',
    unit: 'Unit',
    score: 'Score',
    self: 'Self',
    appraised: 'Appraised',
    grade: 'Grade',
    movement: 'Since last quarter',
    newUnit: 'new',
    efforts: 'II. ACHIEVEMENTS',
    metAll: (c) => `Every unit scored full marks on: ${c}.`,
    metNone: 'No criterion was scored in full by every unit.',
    bonuses: 'Bonuses:',
    bonusLine: (name, units, n) => `${name}: ${units} (${points(n)} in all).`,
    noBonuses: 'No unit earned a bonus.',
    shortcomings: 'III. SHORTCOMINGS',
    shortcomingsIntro: 'The criteria most units lost points on:',
    criterion: 'Criterion',
    unitsLost: 'Units that lost points',
    pointsLost: 'Points lost in all',
    units: 'Units',
    allUnits: 'Every unit',
    manyUnits: (n) => `${n} units (see the ranking workbook)`,
    noShortcomings: 'Every unit scored full marks on every criterion scored.',
    moreShortcomings: (n) => `And ${n} more criteria (see the ranking workbook).`,
    request: 'IV. REQUESTS',
    ask: (d) =>
      `The units are asked to remedy the shortcomings notified to them and to send their remedy plans to the committee’s standing office by ${d ? `${d.year}-${pad2(d.month)}-${pad2(d.day)}` : '…………'}; the committee checks the remedies when it scores the next quarter.`,
    recipients: ['Distribution:', ['- The director (for report);', '- Committee members;', '- The units;', '- Filed: VT, BCĐ.']],
    chartAxis: 'Score',
    chartTitle: (bloc, q) => `${bloc} — Q${parseQuarter(q).q} ${parseQuarter(q).year}`,
    cutLabel: (g, min) => `${g} ≥ ${formatNumber(min, 'en', 2)}`,
  },
  on: 'FOR THE STEERING COMMITTEE',
  role: 'CHAIR',
};

export const WORDS: Record<Lang, Words> = { vi, en };

const pad2 = (n: number) => String(n).padStart(2, '0');
/** `1 point`, `2,5 points`. */
const points = (n: string) => `${n} point${n === '1' ? '' : 's'}`;

/** `BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH` as running text begins it: `Ban chỉ đạo cải cách hành chính`. */
function sentence(name: string): string {
  const lower = name.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}
