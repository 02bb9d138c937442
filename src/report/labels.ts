/** Every text the workbooks print, one table per language; the writers hold no wording of their own. */
import type { Lang } from '../diagnostics/codes.js';
import type { CriterionStatus } from '../model/results.js';
import { formatNumber } from '../model/number-format.js';
import { parseQuarter, romanQuarter } from '../model/quarter.js';

export interface Labels {
  motto: [string, string];
  /** The place-and-date line; blanks to fill by hand when no date is given. */
  dateLine: (place: string, date?: { year: number; month: number; day: number }) => string;
  rankingTitle: (quarter: string) => string;
  unitTitle: (quarter: string) => string;
  /** `Quý I/2019`: a quarter in running text. */
  quarter: (quarter: string) => string;
  blocLine: (blocName: string) => string;
  unitLine: (unitName: string, unitId: string, blocName: string) => string;
  preparedBy: string;
  head: string;
  signHint: string;
  footer: string;
  ranking: {
    no: string;
    unit: string;
    section: (id: string) => string;
    maxOf: (max: number) => string;
    base: string;
    bonus: string;
    penalty: string;
    score: string;
    rank: string;
    grade: string;
    previousScore: (quarter: string) => string;
    previousRank: (quarter: string) => string;
    movement: string;
    newUnit: string;
    sectionsLegend: string;
    comparedWith: (quarter: string) => string;
    otherRules: (quarter: string) => string;
  };
  details: {
    sheet: string;
    title: (quarter: string) => string;
    bloc: string;
    unitId: string;
    unit: string;
    section: string;
    criterionId: string;
    criterion: string;
    max: string;
    evidence: string;
    source: string;
    points: string;
    status: string;
    reason: string;
    bonusPart: string;
    penaltyPart: string;
  };
  status: Record<CriterionStatus, string>;
  scorecard: {
    sheet: string;
    no: string;
    criterion: string;
    max: string;
    indicator: string;
    value: string;
    measure: string;
    source: string;
    points: string;
    reason: string;
    bonusGroup: string;
    penaltyGroup: string;
    achieved: string;
    applicableMax: string;
    baseScaled: (total: number) => string;
    base: string;
    bonus: string;
    penalty: string;
    score: string;
    rank: string;
    grade: string;
    previousScore: (quarter: string) => string;
    scoreChange: string;
    previousRank: (quarter: string) => string;
    rankChange: string;
    noPrevious: (quarter: string) => string;
    otherRules: (quarter: string) => string;
  };
  yes: string;
  no: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

const vi: Labels = {
  motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
  // Decree 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a leading zero.
  dateLine: (place, d) =>
    d ? `${place}, ngày ${pad2(d.day)} tháng ${d.month <= 2 ? pad2(d.month) : d.month} năm ${d.year}` : `${place}, ngày …… tháng …… năm ……`,
  rankingTitle: (q) => `BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH QUÝ ${romanQuarter(q)} NĂM ${parseQuarter(q).year}`,
  unitTitle: (q) => `PHIẾU KẾT QUẢ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH QUÝ ${romanQuarter(q)} NĂM ${parseQuarter(q).year}`,
  quarter: (q) => `quý ${romanQuarter(q)}/${parseQuarter(q).year}`,
  blocLine: (name) => name.toLocaleUpperCase('vi'),
  unitLine: (name, id, bloc) => `Đơn vị: ${name} (${id}) — ${bloc}`,
  preparedBy: 'NGƯỜI LẬP BIỂU',
  head: 'TRƯỞNG BAN',
  signHint: '(Ký, ghi rõ họ tên)',
  footer: 'Trang &P/&N',
  ranking: {
    no: 'STT',
    unit: 'Đơn vị',
    section: (id) => `Phần ${id}`,
    maxOf: (max) => `(tối đa ${formatNumber(max, 'vi')})`,
    base: 'Điểm cơ bản',
    bonus: 'Điểm cộng',
    penalty: 'Điểm trừ',
    score: 'Tổng điểm',
    rank: 'Xếp hạng',
    grade: 'Xếp loại',
    previousScore: (q) => `Điểm ${vi.quarter(q)}`,
    previousRank: (q) => `Hạng ${vi.quarter(q)}`,
    movement: 'Thay đổi hạng',
    newUnit: 'mới',
    sectionsLegend: 'Các phần:',
    comparedWith: (q) => `So sánh với kết quả ${vi.quarter(q)}: ▲ tăng hạng, ▼ giảm hạng, = giữ hạng, "mới": đơn vị chưa có kết quả quý trước.`,
    otherRules: (q) => `Lưu ý: ${vi.quarter(q)} được chấm theo bộ tiêu chí khác với quý này; điểm hai quý chỉ so sánh để tham khảo.`,
  },
  details: {
    sheet: 'Chi tiết',
    title: (q) => `CHI TIẾT ĐIỂM THEO TỪNG TIÊU CHÍ QUÝ ${romanQuarter(q)} NĂM ${parseQuarter(q).year}`,
    bloc: 'Khối',
    unitId: 'Mã đơn vị',
    unit: 'Đơn vị',
    section: 'Phần',
    criterionId: 'Mã tiêu chí',
    criterion: 'Tiêu chí',
    max: 'Điểm tối đa',
    evidence: 'Số liệu sử dụng',
    source: 'Tài liệu kiểm chứng',
    points: 'Điểm đạt',
    status: 'Trạng thái',
    reason: 'Cách tính điểm',
    bonusPart: 'Điểm cộng',
    penaltyPart: 'Điểm trừ',
  },
  status: { scored: 'Chấm theo số liệu', not_applicable: 'Không áp dụng', manual: 'Ban chỉ đạo chấm', missing: 'Thiếu số liệu' },
  scorecard: {
    sheet: 'Phiếu điểm',
    no: 'STT',
    criterion: 'Tiêu chí',
    max: 'Điểm tối đa',
    indicator: 'Chỉ số',
    value: 'Số liệu',
    measure: 'Đơn vị tính',
    source: 'Tài liệu kiểm chứng',
    points: 'Điểm đạt',
    reason: 'Cách tính điểm',
    bonusGroup: 'ĐIỂM CỘNG',
    penaltyGroup: 'ĐIỂM TRỪ',
    achieved: 'Cộng điểm các phần',
    applicableMax: 'Điểm tối đa của các tiêu chí được áp dụng',
    baseScaled: (total) => `Điểm cơ bản (quy về thang ${formatNumber(total, 'vi')}: điểm đạt ÷ điểm tối đa được áp dụng × ${formatNumber(total, 'vi')})`,
    base: 'Điểm cơ bản',
    bonus: 'Điểm cộng',
    penalty: 'Điểm trừ',
    score: 'TỔNG ĐIỂM',
    rank: 'Xếp hạng trong khối',
    grade: 'Xếp loại',
    previousScore: (q) => `Tổng điểm ${vi.quarter(q)}`,
    scoreChange: 'Tăng (+) / giảm (−) điểm so với quý trước',
    previousRank: (q) => `Xếp hạng ${vi.quarter(q)}`,
    rankChange: 'Thay đổi hạng',
    noPrevious: (q) => `Chưa có kết quả ${vi.quarter(q)} của đơn vị.`,
    otherRules: (q) => `Lưu ý: ${vi.quarter(q)} được chấm theo bộ tiêu chí khác; so sánh chỉ để tham khảo.`,
  },
  yes: 'Có',
  no: 'Không',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const en: Labels = {
  motto: ['SOCIALIST REPUBLIC OF VIETNAM', 'Independence - Freedom - Happiness'],
  dateLine: (place, d) => (d ? `${place}, ${d.day} ${MONTHS[d.month - 1]} ${d.year}` : `${place}, …… / …… / ……`),
  rankingTitle: (q) => `ADMINISTRATIVE REFORM SCORES, QUARTER ${romanQuarter(q)} ${parseQuarter(q).year}: SUMMARY`,
  unitTitle: (q) => `ADMINISTRATIVE REFORM SCORECARD, QUARTER ${romanQuarter(q)} ${parseQuarter(q).year}`,
  quarter: (q) => `Q${parseQuarter(q).q} ${parseQuarter(q).year}`,
  blocLine: (name) => name.toLocaleUpperCase('vi'),
  unitLine: (name, id, bloc) => `Unit: ${name} (${id}) — ${bloc}`,
  preparedBy: 'PREPARED BY',
  head: 'HEAD OF THE COMMITTEE',
  signHint: '(Signature and full name)',
  footer: 'Page &P of &N',
  ranking: {
    no: 'No.',
    unit: 'Unit',
    section: (id) => `Part ${id}`,
    maxOf: (max) => `(max ${formatNumber(max, 'en')})`,
    base: 'Base',
    bonus: 'Bonus',
    penalty: 'Penalty',
    score: 'Score',
    rank: 'Rank',
    grade: 'Grade',
    previousScore: (q) => `Score ${en.quarter(q)}`,
    previousRank: (q) => `Rank ${en.quarter(q)}`,
    movement: 'Rank change',
    newUnit: 'new',
    sectionsLegend: 'Parts:',
    comparedWith: (q) => `Compared with ${en.quarter(q)}: ▲ up, ▼ down, = same rank, "new": no result last quarter.`,
    otherRules: (q) => `Note: ${en.quarter(q)} was scored with different criteria; compare the two quarters with care.`,
  },
  details: {
    sheet: 'Details',
    title: (q) => `POINTS BY CRITERION, QUARTER ${romanQuarter(q)} ${parseQuarter(q).year}`,
    bloc: 'Bloc',
    unitId: 'Unit id',
    unit: 'Unit',
    section: 'Part',
    criterionId: 'Criterion id',
    criterion: 'Criterion',
    max: 'Max',
    evidence: 'Evidence used',
    source: 'Evidence document',
    points: 'Points',
    status: 'Status',
    reason: 'How the points came about',
    bonusPart: 'Bonus',
    penaltyPart: 'Penalty',
  },
  status: { scored: 'scored', not_applicable: 'not applicable', manual: 'set by the committee', missing: 'missing evidence' },
  scorecard: {
    sheet: 'Scorecard',
    no: 'No.',
    criterion: 'Criterion',
    max: 'Max',
    indicator: 'Indicator',
    value: 'Value',
    measure: 'Unit of measure',
    source: 'Evidence document',
    points: 'Points',
    reason: 'How the points came about',
    bonusGroup: 'BONUS',
    penaltyGroup: 'PENALTY',
    achieved: 'Points of all parts',
    applicableMax: 'Maximum of the criteria that apply',
    baseScaled: (total) => `Base (scaled to ${formatNumber(total, 'en')}: points ÷ maximum that applies × ${formatNumber(total, 'en')})`,
    base: 'Base',
    bonus: 'Bonus',
    penalty: 'Penalty',
    score: 'SCORE',
    rank: 'Rank in the bloc',
    grade: 'Grade',
    previousScore: (q) => `Score ${en.quarter(q)}`,
    scoreChange: 'Change in score since last quarter',
    previousRank: (q) => `Rank ${en.quarter(q)}`,
    rankChange: 'Rank change',
    noPrevious: (q) => `No result for ${en.quarter(q)}.`,
    otherRules: (q) => `Note: ${en.quarter(q)} was scored with different criteria; compare with care.`,
  },
  yes: 'Yes',
  no: 'No',
};

export const LABELS: Record<Lang, Labels> = { vi, en };
