/** Formats a number the way the language writes it: 3,4 in Vietnamese, 3.4 in English. */
export function formatNumber(n: number, lang: 'vi' | 'en', decimals = 2): string {
  if (Number.isInteger(n)) return String(n);
  const text = String(Number(n.toFixed(decimals)));
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/** A score as the documents print it, always with `decimals` places: 83,00 beside 86,68. */
export function formatFixed(n: number, lang: 'vi' | 'en', decimals = 2): string {
  const text = n.toFixed(decimals);
  return lang === 'vi' ? text.replace('.', ',') : text;
}
