import { AlignmentType, type Paragraph, type Table } from 'docx';
import { formatFixed, formatNumber } from '../../model/number-format.js';
import { dateParts } from '../../model/quarter.js';
import type { Lang } from '../../diagnostics/codes.js';
import type { Results, UnitOutcome } from '../../model/results.js';
import type { Rules } from '../../model/scorecard.js';
import type { Comparison, Movement } from '../../rank/compare-quarters.js';
import { followUpOf, shortcomingsOf } from '../../rank/shortcomings.js';
import { changeLines, evidenceLines, sourcesOf } from '../evidence-text.js';
import { LABELS } from '../labels.js';
import type { ReportInput } from '../report-input.js';
import { body, documentHead, heading, item, packDocument, para, signature, table, title } from './document.js';
import { WORDS } from './words.js';

/** What every letter of a quarter shares: sent once to each worker thread. */
export interface LetterInput {
  rules: Rules;
  quarter: string;
  stage?: Results['stage'];
  /** The previous quarter compared with, when known. */
  comparison?: Pick<Comparison, 'quarter' | 'sameRules'>;
  lang: Lang;
  date?: string;
  deadline?: string;
  stamp: Date;
}

/** One unit's letter to make: its outcome, its bloc's size, its movement and last quarter's outcome in the same bloc. */
export interface LetterJob {
  bloc: string;
  unit: UnitOutcome;
  size: number;
  movement?: Movement;
  previous?: UnitOutcome;
}

/** The shared part of a report's input for the letters, and each unit's job, in report order. */
export function lettersOf(input: ReportInput): { shared: LetterInput; jobs: LetterJob[] } {
  const { rules, results, comparison, previous, lang, date, deadline, stamp } = input;
  const shared: LetterInput = {
    rules,
    quarter: results.quarter,
    lang,
    stamp,
    ...(results.stage ? { stage: results.stage } : {}),
    ...(date ? { date } : {}),
    ...(deadline ? { deadline } : {}),
    ...(comparison ? { comparison: { quarter: comparison.quarter, sameRules: comparison.sameRules } } : {}),
  };
  const jobs = results.blocs.flatMap((b) => {
    // As the comparison does: a unit is followed up in the same bloc only.
    const before = new Map(previous?.blocs.find((p) => p.id === b.id)?.units.map((u) => [u.id, u]));
    return b.units.map((unit): LetterJob => ({ bloc: b.id, unit, size: b.units.length, movement: comparison?.units.get(unit.id), previous: before.get(unit.id) }));
  });
  return { shared, jobs };
}

/**
 * The notice to one unit of its quarter (Decree 30 layout): its score, grade and rank and how they
 * moved; every criterion where it lost points, most lost first, with the figures, their documents
 * and the reason; the penalties; the committee's remarks; what became of last quarter's
 * shortcomings; the remedy deadline; "Nơi nhận" and the signature block. Returns the .docx bytes.
 */
export async function writeLetter(input: LetterInput, job: LetterJob): Promise<Buffer> {
  const { rules, quarter, lang } = input;
  const { unit } = job;
  const W = WORDS[lang];
  const L = W.letter;
  const labels = LABELS[lang];
  const { precision } = rules.scheme;
  const bloc = rules.blocs.find((b) => b.bloc === job.bloc)!;
  const n = (x: number) => formatNumber(x, lang, precision);
  const score = (x: number) => formatFixed(x, lang, precision);
  const children: (Paragraph | Table)[] = [
    documentHead(rules.scheme, W.letterNumber, lang, input.date),
    ...title(W.letterName, W.about(quarter)),
    para(W.to(unit.name), { alignment: AlignmentType.CENTER, spacing: { after: 240 } }),
  ];
  if (input.stage === 'provisional') children.push(para({ text: W.provisional, italics: true }, { alignment: AlignmentType.CENTER }));
  children.push(body(L.opening(rules.scheme.committee, quarter)));

  // Sections are numbered as they come: remarks and the follow-up are there only when there is something to say.
  let section = 0;
  const numbered = (name: string) => heading(`${++section}. ${name}`);
  children.push(numbered(L.result));
  const self = unit.selfScore !== undefined && unit.selfScore !== unit.score ? score(unit.selfScore) : undefined;
  children.push(item(L.score(score(unit.score), formatNumber(bloc.total, lang), self)));
  children.push(item(L.grade(unit.grade)));
  if (unit.gradeReason) children.push(item(`(${unit.gradeReason})`));
  children.push(item(L.rank(unit.rank, job.size, bloc.name)));
  const comparison = input.comparison;
  if (comparison) {
    const m = job.movement;
    children.push(item(m ? L.movement(comparison.quarter, score(m.previousScore), m.previousRank, m.previousSize, m.scoreChange, m.rankChange, precision) : L.noPrevious(comparison.quarter)));
    if (!comparison.sameRules) children.push(item({ text: L.otherRules, italics: true }));
  }

  const { criteria, penalties } = shortcomingsOf(bloc, unit, precision);
  children.push(numbered(L.shortcomings));
  if (criteria.length === 0) children.push(body(L.noShortcomings));
  else {
    // The reason states the figures it read and the sum it made; the documents stand apart.
    const rows = criteria.map((s, i) => [
      String(i + 1),
      `${s.outcome.id}. ${s.name}`,
      `${n(s.lost)} / ${formatNumber(s.outcome.max, lang)}`,
      [s.outcome.reason, ...changeLines(s.outcome, bloc.facts, labels, lang)],
      sourcesOf(s.outcome, evidenceLines(s.outcome, bloc, labels, lang)),
    ]);
    children.push(
      table(
        [
          { head: L.no, share: 7, align: 'center' },
          { head: L.criterion, share: 25 },
          { head: L.lost, share: 11, align: 'center' },
          { head: L.reason, share: 35 },
          { head: L.figures, share: 22 },
        ],
        rows,
      ),
    );
  }

  children.push(numbered(L.penalties));
  if (penalties.length === 0) children.push(item(L.noPenalties));
  for (const p of penalties) {
    const sources = sourcesOf(p.outcome, evidenceLines(p.outcome, bloc, labels, lang));
    children.push(item(`${L.penaltyLine(`${p.outcome.id}. ${p.name}`, n(p.lost))} — ${p.outcome.reason}${sources.length ? ` (${sources.join('; ')})` : ''}.`));
  }

  if (unit.remarks?.length) {
    children.push(numbered(L.remarks));
    for (const r of unit.remarks) children.push(item(r));
  }

  if (comparison) {
    const then = job.previous;
    children.push(numbered(L.followUp(comparison.quarter)));
    if (!then) children.push(body(L.noFollowUp(comparison.quarter)));
    else {
      const follow = followUpOf(bloc, unit, then, precision);
      if (follow.length === 0) children.push(body(L.nothingToFollow(comparison.quarter)));
      else {
        children.push(
          table(
            [
              { head: L.no, share: 8, align: 'center' },
              { head: L.criterion, share: 43 },
              { head: L.lostIn(comparison.quarter), share: 15, align: 'center' },
              { head: L.lostIn(quarter), share: 15, align: 'center' },
              { head: L.verdict, share: 20, align: 'center' },
            ],
            follow.map((f, i) => [String(i + 1), `${f.id}. ${f.name}`, n(f.before), f.now === undefined ? '—' : n(f.now), L.verdicts[f.verdict]]),
          ),
        );
      }
    }
  }

  children.push(numbered(L.request));
  children.push(body(L.deadline(dateParts(input.deadline))));
  children.push(signature({ recipients: L.recipients, on: W.on, role: W.role }));
  return packDocument(children, { title: `${W.letterName} ${W.about(quarter)} — ${unit.name}`, creator: rules.scheme.committee, stamp: input.stamp, lang });
}
