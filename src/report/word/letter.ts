import { AlignmentType, type Paragraph, type Table } from 'docx';
import { formatFixed, formatNumber } from '../../model/number-format.js';
import type { UnitOutcome } from '../../model/results.js';
import { followUpOf, shortcomingsOf } from '../../rank/shortcomings.js';
import { changeLines, evidenceLines, sourcesOf } from '../evidence-text.js';
import { LABELS } from '../labels.js';
import type { ReportInput } from '../report-input.js';
import { body, documentHead, heading, item, packDocument, para, signature, table, title } from './document.js';
import { WORDS } from './words.js';

/** `YYYY-MM-DD` as the date line and the deadline print it. */
export function dayOf(date: string | undefined): { year: number; month: number; day: number } | undefined {
  if (!date) return undefined;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/**
 * The notice to one unit of its quarter (Decree 30 layout): its score, grade and rank and how they
 * moved; every criterion where it lost points, most lost first, with the figures, their documents
 * and the reason; the penalties; the committee's remarks; what became of last quarter's
 * shortcomings; the remedy deadline; "Nơi nhận" and the signature block. Returns the .docx bytes.
 */
export async function writeLetter(input: ReportInput, blocId: string, unit: UnitOutcome): Promise<Buffer> {
  const { rules, results, lang } = input;
  const W = WORDS[lang];
  const L = W.letter;
  const labels = LABELS[lang];
  const { precision } = rules.scheme;
  const bloc = rules.blocs.find((b) => b.bloc === blocId)!;
  const outcome = results.blocs.find((b) => b.id === blocId)!;
  const n = (x: number) => formatNumber(x, lang, precision);
  const score = (x: number) => formatFixed(x, lang, precision);
  const children: (Paragraph | Table)[] = [
    documentHead({
      organization: rules.scheme.organization,
      committee: rules.scheme.committee,
      number: W.letterNumber,
      motto: labels.motto,
      dateLine: labels.dateLine(rules.scheme.place, dayOf(input.date)),
    }),
    ...title(W.letterName, W.about(results.quarter)),
    para(W.to(unit.name), { alignment: AlignmentType.CENTER, spacing: { after: 240 } }),
  ];
  if (results.stage === 'provisional') children.push(para({ text: W.provisional, italics: true }, { alignment: AlignmentType.CENTER }));
  children.push(body(L.opening(rules.scheme.committee, results.quarter)));

  children.push(heading(L.result));
  const self = unit.selfScore !== undefined && unit.selfScore !== unit.score ? score(unit.selfScore) : undefined;
  children.push(item(L.score(score(unit.score), formatNumber(bloc.total, lang), self)));
  children.push(item(L.grade(unit.grade)));
  children.push(item(L.rank(unit.rank, outcome.units.length, bloc.name)));
  const comparison = input.comparison;
  if (comparison) {
    const m = comparison.units.get(unit.id);
    children.push(item(m ? L.movement(comparison.quarter, score(m.previousScore), m.previousRank, m.previousSize, m.scoreChange, m.rankChange) : L.noPrevious(comparison.quarter)));
    if (!comparison.sameRules) children.push(item({ text: L.otherRules, italics: true }));
  }

  const { criteria, penalties } = shortcomingsOf(bloc, unit, precision);
  children.push(heading(L.shortcomings));
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

  children.push(heading(L.penalties));
  if (penalties.length === 0) children.push(item(L.noPenalties));
  for (const p of penalties) {
    const sources = sourcesOf(p.outcome, evidenceLines(p.outcome, bloc, labels, lang));
    children.push(item(`${L.penaltyLine(`${p.outcome.id}. ${p.name}`, n(p.lost))} — ${p.outcome.reason}${sources.length ? ` (${sources.join('; ')})` : ''}.`));
  }

  let section = 4;
  if (unit.remarks?.length) {
    children.push(heading(L.remarks));
    for (const r of unit.remarks) children.push(item(r));
    section += 1;
  }
  const renumber = (text: string) => text.replace(/^\d+\./, `${section}.`);

  if (input.previous) {
    const previous = input.previous;
    children.push(heading(renumber(L.followUp(previous.quarter))));
    // As the comparison does: a unit followed up in the same bloc only.
    const then = previous.blocs.find((b) => b.id === blocId)?.units.find((u) => u.id === unit.id);
    if (!then) children.push(body(L.noFollowUp(previous.quarter)));
    else {
      const follow = followUpOf(bloc, unit, then, precision);
      if (follow.length === 0) children.push(body(L.nothingToFollow(previous.quarter)));
      else {
        children.push(
          table(
            [
              { head: L.no, share: 7, align: 'center' },
              { head: L.criterion, share: 44 },
              { head: L.lostIn(previous.quarter), share: 15, align: 'center' },
              { head: L.lostIn(results.quarter), share: 15, align: 'center' },
              { head: L.verdict, share: 20, align: 'center' },
            ],
            follow.map((f, i) => [String(i + 1), `${f.id}. ${f.name}`, n(f.before), f.now === undefined ? '—' : n(f.now), L.verdicts[f.verdict]]),
          ),
        );
      }
    }
    section += 1;
  }

  children.push(heading(renumber(L.request)));
  children.push(body(L.deadline(dayOf(input.deadline))));
  children.push(signature({ recipients: L.recipients, on: W.on, role: W.role }));
  return packDocument(children, { title: `${W.letterName} ${W.about(results.quarter)} — ${unit.name}`, creator: rules.scheme.committee, stamp: input.stamp, lang });
}
