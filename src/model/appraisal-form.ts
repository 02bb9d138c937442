/**
 * The layout of the appraisal workbook (`cchc appraise`), shared by its writer and its reader:
 * like the evidence form, each unit's sheet keeps in a hidden first column what the reader
 * needs, whatever is done to the visible part.
 */
export const APPRAISAL_FORM = {
  /** Cell A1 of every unit sheet. */
  marker: 'cchc-appraisal-form/1',
  stamp: { unit: 2, quarter: 3, rulesDigest: 4 },
  /** The heading of the facts' table; the rows below it are read by their key in column A. */
  headerRow: 6,
  /**
   * A fact's row (keyed by the fact id) and a criterion's row (keyed `criterion:<id>`) share the
   * columns: the unit's figure and document, then the committee's value, reason and document;
   * a criterion's row adds "not applicable" and "explanation requested".
   */
  col: { key: 1, no: 2, label: 3, measure: 4, own: 5, ownSource: 6, value: 7, reason: 8, source: 9, notApplicable: 10, explain: 11 },
  criterionPrefix: 'criterion:',
} as const;

/**
 * The layout of a unit's explanation form (`cchc template --explanations`): one row per
 * criterion the unit is asked to explain or whose figures the appraisal changed; the unit
 * writes its explanation and cites a supplementary document.
 */
export const EXPLANATION_FORM = {
  marker: 'cchc-explanation-form/1',
  stamp: { unit: 2, quarter: 3, rulesDigest: 4 },
  headerRow: 6,
  col: { key: 1, no: 2, label: 3, max: 4, self: 5, appraised: 6, changes: 7, requested: 8, text: 9, source: 10 },
  criterionPrefix: 'criterion:',
} as const;
