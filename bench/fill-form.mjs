// Fills a row of an evidence form (`cchc template --per-unit`) with a unit's evidence as the YAML
// gives it: the value (Có/Không for yes and no), its document and note. Used by the forms bench
// and by the script that makes the form fixtures.

/** Writes `unit`'s entry for the row's hidden key into the row; rows of the heading and unknown keys are left. */
export function fillFormRow(row, r, unit) {
  const key = row.getCell(1).value;
  if (r <= 6 || typeof key !== 'string') return undefined;
  const given = key.startsWith('manual:') ? unit.manual?.[key.slice(7)] : unit.facts?.[key];
  if (given === undefined) return undefined;
  const e = typeof given === 'object' ? given : { value: given };
  const value = e.points ?? e.value;
  row.getCell(5).value = typeof value === 'boolean' ? (value ? 'Có' : 'Không') : value;
  if (e.source) row.getCell(6).value = e.source;
  if (e.note) row.getCell(7).value = e.note;
  return { key, value };
}
