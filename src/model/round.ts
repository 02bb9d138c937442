/**
 * Rounds half up to `decimals` places, on the decimal value a person would write: 16.845 → 16.85
 * although 16.845 is stored as 16.84499…; the value is first cut to 12 significant digits, which
 * drops such binary noise, then shifted by decimal exponent rather than by multiplication.
 */
export function roundHalfUp(value: number, decimals: number): number {
  // Fast path: far from a half, binary noise cannot change the result; near one, decide on the decimal text.
  const scale = 10 ** decimals;
  const x = value * scale;
  const fraction = Math.abs(x % 1);
  if (Number.isFinite(x) && Math.abs(x) < 1e15 && Math.abs(fraction - 0.5) > 1e-6) return Math.round(x) / scale + 0;
  return roundOnText(value, decimals);
}

function roundOnText(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const [mantissa, exponent = '0'] = value.toPrecision(12).split('e');
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + decimals}`));
  // From 1e21 on, a number's text has an exponent already (1e+21), so none can be appended;
  // its 12 digits are all whole there, and nothing is left to round.
  if (Math.abs(shifted) >= 1e21) return Number(`${mantissa}e${exponent}`) + 0;
  return Number(`${shifted}e-${decimals}`) + 0;
}
