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
    rescaledNote: (total: number, units: string[]) => string;
    gradeReason: (unit: string, reason: string) => string;
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
  form: {
    guideSheet: string;
    title: (quarter: string) => string;
    unitLine: (unitName: string, unitId: string, blocName: string) => string;
    sendTo: (committee: string, organization: string) => string;
    fillHint: string;
    no: string;
    indicator: string;
    measure: string;
    value: string;
    source: string;
    note: string;
    committeePart: string;
    /** The manual criteria in a form sent to a unit: the points it proposes, which the committee appraises. */
    proposedPart: string;
    proposed: string;
    criterion: string;
    maxPoints: (max: string) => string;
    points: string;
    remark: string;
    notApplicablePart: string;
    notApplicableAsk: string;
    guide: (quarter: string, committee: string, organization: string, version: string) => string[];
    numberPrompt: (min?: string, max?: string, whole?: boolean) => string;
    yesNoPrompt: string;
    percentHint: string;
    errorTitle: string;
  };
  /** The appraisal workbook the scoring team fills (`cchc appraise`). */
  appraisalForm: {
    title: (quarter: string) => string;
    hint: string;
    factHeads: string[];
    criteriaPart: string;
    criterionHeads: string[];
  };
  /** The form a unit answers the appraisal with (`cchc template --explanations`). */
  explanationForm: {
    title: (quarter: string) => string;
    hint: string;
    heads: string[];
  };
  /** Both stages of an appraised quarter. */
  appraisal: {
    /** Added to every title while an explanation waits for a decision. */
    provisional: string;
    selfScore: string;
    appraisedScore: string;
    difference: string;
    selfPoints: string;
    appraisedPoints: string;
    changes: string;
    /** Round 1: the appraisal; round 2: the decision on an explanation. */
    round: (round: 1 | 2) => string;
    manualPoints: string;
    notApplicable: string;
    applicable: string;
    explanation: string;
    requested: string;
    pending: string;
    decision: (accepted: boolean) => string;
    rankingNote: string;
    selfTotal: string;
    differenceTotal: string;
  };
  year: {
    title: (year: number) => string;
    /** A quarter's column: `Quý I`. */
    quarter: (quarter: string) => string;
    score: string;
    trend: string;
    note: string;
    /** How the annual score is made, in a note under the table. */
    method: (method: 'mean' | 'weighted', weights: readonly number[] | undefined, precision: number) => string;
    trendNote: string;
    gradeNote: string;
    /** A unit without a score in these quarters. */
    unitMissing: (quarters: string) => string;
    /** A unit scored in another bloc in a quarter. */
    otherBloc: (quarter: string, bloc: string) => string;
    quartersMissing: (quarters: string) => string;
    unpublished: (quarters: string) => string;
    otherRules: string;
    chartTitle: (bloc: string, year: number) => string;
    chartAxis: string;
    mean: string;
    highest: string;
    lowest: string;
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
    rescaledNote: (total, units) =>
      `Điểm cơ bản in nghiêng: có tiêu chí không áp dụng trong quý, điểm cơ bản = điểm đạt ÷ điểm tối đa các tiêu chí được áp dụng × ${formatNumber(total, 'vi')}: ${units.join('; ')}.`,
    gradeReason: (unit, reason) => `Xếp loại của ${unit}: ${reason}.`,
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
  form: {
    guideSheet: 'Hướng dẫn',
    title: (q) => `BIỂU NHẬP SỐ LIỆU CẢI CÁCH HÀNH CHÍNH QUÝ ${romanQuarter(q)} NĂM ${parseQuarter(q).year}`,
    unitLine: (name, id, bloc) => `Đơn vị: ${name} (${id}) — ${bloc}`,
    sendTo: (committee, org) => `Gửi: Thường trực ${committee.toLocaleLowerCase('vi').replace(/^ban/, 'Ban')} — ${org}`,
    fillHint: 'Chỉ nhập vào các ô nền vàng. Ô để trống là thiếu số liệu (không phải 0).',
    no: 'STT',
    indicator: 'Chỉ số',
    measure: 'Đơn vị tính',
    value: 'Giá trị',
    source: 'Tài liệu kiểm chứng',
    note: 'Ghi chú',
    committeePart: 'PHẦN DO BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH CHẤM (đơn vị để trống)',
    proposedPart: 'ĐIỂM ĐƠN VỊ TỰ ĐỀ XUẤT cho các tiêu chí Ban chỉ đạo chấm (Ban chỉ đạo chấm chính thức khi thẩm định)',
    proposed: 'Điểm đề xuất',
    criterion: 'Tiêu chí',
    maxPoints: (max) => `tối đa ${max}`,
    points: 'Điểm chấm',
    remark: 'Nhận xét',
    notApplicablePart: 'TIÊU CHÍ KHÔNG PHÁT SINH TRONG QUÝ (chọn "Có" nếu không áp dụng)',
    notApplicableAsk: 'Không áp dụng?',
    guide: (q, committee, org, version) => [
      `Quý: ${romanQuarter(q)}/${parseQuarter(q).year}`,
      'Hạn gửi: ……………………………………',
      `Gửi về: Thường trực ${committee.toLocaleLowerCase('vi').replace(/^ban/, 'Ban')}, ${org}.`,
      'Cách nhập:',
      '1. Mỗi đơn vị có một trang mang tên đơn vị; chỉ nhập vào các ô nền vàng: Giá trị, Tài liệu kiểm chứng, Ghi chú.',
      '2. Giá trị: nhập số (ví dụ 3,4 hoặc 95) hoặc chọn Có/Không trong danh sách. Chưa có số liệu thì để trống: ô trống được tính là thiếu số liệu, không phải 0.',
      '3. Tài liệu kiểm chứng: ghi số, ngày của văn bản, báo cáo, biên bản chứng minh số liệu (ví dụ: Công văn 412/PCTV-KD ngày 02/4/2019).',
      '4. Phần do Ban chỉ đạo chấm (ô nền xám trong biểu gửi đơn vị): đơn vị để trống. Với các tiêu chí Ban chỉ đạo chấm, đơn vị có thể ghi điểm đề xuất kèm tài liệu, ghi chú; Ban chỉ đạo chấm chính thức khi thẩm định.',
      '5. Không xóa, không sao chép hàng; các cột và ô ẩn dùng để đọc số liệu tự động, xin giữ nguyên.',
      `Biểu được lập theo bộ tiêu chí phiên bản ${version}.`,
    ],
    numberPrompt: (min, max, whole) =>
      `Nhập ${whole ? 'một số nguyên' : 'một số'}${min !== undefined && max !== undefined ? ` từ ${min} đến ${max}` : min !== undefined ? ` không nhỏ hơn ${min}` : max !== undefined ? ` không lớn hơn ${max}` : ''}.`,
    yesNoPrompt: 'Chọn Có hoặc Không trong danh sách.',
    percentHint: 'Nhập 95 cho 95 %, không gõ dấu %.',
    errorTitle: 'Giá trị không hợp lệ',
  },
  appraisalForm: {
    title: (q) => `BẢNG THẨM ĐỊNH KẾT QUẢ TỰ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH QUÝ ${romanQuarter(q)} NĂM ${parseQuarter(q).year}`,
    hint: 'Tổ thẩm định chỉ nhập vào các ô nền vàng. Số liệu thẩm định: để trống nếu giữ số liệu của đơn vị; khi điều chỉnh phải ghi lý do.',
    factHeads: ['STT', 'Chỉ số', 'Đơn vị tính', 'Số liệu đơn vị', 'Tài liệu kiểm chứng của đơn vị', 'Số liệu thẩm định', 'Lý do điều chỉnh', 'Tài liệu thẩm định', '', ''],
    criteriaPart: 'CÁC TIÊU CHÍ: ĐIỂM TỰ CHẤM, ĐIỂM BAN CHỈ ĐẠO CHẤM, KHÔNG ÁP DỤNG, YÊU CẦU GIẢI TRÌNH',
    criterionHeads: ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự chấm', 'Ghi chú, tài liệu của đơn vị', 'Điểm Ban chỉ đạo chấm', 'Nhận xét, lý do', 'Tài liệu thẩm định', 'Không áp dụng', 'Yêu cầu giải trình'],
  },
  explanationForm: {
    title: (q) => `BIỂU GIẢI TRÌNH KẾT QUẢ THẨM ĐỊNH CẢI CÁCH HÀNH CHÍNH QUÝ ${romanQuarter(q)} NĂM ${parseQuarter(q).year}`,
    hint: 'Đơn vị giải trình các tiêu chí được yêu cầu, và các điều chỉnh đơn vị không đồng ý; chỉ nhập vào các ô nền vàng. Để trống nếu đồng ý với kết quả thẩm định.',
    heads: ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự chấm', 'Điểm thẩm định', 'Điều chỉnh của thẩm định, lý do', 'Yêu cầu giải trình', 'Nội dung giải trình', 'Tài liệu bổ sung'],
  },
  appraisal: {
    provisional: ' (KẾT QUẢ TẠM THỜI)',
    selfScore: 'Điểm tự chấm',
    appraisedScore: 'Điểm thẩm định',
    difference: 'Chênh lệch',
    selfPoints: 'Điểm tự chấm',
    appraisedPoints: 'Điểm thẩm định',
    changes: 'Điều chỉnh của thẩm định, lý do',
    round: (r) => (r === 1 ? 'Thẩm định' : 'Sau giải trình'),
    manualPoints: 'điểm',
    notApplicable: 'không áp dụng',
    applicable: 'áp dụng',
    explanation: 'Giải trình của đơn vị',
    requested: 'Ban chỉ đạo yêu cầu giải trình',
    pending: 'chờ Ban chỉ đạo quyết định',
    decision: (accepted) => (accepted ? 'Chấp nhận' : 'Không chấp nhận'),
    rankingNote: 'Điểm tự chấm: theo số liệu và điểm đề xuất của đơn vị. Điểm thẩm định: sau thẩm định và giải trình; là điểm xếp hạng, xếp loại. Từng điều chỉnh và lý do: xem sheet Chi tiết.',
    selfTotal: 'Tổng điểm tự chấm',
    differenceTotal: 'Chênh lệch điểm thẩm định so với tự chấm',
  },
  year: {
    title: (y) => `BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH NĂM ${y}`,
    quarter: (q) => `Quý ${romanQuarter(q)}`,
    score: 'Điểm năm',
    trend: 'Xu hướng',
    note: 'Ghi chú',
    method: (m, w, p) =>
      m === 'weighted'
        ? `Điểm năm: bình quân gia quyền điểm các quý (đã công bố), trọng số quý I–IV là ${w!.map((x) => formatNumber(x, 'vi')).join(' : ')}, làm tròn một lần đến ${p} chữ số thập phân.`
        : `Điểm năm: trung bình cộng điểm các quý (đã công bố), làm tròn một lần đến ${p} chữ số thập phân.`,
    trendNote: 'Xu hướng: điểm quý cuối trừ điểm quý đầu của đơn vị trong năm (▲ tăng, ▼ giảm, = không đổi).',
    gradeNote: 'Xếp loại năm theo điểm năm và điều kiện, tỷ lệ tối đa của từng mức trong scheme.yaml; đơn vị không được xếp một mức nhận mức kế tiếp, lý do ghi ở cột Ghi chú.',
    unitMissing: (qs) => `Không có kết quả ${qs}: điểm năm là trung bình các quý còn lại`,
    otherBloc: (q, b) => `${vi.quarter(q)} chấm theo khối ${b}`,
    quartersMissing: (qs) => `Chưa có kết quả ${qs}: điểm năm của mỗi đơn vị là trung bình các quý đã có.`,
    unpublished: (qs) => `Kết quả ${qs} chưa được công bố (chưa khóa): điểm năm có thể thay đổi.`,
    otherRules: 'Lưu ý: các quý trong năm được chấm theo bộ tiêu chí khác nhau; điểm mỗi quý được lấy như đã công bố.',
    chartTitle: (b, y) => `${b}: điểm từng quý năm ${y}`,
    chartAxis: 'Điểm',
    mean: 'Trung bình khối',
    highest: 'Cao nhất',
    lowest: 'Thấp nhất',
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
    rescaledNote: (total, units) =>
      `Base in italics: a criterion did not apply this quarter, so base = points ÷ maximum of the criteria that apply × ${formatNumber(total, 'en')}: ${units.join('; ')}.`,
    gradeReason: (unit, reason) => `Grade of ${unit}: ${reason}.`,
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
  form: {
    guideSheet: 'Instructions',
    title: (q) => `ADMINISTRATIVE REFORM EVIDENCE FORM, QUARTER ${romanQuarter(q)} ${parseQuarter(q).year}`,
    unitLine: (name, id, bloc) => `Unit: ${name} (${id}) — ${bloc}`,
    sendTo: (committee, org) => `To: the secretariat of ${committee}, ${org}`,
    fillHint: 'Type only into the yellow cells. A blank cell is missing evidence (not 0).',
    no: 'No.',
    indicator: 'Indicator',
    measure: 'Unit of measure',
    value: 'Value',
    source: 'Evidence document',
    note: 'Note',
    committeePart: 'SCORED BY THE STEERING COMMITTEE (leave blank)',
    proposedPart: 'POINTS THE UNIT PROPOSES for the criteria the committee scores (the committee sets them when it appraises)',
    proposed: 'Proposed points',
    criterion: 'Criterion',
    maxPoints: (max) => `max ${max}`,
    points: 'Points',
    remark: 'Remark',
    notApplicablePart: 'CRITERIA THAT DID NOT OCCUR THIS QUARTER (choose "Yes" if not applicable)',
    notApplicableAsk: 'Not applicable?',
    guide: (q, committee, org, version) => [
      `Quarter: ${romanQuarter(q)}/${parseQuarter(q).year}`,
      'Deadline: ……………………………………',
      `Send to: the secretariat of ${committee}, ${org}.`,
      'How to fill in:',
      '1. Each unit has a sheet named after it; type only into the yellow cells: Value, Evidence document, Note.',
      '2. Value: a number (e.g. 3.4 or 95), or Yes/No from the list. Leave it blank when there is no figure: a blank cell is missing evidence, not 0.',
      '3. Evidence document: the number and date of the letter, report or record that backs the figure.',
      '4. The part scored by the committee (grey cells in the forms sent to units): leave it blank. For the criteria the committee scores, the unit may propose points, with a document and a note; the committee sets them when it appraises.',
      '5. Do not delete or copy rows; the hidden columns and cells are read by the program, keep them as they are.',
      `Made from the scorecards version ${version}.`,
    ],
    numberPrompt: (min, max, whole) =>
      `Type ${whole ? 'a whole number' : 'a number'}${min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : ''}.`,
    yesNoPrompt: 'Choose Yes or No from the list.',
    percentHint: 'Type 95 for 95 %, without the % sign.',
    errorTitle: 'Value not allowed',
  },
  appraisalForm: {
    title: (q) => `APPRAISAL OF THE SELF-ASSESSMENT, ADMINISTRATIVE REFORM, QUARTER ${romanQuarter(q)} ${parseQuarter(q).year}`,
    hint: 'The scoring team types only into the yellow cells. Appraised value: leave blank to keep the unit\'s figure; a change needs its reason.',
    factHeads: ['No.', 'Indicator', 'Unit of measure', 'Unit\'s figure', 'Unit\'s evidence document', 'Appraised value', 'Reason for the change', 'Appraisal document', '', ''],
    criteriaPart: 'CRITERIA: SELF POINTS, THE COMMITTEE\'S POINTS, NOT APPLICABLE, EXPLANATION REQUESTED',
    criterionHeads: ['Id', 'Criterion', 'Max', 'Self points', 'Unit\'s note and document', 'Committee\'s points', 'Remark, reason', 'Appraisal document', 'Not applicable', 'Explanation requested'],
  },
  explanationForm: {
    title: (q) => `EXPLANATION OF THE APPRAISAL, ADMINISTRATIVE REFORM, QUARTER ${romanQuarter(q)} ${parseQuarter(q).year}`,
    hint: 'Explain the criteria you are asked to, and any change you disagree with; type only into the yellow cells. Leave them blank if you agree.',
    heads: ['Id', 'Criterion', 'Max', 'Self points', 'Appraised points', 'Appraisal changes, reasons', 'Explanation requested', 'Explanation', 'Supplementary document'],
  },
  appraisal: {
    provisional: ' (PROVISIONAL)',
    selfScore: 'Self score',
    appraisedScore: 'Appraised score',
    difference: 'Difference',
    selfPoints: 'Self points',
    appraisedPoints: 'Appraised points',
    changes: 'Appraisal changes, reasons',
    round: (r) => (r === 1 ? 'Appraisal' : 'After explanation'),
    manualPoints: 'points',
    notApplicable: 'not applicable',
    applicable: 'applicable',
    explanation: 'The unit\'s explanation',
    requested: 'Explanation requested by the committee',
    pending: 'awaiting the committee\'s decision',
    decision: (accepted) => (accepted ? 'Accepted' : 'Rejected'),
    rankingNote: 'Self score: from the unit\'s own figures and proposed points. Appraised score: after appraisal and explanations; it is the score ranked and graded. Each change and its reason: see the Details sheet.',
    selfTotal: 'Self score',
    differenceTotal: 'Appraised score less self score',
  },
  year: {
    title: (y) => `ADMINISTRATIVE REFORM SCORES, YEAR ${y}: SUMMARY`,
    quarter: (q) => `Q${parseQuarter(q).q}`,
    score: 'Annual score',
    trend: 'Trend',
    note: 'Notes',
    method: (m, w, p) =>
      m === 'weighted'
        ? `Annual score: the weighted mean of the quarters' published scores, weights Q1–Q4 ${w!.map((x) => formatNumber(x, 'en')).join(' : ')}, rounded half-up once to ${p} decimals.`
        : `Annual score: the mean of the quarters' published scores, rounded half-up once to ${p} decimals.`,
    trendNote: 'Trend: the unit\'s last quarter of the year less its first (▲ up, ▼ down, = unchanged).',
    gradeNote: 'Annual grades by the annual score and the conditions and quotas of each grade in scheme.yaml; a unit refused a grade gets the next one down, the reason in Notes.',
    unitMissing: (qs) => `No results in ${qs}: the annual score is the mean of the other quarters`,
    otherBloc: (q, b) => `${en.quarter(q)} scored in bloc ${b}`,
    quartersMissing: (qs) => `No results yet for ${qs}: each unit's annual score is the mean of the quarters there are.`,
    unpublished: (qs) => `${qs}: not yet published (not locked); the annual score may change.`,
    otherRules: 'Note: the quarters of the year were scored with different criteria; each quarter\'s score is taken as published.',
    chartTitle: (b, y) => `${b}: quarterly scores, ${y}`,
    chartAxis: 'Score',
    mean: 'Bloc mean',
    highest: 'Highest',
    lowest: 'Lowest',
  },
  yes: 'Yes',
  no: 'No',
};

export const LABELS: Record<Lang, Labels> = { vi, en };
