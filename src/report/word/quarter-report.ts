import type { Paragraph, Table } from 'docx';
import { AlignmentType } from 'docx';
import { formatFixed, formatNumber } from '../../model/number-format.js';
import { dateParts } from '../../model/quarter.js';
import { movementMark } from '../../rank/compare-quarters.js';
import { summarizeBloc } from '../../rank/shortcomings.js';
import { CHART_SIZE, drawBlocChart } from '../charts/bloc-chart.js';
import type { ReportInput } from '../report-input.js';
import { body, documentHead, heading, item, packDocument, para, picture, signature, table, title, type Column } from './document.js';
import { WORDS } from './words.js';

/** The criteria of a bloc the report lists as its shortcomings, at most. */
export const REPORT_SHORTCOMINGS = 10;
/** Past this many units, a shortcoming's units are counted rather than named (the ranking workbook names them). */
export const REPORT_UNITS_NAMED = 8;

/**
 * The committee's report of a quarter (Decree 30 layout): per bloc the ranking with its chart
 * against the grade cut-offs, mean, highest, lowest and units per grade; what every unit achieved
 * and the bonuses earned; the criteria most units lost points on. Returns the .docx bytes.
 */
export async function writeQuarterReport(input: ReportInput): Promise<Buffer> {
  const { rules, results, lang } = input;
  const W = WORDS[lang];
  const R = W.report;
  const { precision, grades } = rules.scheme;
  const n = (x: number) => formatNumber(x, lang, precision);
  const score = (x: number) => formatFixed(x, lang, precision);
  const appraised = results.blocs.some((b) => b.units.some((u) => u.selfScore !== undefined));
  const names = new Map(results.blocs.flatMap((b) => b.units.map((u) => [u.id, u.name])));
  const blocs = results.blocs.map((outcome) => {
    const bloc = rules.blocs.find((b) => b.bloc === outcome.id)!;
    return { bloc, outcome, summary: summarizeBloc(bloc, outcome, grades, precision) };
  });

  const children: (Paragraph | Table)[] = [
    documentHead(rules.scheme, W.reportNumber, lang, input.date),
    ...title(W.reportName, W.about(results.quarter)),
  ];
  if (results.stage === 'provisional') children.push(para({ text: W.provisional, italics: true }, { alignment: AlignmentType.CENTER }));
  children.push(body(R.opening(rules.scheme.committee, results.quarter)));

  children.push(heading(R.results));
  const columns: Column[] = [
    { head: R.rank, share: 9, align: 'center' },
    { head: R.unit, share: appraised ? 37 : 49 },
    ...(appraised ? [{ head: R.self, share: 12, align: 'right' as const }, { head: R.appraised, share: 14, align: 'right' as const }] : [{ head: R.score, share: 14, align: 'right' as const }]),
    { head: R.grade, share: 14, align: 'center' },
    { head: R.movement, share: 14, align: 'center' },
  ];
  for (const [i, { bloc, outcome, summary }] of blocs.entries()) {
    children.push(heading(`${i + 1}. ${R.blocLine(bloc.name, summary.count)}`));
    if (summary.count === 0) continue;
    children.push(item(R.figures(score(summary.mean!), score(summary.highest!), score(summary.lowest!))));
    children.push(item(R.gradeCounts(summary.grades.map((g) => `${g.label} ${g.count}`).join(', '))));
    const png = drawBlocChart({
      title: R.chartTitle(bloc.name, results.quarter),
      bars: outcome.units.map((u) => ({ label: outcome.units.length > 12 ? u.id : u.name, score: u.score, grade: u.grade })),
      grades,
      max: bloc.total,
      axis: R.chartAxis,
      cutLabel: R.cutLabel,
    });
    children.push(picture(png, CHART_SIZE.width, CHART_SIZE.height, 160, i + 1));
    const rows = outcome.units.map((u) => [
      String(u.rank),
      u.name,
      ...(appraised ? [score(u.selfScore ?? u.score), score(u.score)] : [score(u.score)]),
      u.grade,
      input.comparison ? movementMark(input.comparison.units.get(u.id), R.newUnit) : '',
    ]);
    children.push(table(columns, rows));
  }

  /** The units named when they are a few; all the bloc's, or many, in a word. */
  function unitsNamed(units: string[], inBloc: number): string {
    if (units.length === inBloc && inBloc > 1) return R.allUnits;
    if (units.length > REPORT_UNITS_NAMED) return R.manyUnits(units.length);
    return units.map((id) => names.get(id) ?? id).join(', ');
  }

  children.push(heading(R.efforts));
  for (const [i, { bloc, summary }] of blocs.entries()) {
    children.push(heading(`${i + 1}. ${bloc.name}`));
    children.push(item(summary.met.length ? R.metAll(summary.met.map((t) => `${t.id} ${t.name}`).join('; ')) : R.metNone));
    if (summary.bonuses.length === 0) children.push(item(R.noBonuses));
    else {
      children.push(item(R.bonuses));
      for (const t of summary.bonuses) children.push(item(R.bonusLine(`${t.id} ${t.name}`, unitsNamed(t.units, summary.count), n(t.points))));
    }
  }

  children.push(heading(R.shortcomings));
  for (const [i, { bloc, summary }] of blocs.entries()) {
    children.push(heading(`${i + 1}. ${bloc.name}`));
    if (summary.shortcomings.length === 0) {
      children.push(body(R.noShortcomings));
      continue;
    }
    children.push(body(R.shortcomingsIntro));
    const shown = summary.shortcomings.slice(0, REPORT_SHORTCOMINGS);
    children.push(
      table(
        [
          { head: W.letter.no, share: 7, align: 'center' },
          { head: R.criterion, share: 38 },
          { head: R.unitsLost, share: 13, align: 'center' },
          { head: R.pointsLost, share: 12, align: 'right' },
          { head: R.units, share: 30 },
        ],
        shown.map((t, k) => [String(k + 1), `${t.id}. ${t.name}`, `${t.units.length}/${t.applicable}`, n(t.points), unitsNamed(t.units, summary.count)]),
      ),
    );
    if (summary.shortcomings.length > shown.length) children.push(body({ text: R.moreShortcomings(summary.shortcomings.length - shown.length), italics: true }));
  }


  children.push(heading(R.request));
  children.push(body(R.ask(dateParts(input.deadline))));
  children.push(signature({ recipients: R.recipients, on: W.on, role: W.role }));
  return packDocument(children, { title: `${W.reportName} ${W.about(results.quarter)}`, creator: rules.scheme.committee, stamp: input.stamp, lang });
}
