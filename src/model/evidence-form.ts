/**
 * The layout of an evidence form (`cchc template`), shared by the writer and the reader: each
 * unit's sheet keeps, in a hidden first column, what the reader needs whatever the unit does to
 * the visible part (rows moved, labels retyped, the sheet renamed).
 */
export const FORM = {
  /** Cell A1 of every unit sheet; a sheet without it is not a form and is not read. */
  marker: 'cchc-evidence-form/1',
  /** Hidden cells of the sheet's stamp: the unit, the quarter and the rules it was made for. */
  stamp: { unit: 2, quarter: 3, rulesDigest: 4 },
  /** The row of the column headings; the rows below it are read by their key in column A. */
  headerRow: 6,
  col: { key: 1, no: 2, label: 3, measure: 4, value: 5, source: 6, note: 7 },
  /** Keys of the committee's rows; a fact's row is keyed by the bare fact id (which has no colon). */
  manualPrefix: 'manual:',
  notApplicablePrefix: 'na:',
} as const;

/** The words read as yes and no in a yes/no cell, in either language, compared in lower case. */
export const YES_WORDS = ['có', 'yes', 'true'];
export const NO_WORDS = ['không', 'no', 'false'];
