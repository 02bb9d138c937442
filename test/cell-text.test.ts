// What a workbook cell gets and how tall its row is made: cellText and linesIn, written for speed
// (the detail sheet calls them for 8 million cells at 20,000 units), checked against plain definitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, linesIn } from '../src/report/excel/document.js';

/** Text with line breaks, Vietnamese, characters outside the BMP, lone surrogates and control characters. */
const text = fc.string({ unit: fc.constantFrom('a', 'ầ', ' ', '\n', '😀', '\uD83D', '\uDE00', '\u0007', '\uFFFE', '\t', 'Đ'), maxLength: 120 });

describe('cell text', () => {
  it('linesIn: each line break starts a line; each line takes its characters (a pair of surrogates is one) over the width', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 60 }), (t, width) => {
        const perLine = Math.max(1, Math.floor(width * 1.2) - 1);
        const expected = t.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil([...part].length / perLine)), 0);
        expect(linesIn(t, width)).toBe(expected);
      }),
      { numRuns: 2000, seed: 20190331 },
    );
  });

  it('cellText: keeps every character XML 1.0 allows (pairs of surrogates too) and drops the others', () => {
    const allowed = (c: string) => /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]$/u.test(c) || /^[\u{10000}-\u{10FFFF}]$/u.test(c);
    fc.assert(
      fc.property(text, (t) => {
        expect(cellText(t)).toBe([...t].filter(allowed).join(''));
      }),
      { numRuns: 2000, seed: 20190331 },
    );
  });

  it('cellText: cuts text to the 32,767 characters a cell holds, ending in an ellipsis', () => {
    expect(cellText('x'.repeat(32_767))).toHaveLength(32_767);
    const cut = cellText('x'.repeat(40_000));
    expect(cut).toHaveLength(32_767);
    expect(cut.endsWith('x…')).toBe(true);
  });
});
