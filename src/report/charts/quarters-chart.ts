/** The year's chart: each unit's score quarter by quarter, as a PNG picture for year.xlsx. */
import type { ChartConfiguration } from 'chart.js';
import { CUT_COLOURS, renderChart } from './bloc-chart.js';

/** Wide, for a legend of unit names beside the plot. */
const SIZE = { width: 1600, height: 700 };

export interface QuartersChart {
  title: string;
  /** The four quarters' names, Q1 to Q4. */
  quarters: string[];
  /** One line per unit (or per summary: mean, highest, lowest), a score or null per quarter. */
  lines: { label: string; scores: (number | null)[] }[];
  /** The grades' cut-offs, drawn as dashed lines. */
  cuts: { label: string; min: number }[];
  max: number;
  axis: string;
}

/** Up to this many units a bloc's chart has a line per unit; more, only the bloc's mean, highest and lowest. */
export const LINES_PER_CHART = 10;

/** Twelve colours far enough apart to tell lines apart, printed or on screen. */
const LINE_COLOURS = ['#1F77B4', '#D62728', '#2CA02C', '#FF7F0E', '#9467BD', '#8C564B', '#E377C2', '#17BECF', '#7F7F7F', '#BCBD22'];
const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'circle', 'rect', 'triangle', 'rectRot'] as const;

/** Each line's scores over the four quarters, with the grade cut-offs behind them, as PNG bytes. */
export function drawQuartersChart(chart: QuartersChart): Buffer {
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      labels: chart.quarters,
      datasets: [
        ...chart.lines.map((l, i) => ({
          label: l.label,
          data: l.scores,
          borderColor: LINE_COLOURS[i % LINE_COLOURS.length]!,
          backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length]!,
          borderWidth: 3,
          pointRadius: 7,
          pointStyle: POINT_STYLES[i % POINT_STYLES.length]!,
          // A quarter the unit has no score in is a gap, not a fall to 0.
          spanGaps: false,
        })),
        ...chart.cuts.map((g, i) => ({
          label: `${g.label} ≥ ${g.min}`,
          data: chart.quarters.map(() => g.min),
          borderColor: CUT_COLOURS[Math.min(i, CUT_COLOURS.length - 1)]!,
          borderDash: [12, 8],
          borderWidth: 2,
          pointRadius: 0,
          pointStyle: 'line' as const,
          fill: false,
        })),
      ],
    },
    options: {
      layout: { padding: 16 },
      plugins: {
        title: { display: true, text: chart.title, font: { size: 26, weight: 'bold' }, padding: { bottom: 12 } },
        legend: { position: 'right', labels: { font: { size: 19 }, usePointStyle: true, boxWidth: 40, padding: 14 } },
      },
      scales: {
        y: { min: 0, suggestedMax: chart.max, ticks: { font: { size: 20 } }, title: { display: true, text: chart.axis, font: { size: 20 } } },
        x: { ticks: { font: { size: 20 } }, offset: true },
      },
    },
  };
  return renderChart(config as ChartConfiguration<'bar' | 'line'>, SIZE);
}
