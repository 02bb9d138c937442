/**
 * Charts drawn by Chart.js on a Skia canvas (@napi-rs/canvas), as PNG pictures for the Word
 * documents. The text is set in DejaVu Sans, registered from its npm package rather than found
 * among the machine's fonts: the picture has its Vietnamese letters, and the same bytes, on any
 * machine, including one with no fonts at all.
 */
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration } from 'chart.js';

const FAMILY = 'cchc-chart';
let ready = false;

/** Registers the font and Chart.js's parts, once per process. */
function prepareCharts(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const dir = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
  GlobalFonts.registerFromPath(`${dir}DejaVuSans.ttf`, FAMILY);
  GlobalFonts.registerFromPath(`${dir}DejaVuSans-Bold.ttf`, FAMILY);
  Chart.register(...registerables);
  Chart.defaults.font.family = FAMILY;
  Chart.defaults.color = '#222222';
  ready = true;
}

/** Bar colours of the grades, best first (the same hues as the ranking sheet, darker to print). */
export const GRADE_COLOURS = ['#548235', '#70AD47', '#BF9000', '#C55A11', '#C00000'];
/** Line colours of the grade cut-offs. */
export const CUT_COLOURS = ['#375623', '#538135', '#7F6000', '#843C0C'];

export interface BlocChart {
  title: string;
  /** One bar per unit, in rank order. */
  bars: { label: string; score: number; grade: string }[];
  /** The scheme's grades, best first; each cut-off (`min`) is drawn as a line across the bars. */
  grades: { label: string; min?: number }[];
  /** The axis's top: the bloc's total. */
  max: number;
  /** `Điểm`, and how a cut-off's line is named: `Xuất sắc ≥ 90`. */
  axis: string;
  cutLabel: (label: string, min: number) => string;
}

export const CHART_SIZE = { width: 1200, height: 640 };

/**
 * Charts drawn lately, by what they were drawn from: a chart takes some 50 ms, most of it
 * encoding the PNG, and a watching `cchc score` draws every bloc's chart again on each edit,
 * most of them as they were. Bounded; the one used longest ago is dropped first.
 */
const drawn = new Map<string, Buffer>();
const DRAWN_KEPT = 32;

/** A bloc's scores against the grade cut-offs, as PNG bytes. */
export function drawBlocChart(chart: BlocChart): Buffer {
  const cutLabels = chart.grades.map((g) => (g.min === undefined ? null : chart.cutLabel(g.label, g.min)));
  const key = JSON.stringify([chart.title, chart.bars, chart.grades, chart.max, chart.axis, cutLabels]);
  const kept = drawn.get(key);
  if (kept) {
    // Last used, last dropped.
    drawn.delete(key);
    drawn.set(key, kept);
    return kept;
  }
  const png = drawChart(chart);
  if (drawn.size >= DRAWN_KEPT) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, png);
  return png;
}

function drawChart(chart: BlocChart): Buffer {
  const gradeIndex = (label: string) => Math.max(0, chart.grades.findIndex((g) => g.label === label));
  // Up to this many bars, their names are written across in lines; more, upright.
  const few = chart.bars.length <= 10;
  const cuts = chart.grades.filter((g): g is { label: string; min: number } => g.min !== undefined);
  const config: ChartConfiguration<'bar' | 'line'> = {
    type: 'bar',
    data: {
      labels: chart.bars.map((b) => (few ? wrap(b.label, 12) : b.label)),
      datasets: [
        {
          type: 'bar',
          label: chart.axis,
          data: chart.bars.map((b) => b.score),
          backgroundColor: chart.bars.map((b) => GRADE_COLOURS[Math.min(gradeIndex(b.grade), GRADE_COLOURS.length - 1)]!),
          maxBarThickness: 90,
          order: 2,
        },
        ...cuts.map((g, i) => ({
          type: 'line' as const,
          label: chart.cutLabel(g.label, g.min),
          // On an axis of its own across the whole plot, so that a bloc of one unit has its lines too.
          xAxisID: 'cut',
          data: [
            { x: 0, y: g.min },
            { x: 1, y: g.min },
          ],
          borderColor: CUT_COLOURS[Math.min(i, CUT_COLOURS.length - 1)]!,
          borderDash: [12, 8],
          borderWidth: 3,
          pointRadius: 0,
          fill: false,
          order: 1,
        })),
      ],
    },
    options: {
      layout: { padding: 16 },
      plugins: {
        title: { display: true, text: chart.title, font: { size: 26, weight: 'bold' }, padding: { bottom: 12 } },
        // The cut-offs are named; the bars' colours follow the grades they name.
        legend: { position: 'bottom', labels: { font: { size: 20 }, usePointStyle: true, pointStyle: 'line', filter: (item) => item.datasetIndex !== 0 } },
      },
      scales: {
        // The total as the top, unless a bonus took a score past it.
        y: { min: 0, suggestedMax: chart.max, ticks: { font: { size: 20 } }, title: { display: true, text: chart.axis, font: { size: 20 } } },
        x: { ticks: { font: { size: 18 }, autoSkip: false, maxRotation: few ? 0 : 90 } },
        cut: { type: 'linear', min: 0, max: 1, display: false },
      },
    },
  };
  return renderChart(config, CHART_SIZE);
}

/** A chart drawn on a white canvas of `size` pixels, as PNG bytes. */
export function renderChart(config: ChartConfiguration<'bar' | 'line'>, size: { width: number; height: number }): Buffer {
  prepareCharts();
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#FFFFFF';
  ctx.fillRect(0, 0, size.width, size.height);
  // A still picture: drawn once, at the canvas's own size and resolution.
  const still = { ...config, options: { ...config.options, animation: false as const, responsive: false, devicePixelRatio: 1 } };
  // Chart.js takes any 2D context; its types name the browser's.
  const drawn = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], still);
  try {
    drawn.draw();
    return canvas.toBuffer('image/png');
  } finally {
    drawn.destroy();
  }
}

/** A label cut at spaces into lines of about `width` characters: Chart.js draws a list as lines. */
function wrap(label: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
