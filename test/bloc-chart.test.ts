// A bloc's chart is drawn once per input and kept (report/charts/bloc-chart.ts): every part of the
// input must be part of what a kept chart is found by, or an edit would show last run's picture.
import { describe, expect, it } from 'vitest';
import { drawBlocChart, type BlocChart } from '../src/report/charts/bloc-chart.js';

const base: BlocChart = {
  title: 'Khối Điện lực — quý I năm 2019',
  bars: [
    { label: 'Điện lực Cầu Kè', score: 82.5, grade: 'Tốt' },
    { label: 'Điện lực Trà Cú', score: 71.25, grade: 'Khá' },
  ],
  grades: [{ label: 'Tốt', min: 80 }, { label: 'Khá', min: 65 }, { label: 'Yếu' }],
  max: 100,
  axis: 'Điểm',
  cutLabel: (label, min) => `${label} ≥ ${min}`,
};

describe('bloc charts kept between drawings', () => {
  it('the same input gives the same picture; a change to any part of it gives another', () => {
    const first = drawBlocChart(base);
    expect(first.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(drawBlocChart({ ...base, bars: base.bars.map((b) => ({ ...b })) }).equals(first)).toBe(true);
    const changed: BlocChart[] = [
      { ...base, title: 'Khối Điện lực — quý II năm 2019' },
      { ...base, bars: [{ ...base.bars[0]!, score: 62.5 }, base.bars[1]!] },
      { ...base, bars: [{ ...base.bars[0]!, grade: 'Khá' }, base.bars[1]!] },
      { ...base, bars: [{ ...base.bars[0]!, label: 'Điện lực Tiểu Cần' }, base.bars[1]!] },
      { ...base, grades: [{ label: 'Tốt', min: 85 }, ...base.grades.slice(1)] },
      { ...base, max: 110 },
      { ...base, axis: 'Points' },
      { ...base, cutLabel: (label, min) => `${label} from ${min}` },
    ];
    for (const [i, chart] of changed.entries()) expect(drawBlocChart(chart).equals(first), `change ${i}`).toBe(false);
  });
});
