/**
 * The closed list of diagnostic codes. Codes are the stable API: tests and users rely on them;
 * message wording may change. Each entry has its default severity, the one-line explanation
 * that docs/diagnostics.md lists, and the message in Vietnamese and English.
 */

export type Severity = 'error' | 'warning';
export type Lang = 'vi' | 'en';
export type Params = Record<string, string | number>;

/** Words for JSON types and id forms, used by the schema messages. */
const WORDS: Record<string, Record<Lang, string>> = {
  number: { vi: 'một số', en: 'a number' },
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  string: { vi: 'một chuỗi văn bản', en: 'text' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  object: { vi: 'một ánh xạ (khóa: giá trị)', en: 'a mapping (key: value)' },
  array: { vi: 'một danh sách', en: 'a list' },
  null: { vi: 'rỗng', en: 'empty' },
  id: { vi: 'mã (chữ, số, "-", "_", ".", không bắt đầu bằng dấu)', en: 'id (letters, digits, "-", "_", ".", not starting with a sign)' },
  fact: { vi: 'mã chỉ số (chữ, số, "_", không bắt đầu bằng số)', en: 'fact id (letters, digits, "_", not starting with a digit)' },
  bloc: { vi: 'mã khối (chữ thường, số, "-", "_")', en: 'bloc id (lowercase letters, digits, "-", "_")' },
  quarter: { vi: 'quý (dạng YYYY-Qn, ví dụ 2019-Q1)', en: 'quarter (YYYY-Qn, e.g. 2019-Q1)' },
  other: { vi: 'giá trị', en: 'value' },
};

function words(value: string | number | undefined, lang: Lang): string {
  return String(value ?? '')
    .split(',')
    .map((w) => WORDS[w]?.[lang] ?? w)
    .join(lang === 'vi' ? ' hoặc ' : ' or ');
}

/** A number read from a YAML file or a workbook cell that cannot be held exactly (YAML_NUMBER, EVIDENCE_NUMBER). */
function unusableNumber(p: Params, lang: Lang): string {
  return lang === 'vi' ? `số ${p.value} không dùng được (không hữu hạn, hoặc vượt ±9007199254740991)` : `the number ${p.value} cannot be used (not finite, or past ±9007199254740991)`;
}

interface CodeInfo {
  severity: Severity;
  doc: string;
  vi: (p: Params) => string;
  en: (p: Params) => string;
}

export const CODES = {
  FILE_MISSING: {
    severity: 'error',
    doc: 'A file the rules folder must hold (scheme.yaml, units.yaml) is not there.',
    vi: (p) => `thiếu tệp ${p.name}`,
    en: (p) => `missing file ${p.name}`,
  },
  FILE_UNREADABLE: {
    severity: 'error',
    doc: 'A file exists but cannot be read (a folder of that name, no permission to read it).',
    vi: (p) => `không đọc được tệp: ${p.reason}`,
    en: (p) => `cannot read the file: ${p.reason}`,
  },
  FILE_TOO_LARGE: {
    severity: 'error',
    doc: 'A file is over the size cchc reads: 16 MiB for a YAML or JSON file, 20 MiB for a workbook. Real files are far smaller; split a huge evidence file by bloc.',
    vi: (p) => `tệp quá lớn: ${p.size} byte, giới hạn ${p.limit} byte`,
    en: (p) => `the file is too large: ${p.size} bytes, the limit is ${p.limit}`,
  },
  YAML_SYNTAX: {
    severity: 'error',
    doc: 'The file is not valid YAML (bad indentation, an unclosed quote, a tab used for indentation, …).',
    vi: (p) => `lỗi cú pháp YAML: ${p.detail}`,
    en: (p) => `YAML syntax error: ${p.detail}`,
  },
  YAML_DUPLICATE_KEY: {
    severity: 'error',
    doc: 'The same key appears twice in one mapping (also two keys that differ only in how their accents are encoded, NFC and NFD); YAML would silently keep only one of them.',
    vi: (p) => `khóa "${p.key}" bị lặp lại`,
    en: (p) => `key "${p.key}" appears twice`,
  },
  YAML_ENCODING: {
    severity: 'error',
    doc: 'The file is not UTF-8 text (saved as "Unicode"/UTF-16 or in an old code page, or damaged): the first bad byte is shown. Save it as UTF-8.',
    vi: (p) => `tệp không phải văn bản UTF-8 (byte 0x${p.byte}); hãy lưu lại với mã hóa UTF-8`,
    en: (p) => `the file is not UTF-8 text (byte 0x${p.byte}); save it as UTF-8`,
  },
  YAML_TAG: {
    severity: 'error',
    doc: 'A YAML tag other than the core ones (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`), or one its value does not fit: `!!binary`, `!!timestamp`, `!!set`, custom `!tags` are refused, never run or converted.',
    vi: (p) => `thẻ YAML ${p.tag} không được dùng ở đây`,
    en: (p) => `the YAML tag ${p.tag} is not allowed here`,
  },
  YAML_TOO_DEEP: {
    severity: 'error',
    doc: 'Mappings and lists nested deeper than 64 levels (the scorecard language needs about ten): refused before it can exhaust the stack.',
    vi: (p) => `lồng nhau quá sâu (tối đa ${p.limit} cấp)`,
    en: (p) => `nested too deep (at most ${p.limit} levels)`,
  },
  YAML_ALIASES: {
    severity: 'error',
    doc: 'Aliases (`*name`) that would expand past 1,000 copies, as in a "billion laughs" file, or an alias inside the value it names (`&a [*a]`, a value without end): refused instead of filling memory. Shown at the first alias.',
    vi: (p) => (p.self ? `bí danh (*alias) nằm trong chính giá trị nó chỉ tới` : `bí danh (*alias) mở rộng quá ${p.limit} lần`),
    en: (p) => (p.self ? `an alias (*alias) inside the value it names` : `aliases (*alias) expand more than ${p.limit} times`),
  },
  YAML_NUMBER: {
    severity: 'error',
    doc: 'A number that cannot be used exactly: `.nan`, `.inf`, one too large for a double (`1e309` reads as infinity), or a whole number past ±9,007,199,254,740,991 (2^53 − 1), beyond which not every whole number can be held.',
    vi: (p) => unusableNumber(p, 'vi'),
    en: (p) => unusableNumber(p, 'en'),
  },
  SCHEMA_UNKNOWN_KEY: {
    severity: 'error',
    doc: 'A key the scorecard language does not have (often a typo); the message names the allowed keys.',
    vi: (p) => `khóa không hợp lệ "${p.key}"; các khóa hợp lệ: ${p.allowed}`,
    en: (p) => `unknown key "${p.key}"; allowed keys: ${p.allowed}`,
  },
  SCHEMA_MISSING_KEY: {
    severity: 'error',
    doc: 'A required key is missing.',
    vi: (p) => `thiếu khóa bắt buộc "${p.key}"`,
    en: (p) => `missing required key "${p.key}"`,
  },
  SCHEMA_TYPE: {
    severity: 'error',
    doc: 'A value has the wrong type (text where a number is expected, a list where a mapping is expected, …).',
    vi: (p) => `giá trị phải là ${words(p.expected, 'vi')}`,
    en: (p) => `value must be ${words(p.expected, 'en')}`,
  },
  SCHEMA_ENUM: {
    severity: 'error',
    doc: 'A value is not one of the allowed words.',
    vi: (p) => `giá trị phải là một trong: ${p.allowed}`,
    en: (p) => `value must be one of: ${p.allowed}`,
  },
  SCHEMA_PATTERN: {
    severity: 'error',
    doc: 'An id or code does not have the required form (ids: letters, digits, "-", "_", "."; fact ids: letters, digits, "_").',
    vi: (p) => `"${p.value}" không đúng định dạng ${words(p.kind, 'vi')}`,
    en: (p) => `"${p.value}" is not a valid ${words(p.kind, 'en')}`,
  },
  SCHEMA_RANGE: {
    severity: 'error',
    doc: 'A number is outside its allowed range (for example a maximum of 0 points, or a negative precision).',
    vi: (p) => `giá trị phải ${p.op} ${p.limit}`,
    en: (p) => `value must be ${p.op} ${p.limit}`,
  },
  SCHEMA_ONE_OF: {
    severity: 'error',
    doc: 'A value must take exactly one of several forms, e.g. a `score` with exactly one method, a band step with exactly one comparator.',
    vi: (p) => `phải có đúng một trong: ${p.options}`,
    en: (p) => `must have exactly one of: ${p.options}`,
  },
  SCHEMA_EMPTY: {
    severity: 'error',
    doc: 'A list or mapping that must not be empty is empty.',
    vi: () => `không được để trống`,
    en: () => `must not be empty`,
  },
  SCHEMA_INVALID: {
    severity: 'error',
    doc: 'Any other violation of the JSON Schema.',
    vi: (p) => `không hợp lệ: ${p.detail}`,
    en: (p) => `invalid: ${p.detail}`,
  },
  SCORECARD_DUPLICATE_BLOC: {
    severity: 'error',
    doc: 'A bloc id is listed twice in scheme.yaml, or the rules folder holds two files for one bloc (X.yaml and X.yml).',
    vi: (p) => `khối "${p.id}" bị khai báo hai lần (lần đầu tại ${p.first})`,
    en: (p) => `bloc "${p.id}" is declared twice (first at ${p.first})`,
  },
  SCORECARD_DUPLICATE_UNIT: {
    severity: 'error',
    doc: 'Two units have the same id.',
    vi: (p) => `mã đơn vị "${p.id}" bị trùng (lần đầu tại ${p.first})`,
    en: (p) => `unit id "${p.id}" is used twice (first at ${p.first})`,
  },
  SCORECARD_DUPLICATE_SECTION: {
    severity: 'error',
    doc: 'Two sections of one bloc have the same id.',
    vi: (p) => `mã mục "${p.id}" bị trùng (lần đầu tại ${p.first})`,
    en: (p) => `section id "${p.id}" is used twice (first at ${p.first})`,
  },
  SCORECARD_DUPLICATE_CRITERION: {
    severity: 'error',
    doc: 'Two criteria of one bloc (in any section, bonus or penalty) have the same id.',
    vi: (p) => `mã tiêu chí "${p.id}" bị trùng (lần đầu tại ${p.first})`,
    en: (p) => `criterion id "${p.id}" is used twice (first at ${p.first})`,
  },
  SCORECARD_UNKNOWN_BLOC: {
    severity: 'error',
    doc: 'A unit names a bloc that scheme.yaml does not list.',
    vi: (p) => `khối "${p.bloc}" không có trong scheme.yaml (các khối: ${p.known})`,
    en: (p) => `bloc "${p.bloc}" is not in scheme.yaml (blocs: ${p.known})`,
  },
  SCORECARD_BLOC_FILE_MISSING: {
    severity: 'error',
    doc: 'scheme.yaml lists a bloc but the rules folder has no <bloc>.yaml for it.',
    vi: (p) => `khối "${p.bloc}" không có tệp ${p.file}`,
    en: (p) => `bloc "${p.bloc}" has no file ${p.file}`,
  },
  SCORECARD_BLOC_NOT_IN_SCHEME: {
    severity: 'error',
    doc: 'A bloc file is in the rules folder but its bloc is not listed under `blocs` in scheme.yaml.',
    vi: (p) => `khối "${p.bloc}" không được liệt kê trong "blocs" của scheme.yaml`,
    en: (p) => `bloc "${p.bloc}" is not listed under "blocs" in scheme.yaml`,
  },
  SCORECARD_BLOC_FILE_NAME: {
    severity: 'error',
    doc: 'The `bloc` id inside a bloc file differs from the file name (the file for bloc X must be X.yaml).',
    vi: (p) => `tệp ${p.file} phải khai báo bloc: ${p.expected}, không phải "${p.bloc}"`,
    en: (p) => `file ${p.file} must declare bloc: ${p.expected}, not "${p.bloc}"`,
  },
  SCORECARD_BLOC_NO_UNITS: {
    severity: 'error',
    doc: 'A bloc listed in scheme.yaml has no unit in units.yaml.',
    vi: (p) => `khối "${p.bloc}" không có đơn vị nào trong units.yaml`,
    en: (p) => `bloc "${p.bloc}" has no unit in units.yaml`,
  },
  SCORECARD_UNKNOWN_FACT: {
    severity: 'error',
    doc: 'A criterion or condition reads a fact that the bloc does not declare under `facts`.',
    vi: (p) => `chỉ số "${p.fact}" chưa được khai báo trong "facts"${p.hint ? `; có phải ý là "${p.hint}"?` : ''}`,
    en: (p) => `fact "${p.fact}" is not declared under "facts"${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  },
  SCORECARD_FACT_TYPE: {
    severity: 'error',
    doc: 'A fact of the wrong type for the method or comparison that reads it (e.g. `check` on a number, `linear` on a boolean, `equals: "x"` on a number).',
    vi: (p) => `"${p.what}" cần chỉ số kiểu ${p.expected}, nhưng "${p.fact}" có kiểu ${p.actual}`,
    en: (p) => `"${p.what}" needs a fact of type ${p.expected}, but "${p.fact}" is of type ${p.actual}`,
  },
  SCORECARD_UNUSED_FACT: {
    severity: 'warning',
    doc: 'A declared fact is read by no criterion: units would be asked for evidence that counts for nothing.',
    vi: (p) => `chỉ số "${p.fact}" được khai báo nhưng không tiêu chí nào sử dụng`,
    en: (p) => `fact "${p.fact}" is declared but no criterion reads it`,
  },
  SCORECARD_FACT_RANGE: {
    severity: 'error',
    doc: 'A fact declares `min` greater than `max`.',
    vi: (p) => `min (${p.min}) lớn hơn max (${p.max})`,
    en: (p) => `min (${p.min}) is greater than max (${p.max})`,
  },
  SCORECARD_FROM_TYPE: {
    severity: 'error',
    doc: 'A fact computed with `from` must be of type number and takes no `min`/`max` (its value comes from scores).',
    vi: () => `chỉ số tính từ khối khác ("from") phải có type: number và không khai báo min/max`,
    en: () => `a fact computed with "from" must have type: number and no min/max`,
  },
  SCORECARD_FROM_UNKNOWN_BLOC: {
    severity: 'error',
    doc: '`from.bloc` names a bloc that scheme.yaml does not list.',
    vi: (p) => `"from" chỉ đến khối không tồn tại "${p.bloc}"`,
    en: (p) => `"from" names an unknown bloc "${p.bloc}"`,
  },
  SCORECARD_FROM_UNKNOWN_SECTION: {
    severity: 'error',
    doc: '`from.of` is neither `score`, `base` nor a section id of the bloc named in `from.bloc`.',
    vi: (p) => `"of: ${p.of}" không phải score, base hay mã mục của khối "${p.bloc}" (các mục: ${p.known})`,
    en: (p) => `"of: ${p.of}" is not score, base or a section of bloc "${p.bloc}" (sections: ${p.known})`,
  },
  SCORECARD_FROM_CYCLE: {
    severity: 'error',
    doc: 'Blocs depend on each other in a circle through `from` facts, so no order can score them; the message names the cycle.',
    vi: (p) => `vòng phụ thuộc giữa các khối qua "from": ${p.cycle}`,
    en: (p) => `blocs depend on each other in a cycle through "from": ${p.cycle}`,
  },
  SCORECARD_MAX_MISMATCH: {
    severity: 'error',
    doc: 'The maxima of the criteria in `sections` do not add up to the bloc `total`.',
    vi: (p) => `điểm tối đa các tiêu chí cộng lại là ${p.sum}, tổng điểm (total) là ${p.total}`,
    en: (p) => `sections add up to ${p.sum}, total is ${p.total}`,
  },
  SCORECARD_PRECISION: {
    severity: 'error',
    doc: 'A criterion\'s `max` has more decimals than the scheme\'s `precision`: the rounded sums of maxima would no longer match the bloc total.',
    vi: (p) => `điểm tối đa ${p.value} có nhiều chữ số thập phân hơn độ chính xác (precision: ${p.precision})`,
    en: (p) => `max ${p.value} has more decimals than the scheme's precision (${p.precision})`,
  },
  SCORECARD_POINTS_ABOVE_MAX: {
    severity: 'error',
    doc: 'A step, rule, deduction or count gives more points than the criterion\'s `max`.',
    vi: (p) => `${p.points} điểm vượt quá điểm tối đa ${p.max} của tiêu chí`,
    en: (p) => `${p.points} points exceed the criterion's max of ${p.max}`,
  },
  SCORECARD_CHECKLIST_SUM: {
    severity: 'error',
    doc: 'The points of a `checklist`\'s items do not add up to the criterion\'s `max`.',
    vi: (p) => `điểm các mục kiểm cộng lại là ${p.sum}, điểm tối đa là ${p.max}`,
    en: (p) => `checklist items add up to ${p.sum}, max is ${p.max}`,
  },
  SCORECARD_BAND_UNREACHABLE: {
    severity: 'error',
    doc: 'A band step can never match: earlier steps already take every value it covers (steps out of order), or it lies outside the fact\'s declared min/max.',
    vi: (p) =>
      p.kind === 'fraction'
        ? `bậc ${p.step} không bao giờ được áp dụng: chỉ số "${p.fact}" là số nguyên`
        : p.kind === 'domain'
        ? `bậc ${p.step} không bao giờ được áp dụng: nằm ngoài khoảng min/max của chỉ số "${p.fact}"`
        : p.kind === 'otherwise'
          ? `bậc "otherwise" không bao giờ được áp dụng: các bậc trước đã nhận mọi giá trị`
          : `bậc ${p.step} không bao giờ được áp dụng: các bậc trước đã nhận mọi giá trị của nó (xếp bậc chặt nhất lên trước)`,
    en: (p) =>
      p.kind === 'fraction'
        ? `step ${p.step} can never match: fact "${p.fact}" is a whole number`
        : p.kind === 'domain'
        ? `step ${p.step} can never match: it lies outside the min/max of fact "${p.fact}"`
        : p.kind === 'otherwise'
          ? `the "otherwise" step can never match: earlier steps take every value`
          : `step ${p.step} can never match: earlier steps already take every value it covers (put the strictest step first)`,
  },
  SCORECARD_BAND_OTHERWISE: {
    severity: 'error',
    doc: '`otherwise` must be the last step of `bands`, and appear once; without it, values no step matches would have no points.',
    vi: (p) => (p.problem === 'missing' ? `"bands" phải kết thúc bằng bậc {otherwise: điểm}` : `bậc "otherwise" phải là bậc cuối cùng`),
    en: (p) => (p.problem === 'missing' ? `"bands" must end with an {otherwise: points} step` : `the "otherwise" step must be the last`),
  },
  SCORECARD_LINEAR_FLAT: {
    severity: 'error',
    doc: '`linear` has `zeroAt` equal to `fullAt`, so there is no range to scale over.',
    vi: (p) => `zeroAt và fullAt bằng nhau (${p.value})`,
    en: (p) => `zeroAt equals fullAt (${p.value})`,
  },
  SCORECARD_FLOOR_ABOVE_MAX: {
    severity: 'error',
    doc: 'A `deduct` floor is not below the criterion\'s `max`, so nothing could ever be deducted.',
    vi: (p) => `floor (${p.floor}) phải nhỏ hơn điểm tối đa ${p.max}`,
    en: (p) => `floor (${p.floor}) must be below the max of ${p.max}`,
  },
  SCORECARD_GRADES_ORDER: {
    severity: 'error',
    doc: 'Grades must be listed from the highest `min` down, each strictly below the one before.',
    vi: (p) => `xếp loại phải theo thứ tự giảm dần: ${p.min} không nhỏ hơn ${p.previous}`,
    en: (p) => `grades must be in descending order: ${p.min} is not below ${p.previous}`,
  },
  SCORECARD_GRADES_LAST: {
    severity: 'error',
    doc: 'Every grade but the last needs a `min`; the last takes every lower score and has none.',
    vi: (p) => (p.problem === 'last' ? `xếp loại cuối cùng không được có "min" (nhận mọi điểm thấp hơn)` : `chỉ xếp loại cuối cùng được bỏ "min"`),
    en: (p) => (p.problem === 'last' ? `the last grade must have no "min" (it takes every lower score)` : `only the last grade may omit "min"`),
  },
  SCORECARD_GRADE_CONDITION: {
    severity: 'error',
    doc: 'A grade\'s `unless` or `maxShare` cannot be applied: a condition names both a penalty and a quarter grade (or neither, or `above` without a penalty), a penalty id that no bloc has, a quarter grade that scheme.yaml does not have, or a quarter grade in the quarters\' own grades (only the year\'s grades can ask what a quarter was graded); or the last grade, which takes every unit refused above it, has a quota or conditions.',
    vi: (p) =>
      p.problem === 'both'
        ? 'mỗi điều kiện là một "penalty" (kèm "above") hoặc một "quarterGrade", không cả hai'
        : p.problem === 'neither'
          ? 'điều kiện cần "penalty" (kèm "above") hoặc "quarterGrade"'
          : p.problem === 'unknownPenalty'
            ? `không khối nào có tiêu chí điểm trừ "${p.id}"${p.hint ? `; có phải ý là "${p.hint}"?` : ''} (các điểm trừ: ${p.known})`
            : p.problem === 'unknownGrade'
              ? `xếp loại quý "${p.label}" không có trong grades của scheme.yaml (${p.known})`
              : p.problem === 'quarterly'
                ? `"quarterGrade" chỉ dùng trong xếp loại năm (year.grades): xếp loại quý không xét được xếp loại của chính quý đó`
                : `xếp loại cuối cùng nhận mọi đơn vị bị từ chối ở trên: không được có "${p.key}"`,
    en: (p) =>
      p.problem === 'both'
        ? 'each condition is one "penalty" (with "above") or one "quarterGrade", not both'
        : p.problem === 'neither'
          ? 'a condition needs "penalty" (with "above") or "quarterGrade"'
          : p.problem === 'unknownPenalty'
            ? `no bloc has a penalty criterion "${p.id}"${p.hint ? `; did you mean "${p.hint}"?` : ''} (penalties: ${p.known})`
            : p.problem === 'unknownGrade'
              ? `quarter grade "${p.label}" is not among the grades of scheme.yaml (${p.known})`
              : p.problem === 'quarterly'
                ? `"quarterGrade" belongs to the year's grades (year.grades): a quarter's grade cannot depend on a quarter's grade`
                : `the last grade takes every unit refused above it: it cannot have "${p.key}"`,
  },
  SCORECARD_GRADE_DUPLICATE: {
    severity: 'error',
    doc: 'Two grades of one list have the same label: a condition on a quarter grade, and the count of units per grade, could not tell them apart.',
    vi: (p) => `xếp loại "${p.label}" có hai lần; lần đầu tại ${p.first}`,
    en: (p) => `grade "${p.label}" appears twice; first at ${p.first}`,
  },
  SCORECARD_YEAR_WEIGHTS: {
    severity: 'error',
    doc: '`year:` in scheme.yaml: `method: weighted` needs `weights`, four numbers for Q1 to Q4, not all zero; `weights` with `method: mean` (the default) would be ignored.',
    vi: (p) =>
      p.problem === 'missing'
        ? 'method: weighted cần weights: bốn trọng số, quý I đến quý IV'
        : p.problem === 'unused'
          ? 'weights chỉ dùng với method: weighted (mặc định là mean, trung bình cộng)'
          : p.problem === 'length'
            ? `cần bốn trọng số, quý I đến quý IV; có ${p.count}`
            : 'các trọng số không được đều bằng 0',
    en: (p) =>
      p.problem === 'missing'
        ? 'method: weighted needs weights: four numbers, Q1 to Q4'
        : p.problem === 'unused'
          ? 'weights are only used with method: weighted (the default is mean)'
          : p.problem === 'length'
            ? `four weights are needed, Q1 to Q4; found ${p.count}`
            : 'the weights cannot all be 0',
  },
  SCORECARD_UNKNOWN_OPERATOR: {
    severity: 'error',
    doc: 'A condition uses an operator json-rules-engine does not have.',
    vi: (p) => `toán tử "${p.operator}" không tồn tại${p.hint ? `; có phải ý là "${p.hint}"?` : ''}`,
    en: (p) => `operator "${p.operator}" does not exist${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  },
  SCORECARD_CONDITION_PATH: {
    severity: 'error',
    doc: 'The `path` key in conditions is refused: it runs JSONPath expressions, which scorecards do not need.',
    vi: () => `khóa "path" không được phép trong điều kiện`,
    en: () => `the "path" key is not allowed in conditions`,
  },
  SCORECARD_CONDITION_TYPE: {
    severity: 'error',
    doc: 'A condition uses an operator that does not fit its fact (e.g. `lessThan` on a boolean, `contains` on a single value), or a condition or band step (`equals`) compares the fact with a value of another type.',
    vi: (p) =>
      p.problem === 'operator'
        ? `toán tử "${p.operator}" không dùng được với chỉ số "${p.fact}" kiểu ${p.type}`
        : `giá trị so sánh của "${p.operator}" phải là ${words(p.expected, 'vi')} như chỉ số "${p.fact}"`,
    en: (p) =>
      p.problem === 'operator'
        ? `operator "${p.operator}" does not apply to fact "${p.fact}" of type ${p.type}`
        : `the value compared by "${p.operator}" must be ${words(p.expected, 'en')}, to match fact "${p.fact}"`,
  },
  SCORECARD_UNKNOWN_SECTION: {
    severity: 'error',
    doc: '`tiebreak` names a section the bloc does not have.',
    vi: (p) => `mục "${p.id}" không có trong khối (các mục: ${p.known})`,
    en: (p) => `section "${p.id}" is not in this bloc (sections: ${p.known})`,
  },
  EVIDENCE_NOT_FOUND: {
    severity: 'error',
    doc: 'The evidence path names no file, or a folder without any .yaml, .yml or .json file.',
    vi: (p) => `không có tệp số liệu nào tại ${p.path}`,
    en: (p) => `no evidence file at ${p.path}`,
  },
  EVIDENCE_FILE_TYPE: {
    severity: 'error',
    doc: 'An evidence file of a kind not read (.xls, .xlsm, .ods, .csv, …): save it as .xlsx, or write YAML. An error for a file named on the command line, a warning for one found in a folder.',
    vi: (p) => `tệp ${p.ext} không được đọc; hãy lưu thành .xlsx (biểu nhập) hoặc dùng .yaml/.json`,
    en: (p) => `${p.ext} files are not read; save it as .xlsx (the form) or use .yaml/.json`,
  },
  EVIDENCE_QUARTER: {
    severity: 'error',
    doc: 'An evidence file is for another quarter than `--quarter`, or than the other files of the folder.',
    vi: (p) => `số liệu của quý ${p.quarter}, nhưng đang chấm quý ${p.expected}`,
    en: (p) => `evidence for ${p.quarter}, but the quarter scored is ${p.expected}`,
  },
  EVIDENCE_UNKNOWN_UNIT: {
    severity: 'error',
    doc: 'Evidence for a unit id that units.yaml does not have.',
    vi: (p) => `đơn vị "${p.unit}" không có trong units.yaml${p.hint ? `; có phải ý là "${p.hint}"?` : ''}`,
    en: (p) => `unit "${p.unit}" is not in units.yaml${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  },
  EVIDENCE_UNIT_TWICE: {
    severity: 'error',
    doc: 'The same unit has evidence in two files of the folder.',
    vi: (p) => `đơn vị "${p.unit}" đã có số liệu tại ${p.first}`,
    en: (p) => `unit "${p.unit}" already has evidence at ${p.first}`,
  },
  EVIDENCE_UNIT_MISSING: {
    severity: 'error',
    doc: 'A unit of units.yaml has no evidence in any file (reported at the unit in units.yaml).',
    vi: (p) => `đơn vị "${p.unit}" không có số liệu trong ${p.path}`,
    en: (p) => `unit "${p.unit}" has no evidence in ${p.path}`,
  },
  EVIDENCE_UNKNOWN_FACT: {
    severity: 'error',
    doc: 'A fact the unit\'s bloc does not declare, or one computed from another bloc (`from`), which evidence cannot set.',
    vi: (p) => (p.computed ? `chỉ số "${p.fact}" được tính từ kết quả khối khác, không nhập` : `khối "${p.bloc}" không có chỉ số "${p.fact}"${p.hint ? `; có phải ý là "${p.hint}"?` : ''}`),
    en: (p) => (p.computed ? `fact "${p.fact}" is computed from another bloc's results, not entered` : `bloc "${p.bloc}" has no fact "${p.fact}"${p.hint ? `; did you mean "${p.hint}"?` : ''}`),
  },
  EVIDENCE_TYPE: {
    severity: 'error',
    doc: 'A value of the wrong type for its fact (text for a number, a fraction for an integer, …), or not a finite number.',
    vi: (p) => `"${p.fact}" phải là ${words(p.expected, 'vi')}, không phải ${p.value}`,
    en: (p) => `"${p.fact}" must be ${words(p.expected, 'en')}, not ${p.value}`,
  },
  EVIDENCE_RANGE: {
    severity: 'error',
    doc: 'A value outside its fact\'s declared `min`/`max`.',
    vi: (p) => `"${p.fact}" = ${p.value} nằm ngoài khoảng [${p.min}, ${p.max}]`,
    en: (p) => `"${p.fact}" = ${p.value} is outside [${p.min}, ${p.max}]`,
  },
  EVIDENCE_MANUAL: {
    severity: 'error',
    doc: 'Manual points for a criterion that is not `manual`, or above the criterion\'s max.',
    vi: (p) => (p.problem === 'max' ? `${p.points} điểm vượt quá điểm tối đa ${p.max} của tiêu chí ${p.criterion}` : `tiêu chí "${p.criterion}" không chấm trực tiếp (manual)`),
    en: (p) => (p.problem === 'max' ? `${p.points} points exceed the max of ${p.max} of criterion ${p.criterion}` : `criterion "${p.criterion}" is not scored manually`),
  },
  EVIDENCE_NOT_APPLICABLE: {
    severity: 'error',
    doc: '`not_applicable` lists a criterion the bloc does not have, or one without `allowNotApplicable: true`.',
    vi: (p) => (p.problem === 'unknown' ? `khối không có tiêu chí "${p.criterion}"` : `tiêu chí "${p.criterion}" không được phép đánh dấu "không áp dụng"`),
    en: (p) => (p.problem === 'unknown' ? `the bloc has no criterion "${p.criterion}"` : `criterion "${p.criterion}" may not be marked not applicable`),
  },
  EVIDENCE_MISSING: {
    severity: 'error',
    doc: 'A value a criterion needs is not given (a fact, or the points of a manual criterion). `--missing zero` scores such criteria 0 and marks them missing instead.',
    vi: (p) => (p.fact ? `đơn vị "${p.unit}" thiếu chỉ số "${p.fact}" (${p.label}) cho tiêu chí ${p.criterion}` : `đơn vị "${p.unit}" thiếu điểm chấm trực tiếp của tiêu chí ${p.criterion}`),
    en: (p) => (p.fact ? `unit "${p.unit}" lacks fact "${p.fact}" (${p.label}) for criterion ${p.criterion}` : `unit "${p.unit}" lacks the manual points of criterion ${p.criterion}`),
  },
  EVIDENCE_DECIMAL_COMMA: {
    severity: 'warning',
    doc: 'A workbook cell holds a number as text with a decimal comma ("3,4"); it is read as 3.4. Type numbers into the cell as numbers to silence this.',
    vi: (p) => `"${p.text}" là chữ, được đọc là số ${String(p.value).replace('.', ',')}`,
    en: (p) => `"${p.text}" is text, read as the number ${p.value}`,
  },
  EVIDENCE_PERCENT: {
    severity: 'warning',
    doc: 'A workbook cell shows its number as a percentage ("95%" typed into it is stored as 0.95); the figure meant is read, 95. Type 95 into a plain cell to silence this.',
    vi: (p) => `ô định dạng phần trăm lưu ${String(p.stored).replace('.', ',')}, được đọc là ${String(p.value).replace('.', ',')}`,
    en: (p) => `the cell is formatted as a percentage and holds ${p.stored}; read as ${p.value}`,
  },
  EVIDENCE_ROW_TWICE: {
    severity: 'error',
    doc: 'An evidence form has two rows for the same fact or criterion (a row copied); the run stops until one is removed.',
    vi: (p) => `hàng "${p.key}" đã có tại ${p.first}`,
    en: (p) => `row "${p.key}" already appears at ${p.first}`,
  },
  EVIDENCE_FORMULA: {
    severity: 'error',
    doc: 'A workbook cell holds a formula without a computed value (the file was written by a program that does not calculate); open and save it in Excel or LibreOffice, or type the value.',
    vi: () => `ô có công thức nhưng chưa có giá trị tính sẵn; hãy mở và lưu lại tệp bằng Excel, hoặc nhập giá trị`,
    en: () => `the cell holds a formula with no computed value; open and save the file in Excel, or type the value`,
  },
  EVIDENCE_NUMBER: {
    severity: 'error',
    doc: 'A workbook cell holds a number that cannot be used exactly: not finite, or a whole number past ±9,007,199,254,740,991 (2^53 − 1), typed or as digits in text. The same rule as `YAML_NUMBER`.',
    vi: (p) => unusableNumber(p, 'vi'),
    en: (p) => unusableNumber(p, 'en'),
  },
  EVIDENCE_WORKBOOK_FORMAT: {
    severity: 'error',
    doc: 'A `.xlsx` evidence file that is not an Excel workbook (not a zip; an old `.xls` or other binary file; a zip Excel would not write). Save it from Excel as .xlsx.',
    vi: (p) => `tệp không phải sổ Excel .xlsx (${({ 'not-zip': 'không phải tệp zip', ole: 'tệp nhị phân kiểu cũ, ví dụ .xls', zip64: 'zip64', method: 'kiểu nén lạ' } as Params)[String(p.what)] ?? p.what}); hãy lưu lại từ Excel dưới dạng .xlsx`,
    en: (p) => `not an Excel .xlsx workbook (${({ 'not-zip': 'not a zip file', ole: 'an old binary file such as .xls', zip64: 'zip64', method: 'an unusual compression' } as Params)[String(p.what)] ?? p.what}); save it from Excel as .xlsx`,
  },
  EVIDENCE_WORKBOOK_ENCRYPTED: {
    severity: 'error',
    doc: 'A workbook saved with a password to open it: its contents cannot be read. Save it without the password (sheet protection without a password, as the forms have, is fine).',
    vi: () => `sổ Excel được đặt mật khẩu mở tệp; hãy lưu lại không có mật khẩu`,
    en: () => `the workbook is encrypted with a password; save it without one`,
  },
  EVIDENCE_WORKBOOK_LIMIT: {
    severity: 'error',
    doc: 'A workbook past what a form can need, refused before it fills memory (a zip bomb, a pasted million rows): more than 5,000 parts, a part unpacking past 16 MiB, 64 MiB unpacked in all, a sheet whose merged, validated or linked ranges cover more than 100,000 cells (`Z1:XFD1048576` is a few bytes, but each of its cells would be marked), a part read of more than 500,000 XML elements (16 MiB of empty cells or of one-letter strings), or a form sheet longer than 5,000 rows.',
    vi: (p) => `sổ Excel vượt giới hạn: ${({ entries: 'số phần trong tệp', part: `phần ${p.part} khi giải nén (byte)`, unpacked: 'tổng dung lượng giải nén (byte)', rows: `số dòng của trang ${p.part}`, ranges: `số ô của các vùng gộp ô, kiểm tra dữ liệu, liên kết trong ${p.part}`, elements: `số phần tử XML của ${p.part}` } as Params)[String(p.what)]} tối đa ${p.limit}`,
    en: (p) => `the workbook is past a limit: ${({ entries: 'parts in the file', part: `part ${p.part} unpacked (bytes)`, unpacked: 'bytes unpacked in all', rows: `rows of sheet ${p.part}`, ranges: `cells in the merged, validated and linked ranges of ${p.part}`, elements: `XML elements of ${p.part}` } as Params)[String(p.what)]} at most ${p.limit}`,
  },
  EVIDENCE_SHEET_HIDDEN: {
    severity: 'error',
    doc: 'A form sheet is hidden: what is scored must be what the committee sees when it opens the file. Unhide the sheet, or delete it.',
    vi: (p) => `trang biểu "${p.sheet}" đang bị ẩn; hãy hiện trang hoặc xóa nó`,
    en: (p) => `form sheet "${p.sheet}" is hidden; unhide or delete it`,
  },
  EVIDENCE_NOT_A_FORM: {
    severity: 'error',
    doc: 'A workbook given as evidence has no sheet made by `cchc template` (a form sheet keeps a marker in its hidden cell A1).',
    vi: () => `tệp Excel không có trang biểu nhập số liệu nào do cchc template tạo`,
    en: () => `the workbook has no evidence form sheet made by cchc template`,
  },
  EVIDENCE_FORM_QUARTER: {
    severity: 'warning',
    doc: 'A form made for another quarter than the one scored (a unit reused last quarter\'s form); its values are read for the quarter scored. An error with `--strict`.',
    vi: (p) => `biểu nhập được lập cho quý ${p.quarter}, đang chấm quý ${p.expected}`,
    en: (p) => `the form was made for ${p.quarter}, the quarter scored is ${p.expected}`,
  },
  EVIDENCE_QUARTER_UNKNOWN: {
    severity: 'error',
    doc: 'Only evidence forms were given, without `--quarter`, and they were made for different quarters: which quarter is scored is not guessed.',
    vi: (p) => `các biểu nhập được lập cho nhiều quý (${p.quarters}); hãy chỉ rõ quý cần chấm bằng --quarter`,
    en: (p) => `the forms were made for different quarters (${p.quarters}); say which quarter to score with --quarter`,
  },
  EVIDENCE_FORM_RULES: {
    severity: 'warning',
    doc: 'A form made from other scorecard files than those scored (another rules digest): rows may be missing or no longer asked. An error with `--strict`.',
    vi: () => `biểu nhập được lập theo bộ tiêu chí khác với bộ tiêu chí đang dùng để chấm`,
    en: () => `the form was made from other scorecards than those scored`,
  },
  TEST_UNKNOWN_BLOC: {
    severity: 'error',
    doc: 'A scorecard test file (`rules/tests/*.yaml`) names a bloc the rules do not have.',
    vi: (p) => `không có khối "${p.bloc}"${p.hint ? `; có phải ý là "${p.hint}"?` : ''}`,
    en: (p) => `there is no bloc "${p.bloc}"${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  },
  TEST_EXPECT: {
    severity: 'error',
    doc: 'A test case expects a key that is neither a criterion or section id of the bloc nor base, bonus, penalty, score or grade; or a number for grade, or text for points; or a grade the scheme does not have.',
    vi: (p) =>
      p.problem === 'unknown'
        ? `"${p.key}" không phải mã tiêu chí, mã phần, base, bonus, penalty, score hay grade${p.hint ? `; có phải ý là "${p.hint}"?` : ''}`
        : p.problem === 'grade'
          ? `xếp loại "${p.value}" không có trong scheme.yaml (${p.known})`
          : `"${p.key}" phải là ${p.key === 'grade' ? 'một xếp loại' : 'một số điểm'}`,
    en: (p) =>
      p.problem === 'unknown'
        ? `"${p.key}" is not a criterion or section id, base, bonus, penalty, score or grade${p.hint ? `; did you mean "${p.hint}"?` : ''}`
        : p.problem === 'grade'
          ? `grade "${p.value}" is not in scheme.yaml (${p.known})`
          : `"${p.key}" must be ${p.key === 'grade' ? 'a grade' : 'a number of points'}`,
  },
  TEST_MISSING: {
    severity: 'error',
    doc: 'A test case checks a criterion (directly, or through a section, base, bonus, penalty, score or grade) without giving a fact it reads or its manual points; a fact left out is an error in the test, never a silent zero.',
    vi: (p) => (p.fact ? `ca kiểm thử kiểm tra ${p.criterion} nhưng không cho chỉ số "${p.fact}"` : `ca kiểm thử kiểm tra ${p.criterion} nhưng không cho điểm chấm trực tiếp (manual)`),
    en: (p) => (p.fact ? `the case checks ${p.criterion} but does not give fact "${p.fact}"` : `the case checks ${p.criterion} but does not give its manual points`),
  },
  APPRAISAL_QUARTER: {
    severity: 'error',
    doc: 'The appraisal is for another quarter than the evidence scored.',
    vi: (p) => `kết quả thẩm định của quý ${p.quarter}, nhưng đang chấm quý ${p.expected}`,
    en: (p) => `the appraisal is for ${p.quarter}, but the quarter scored is ${p.expected}`,
  },
  APPRAISAL_RULES: {
    severity: 'error',
    doc: 'An appraisal workbook made from other scorecards than those scored (its hidden stamp holds their digest): make it again with `cchc appraise`.',
    vi: () => 'bảng thẩm định được lập theo bộ tiêu chí khác với bộ đang chấm; hãy lập lại bằng cchc appraise',
    en: () => 'the appraisal workbook was made from other scorecards than those scored; make it again with cchc appraise',
  },
  APPRAISAL_UNKNOWN_UNIT: {
    severity: 'error',
    doc: 'The appraisal names a unit that units.yaml does not have.',
    vi: (p) => `đơn vị "${p.unit}" không có trong units.yaml${p.hint ? `; có phải ý là "${p.hint}"?` : ''}`,
    en: (p) => `unit "${p.unit}" is not in units.yaml${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  },
  APPRAISAL_FACT_NOT_GIVEN: {
    severity: 'error',
    doc: 'The appraisal corrects a fact the unit did not give: there is no figure of the unit\'s to correct (the unit must send it, or the criterion be marked missing or not applicable).',
    vi: (p) => `đơn vị "${p.unit}" không kê khai chỉ số "${p.fact}", nên không có số liệu để thẩm định lại`,
    en: (p) => `unit "${p.unit}" did not give fact "${p.fact}": there is no figure of its own to correct`,
  },
  APPRAISAL_SAME_VALUE: {
    severity: 'warning',
    doc: 'A corrected value equal to the unit\'s own: nothing changes, and no change is recorded.',
    vi: (p) => `giá trị thẩm định của "${p.fact}" (${p.value}) bằng số liệu đơn vị đã kê khai; không có thay đổi`,
    en: (p) => `the appraised value of "${p.fact}" (${p.value}) equals the unit's own; nothing changes`,
  },
  APPRAISAL_UNKNOWN_CRITERION: {
    severity: 'error',
    doc: '`explain` or `explanations` names a criterion the unit\'s bloc does not have.',
    vi: (p) => `khối không có tiêu chí "${p.criterion}"${p.hint ? `; có phải ý là "${p.hint}"?` : ''}`,
    en: (p) => `the bloc has no criterion "${p.criterion}"${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  },
  APPRAISAL_UNCONTESTED: {
    severity: 'error',
    doc: 'An explanation or a decision on a criterion that was never contested: the committee did not ask for an explanation (`explain`), and the unit gave none against a change of the appraisal.',
    vi: (p) => (p.problem === 'no_text' ? `tiêu chí ${p.criterion} không được yêu cầu giải trình và đơn vị không giải trình: không có gì để quyết định` : `tiêu chí ${p.criterion} không được yêu cầu giải trình và không bị thẩm định thay đổi: không có gì để giải trình`),
    en: (p) => (p.problem === 'no_text' ? `criterion ${p.criterion} was not asked to be explained and the unit gave no explanation: nothing to decide` : `criterion ${p.criterion} was neither asked to be explained nor changed by the appraisal: nothing to explain`),
  },
  APPRAISAL_DECISION: {
    severity: 'error',
    doc: 'A decision that cannot be applied: new figures with a rejection, a new figure for a fact the criterion does not read, two accepted explanations giving one fact different values, or a rejection on a criterion whose figures another accepted explanation changed (a fact is one value for all the criteria reading it).',
    vi: (p) =>
      p.problem === 'rejected_values'
        ? `giải trình tiêu chí ${p.criterion} bị bác (rejected) nên không có số liệu mới`
        : p.problem === 'not_read'
          ? `tiêu chí ${p.criterion} không dùng chỉ số "${p.fact}"`
          : `chỉ số "${p.fact}" đã được quyết định khác khi xét giải trình tiêu chí ${p.other}`,
    en: (p) =>
      p.problem === 'rejected_values'
        ? `the explanation of ${p.criterion} is rejected, so it takes no new figures`
        : p.problem === 'not_read'
          ? `criterion ${p.criterion} does not read fact "${p.fact}"`
          : `fact "${p.fact}" was decided otherwise on the explanation of ${p.other}`,
  },
  APPRAISAL_TWICE: {
    severity: 'error',
    doc: 'The same entry given in two places: a fact\'s correction, a criterion\'s points or explanation in two appraisal files (the workbook and the YAML), or an explanation both in the unit\'s form and in the appraisal file. Keep one.',
    vi: (p) => `"${p.id}" đã có tại ${p.first}`,
    en: (p) => `"${p.id}" is already given at ${p.first}`,
  },
  APPRAISAL_NONE: {
    severity: 'error',
    doc: 'Explanation forms were named (`--explanations`) but there is no appraisal for them to answer: name it with `--appraisal`, or put it in `appraisal/<quarter>.yaml` beside the evidence.',
    vi: (p) => `có biểu giải trình nhưng không có kết quả thẩm định quý ${p.quarter} để giải trình; hãy chỉ --appraisal FILE`,
    en: (p) => `explanation forms are given but there is no appraisal of ${p.quarter} for them to answer; name it with --appraisal FILE`,
  },
  APPRAISAL_PENDING: {
    severity: 'error',
    doc: '`settled: true` while an explanation is still waiting for a decision.',
    vi: (p) => `chưa thể chốt: giải trình tiêu chí ${p.criterion} chưa có quyết định`,
    en: (p) => `cannot be settled: the explanation of ${p.criterion} is not decided yet`,
  },
  PREVIOUS_OTHER_RULES: {
    severity: 'warning',
    doc: 'The previous quarter\'s results.json was scored with other scorecard files (another `rulesDigest`); the comparison is still shown, with a note on the sheets.',
    vi: (p) => `kết quả quý trước (${p.quarter}) được chấm theo bộ tiêu chí khác; so sánh chỉ để tham khảo`,
    en: (p) => `the previous quarter (${p.quarter}) was scored with other criteria; compare with care`,
  },
  PREVIOUS_UNIT_TWICE: {
    severity: 'error',
    doc: 'A results.json read again (the previous quarter\'s, or a quarter of the year) lists the same unit twice (edited by hand, or put together from two files): which of its results to use cannot be told.',
    vi: (p) => `đơn vị "${p.unit}" có hai lần trong kết quả; lần đầu tại ${p.first}`,
    en: (p) => `unit "${p.unit}" appears twice in these results; first at ${p.first}`,
  },
  PREVIOUS_NOT_EARLIER: {
    severity: 'warning',
    doc: 'The results given with `--previous` are not for a quarter before the one scored.',
    vi: (p) => `kết quả ${p.quarter} không phải của một quý trước quý ${p.current}`,
    en: (p) => `results for ${p.quarter} are not from a quarter before ${p.current}`,
  },
  RESULTS_OTHER_QUARTER: {
    severity: 'error',
    doc: '`cchc letters`, `cchc year`: the results.json of the folder holds another quarter than the folder is for (`--quarter`, or the quarter of the year).',
    vi: (p) => `results.json là kết quả quý ${p.found}, không phải quý ${p.quarter}`,
    en: (p) => `results.json holds the results of ${p.found}, not ${p.quarter}`,
  },
  RESULTS_OTHER_RULES: {
    severity: 'error',
    doc: '`cchc letters`: the quarter was scored with other scorecard files than those of `--rules` (another `rulesDigest`, or a bloc they do not have): the letters would name other criteria. Score the quarter again, or give the rules it was scored with.',
    vi: (p) => (p.bloc ? `khối "${p.bloc}" không có trong bộ tiêu chí ${p.rules}` : `quý ${p.quarter} được chấm theo bộ tiêu chí khác với ${p.rules}; hãy chấm lại quý hoặc chỉ --rules đã dùng`),
    en: (p) => (p.bloc ? `bloc "${p.bloc}" is not in the rules of ${p.rules}` : `${p.quarter} was scored with other criteria than those in ${p.rules}; score the quarter again, or give the --rules it was scored with`),
  },
  YEAR_QUARTER_MISSING: {
    severity: 'error',
    doc: '`cchc year`: a quarter of the year has no results.json, so the year would stand on fewer quarters than `year.requireQuarters` (default 4). Score the quarter, or run with `--allow-missing`: each unit then gets the mean of the quarters it has, marked so in year.json and year.xlsx. A warning when the missing quarters are within what the scheme allows.',
    vi: (p) => (p.allowed ? `chưa có kết quả quý ${p.quarter}: điểm năm là trung bình các quý đã có` : `chưa có kết quả quý ${p.quarter}: hãy chấm quý này, hoặc chạy với --allow-missing để lấy trung bình các quý đã có`),
    en: (p) => (p.allowed ? `no results for ${p.quarter}: the annual score is the mean of the quarters there are` : `no results for ${p.quarter}: score that quarter, or run with --allow-missing to take the mean of the quarters there are`),
  },
  YEAR_UNIT_MISSING: {
    severity: 'error',
    doc: '`cchc year`: a unit is in the results of some quarters of the year only (new during the year, or left out of a quarter), fewer than `year.requireQuarters`. Its annual score would stand on fewer quarters than the others\'; with `--allow-missing` it is the mean of the quarters it has, marked so. Reported at the results of the quarter it is missing from; a warning with `--allow-missing`, or when the unit still has `requireQuarters`. Also an error, whatever is allowed, for a unit whose quarters all have weight 0: it has no annual score.',
    vi: (p) =>
      p.problem === 'weight'
        ? `đơn vị "${p.unit}" chỉ có kết quả các quý ${p.present}, đều có trọng số 0: không tính được điểm năm`
        : `đơn vị "${p.unit}" không có trong kết quả quý ${p.quarter} (chỉ có ${p.present})${p.allowed ? ': điểm năm là trung bình các quý của đơn vị' : '; chạy với --allow-missing để lấy trung bình các quý của đơn vị'}`,
    en: (p) =>
      p.problem === 'weight'
        ? `unit "${p.unit}" has results in ${p.present} only, all of weight 0: it has no annual score`
        : `unit "${p.unit}" is not in the results of ${p.quarter} (only in ${p.present})${p.allowed ? ': its annual score is the mean of its quarters' : '; run with --allow-missing to take the mean of its quarters'}`,
  },
  YEAR_UNIT_MOVED: {
    severity: 'warning',
    doc: '`cchc year`: a unit was scored in another bloc in some quarter of the year. It is ranked in the year with the bloc of its last quarter; its quarters in the other bloc, scored on that bloc\'s scorecard, are counted and marked in year.json and year.xlsx.',
    vi: (p) => `đơn vị "${p.unit}" quý ${p.quarter} thuộc khối ${p.bloc}, quý ${p.last} thuộc khối ${p.lastBloc}: xếp hạng năm theo khối ${p.lastBloc}, điểm quý ${p.quarter} theo bảng tiêu chí của khối ${p.bloc}`,
    en: (p) => `unit "${p.unit}" was in bloc ${p.bloc} in ${p.quarter} and in ${p.lastBloc} in ${p.last}: ranked for the year with ${p.lastBloc}, its ${p.quarter} score from the ${p.bloc} scorecard`,
  },
  YEAR_RULES_DIFFER: {
    severity: 'warning',
    doc: '`cchc year`: the quarters of the year were scored with different scorecard files (`rulesDigest`): the criteria or points changed during the year. Their scores are averaged as published; the quarters are listed with their digests in year.json.',
    vi: (p) => `quý ${p.quarter} được chấm theo bộ tiêu chí khác với quý ${p.last} (rulesDigest khác nhau): điểm các quý được lấy như đã công bố`,
    en: (p) => `${p.quarter} was scored with other scorecard files than ${p.last} (another rulesDigest): each quarter's score is taken as published`,
  },
  YEAR_QUARTER_PROVISIONAL: {
    severity: 'warning',
    doc: '`cchc year`: a quarter is still provisional (an explanation waits for the committee\'s decision): its scores may change, and year.json and year.xlsx are marked provisional.',
    vi: (p) => `kết quả quý ${p.quarter} còn tạm thời (giải trình chưa được quyết định): kết quả năm cũng là tạm thời`,
    en: (p) => `${p.quarter} is still provisional (an explanation awaits the decision): the year is provisional too`,
  },
  YEAR_OTHER_SCHEME: {
    severity: 'error',
    doc: '`cchc year`: a quarter\'s results.json was scored under another scheme (`scheme:` of scheme.yaml) than the rules given: it belongs to another company\'s or another scheme\'s year.',
    vi: (p) => `kết quả thuộc phương án "${p.found}", không phải "${p.scheme}" của bộ tiêu chí`,
    en: (p) => `these results are of scheme "${p.found}", not the rules' "${p.scheme}"`,
  },
  YEAR_BLOC_UNKNOWN: {
    severity: 'error',
    doc: '`cchc year`: a quarter\'s results have a bloc that scheme.yaml does not list: the year could not rank or grade its units.',
    vi: (p) => `khối "${p.bloc}" không có trong scheme.yaml (${p.known})`,
    en: (p) => `bloc "${p.bloc}" is not in scheme.yaml (${p.known})`,
  },
  PUBLISH_NO_RESULTS: {
    severity: 'error',
    doc: 'The folder to publish has no results.json: the quarter was not scored there (score it first, or name the folder with `--out`).',
    vi: (p) => `thư mục ${p.out} chưa có results.json: hãy chấm điểm quý trước khi công bố`,
    en: (p) => `${p.out} has no results.json: score the quarter before publishing it`,
  },
  PUBLISH_NOT_RESULTS: {
    severity: 'error',
    doc: 'The results.json of the folder is not a cchc results file, or holds another quarter than `--quarter`.',
    vi: (p) => (p.found ? `results.json là kết quả quý ${p.found}, không phải quý ${p.quarter}` : `results.json không phải tệp kết quả của cchc`),
    en: (p) => (p.found ? `results.json holds the results of ${p.found}, not ${p.quarter}` : `results.json is not a cchc results file`),
  },
  PUBLISH_PROVISIONAL: {
    severity: 'error',
    doc: 'The results.json says `"stage": "provisional"`: results not yet appraised are not published. A results.json without `stage` may be.',
    vi: () => `kết quả còn ở giai đoạn tạm thời (stage: provisional), chưa được thẩm định: chưa công bố được`,
    en: () => `the results are provisional (stage: provisional), not yet appraised: they cannot be published`,
  },
  PUBLISH_NOT_SCORED: {
    severity: 'error',
    doc: 'The log of the folder (log.jsonl) has no line of a `cchc score` run: what scoring wrote is not known, so the outputs cannot be checked (scored before cchc kept a log, or the log was removed). Score the quarter again.',
    vi: (p) => `${p.log} không có dòng nào của lệnh cchc score: hãy chấm lại quý để kiểm tra được các tệp kết quả`,
    en: (p) => `${p.log} has no line of a cchc score run: score the quarter again so that its outputs can be checked`,
  },
  PUBLISH_OUTPUT_CHANGED: {
    severity: 'error',
    doc: 'An output file is not what the last `cchc score` run wrote and logged: edited or replaced since (its sha256 differs), or removed. Score the quarter again, or put the file back.',
    vi: (p) => (p.problem === 'missing' ? `tệp kết quả đã bị xóa sau lần chấm cuối (${p.time})` : `tệp kết quả đã bị sửa sau lần chấm cuối (${p.time}): mã băm sha256 khác với nhật ký`),
    en: (p) => (p.problem === 'missing' ? `the output was removed after the last scoring (${p.time})` : `the output was edited after the last scoring (${p.time}): its sha256 differs from the log`),
  },
  PUBLISH_LOG_LINE: {
    severity: 'error',
    doc: 'A whole line of log.jsonl is not a log entry (the log was edited by hand). A last line without its newline is not this: it is a write cut short, and is ignored.',
    vi: () => `dòng nhật ký không hợp lệ (không phải một mục nhật ký JSON của cchc)`,
    en: () => `not a log entry (not a cchc JSON log line)`,
  },
} satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

/** The message for a code in the given language. */
export function messageFor(code: Code, params: Params, lang: Lang): string {
  const info: CodeInfo = CODES[code];
  return info[lang](params);
}
