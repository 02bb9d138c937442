import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { where } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/yaml-file.js';
import { roundHalfUp } from '../model/round.js';
import { placedCriteria, type Bloc } from '../model/scorecard.js';
import { BlocContext, EPSILON } from './bloc-context.js';
import { checkMethod } from './check-methods.js';
import type { Taint } from './taint.js';

/** The checks that need only one bloc file (and the scheme's precision): ids, maxima, facts and every criterion's method. */
export function checkBloc(bloc: Bloc, source: SourceFile, taint: Taint, precision: number): Diagnostic[] {
  const ctx = new BlocContext(bloc, source, [], taint);

  const sections = new Map<string, string>();
  bloc.sections.forEach((s, i) => {
    const first = sections.get(s.id);
    if (first) ctx.report('SCORECARD_DUPLICATE_SECTION', ['sections', i, 'id'], { id: s.id, first });
    else sections.set(s.id, where(source.locate(['sections', i, 'id'])));
  });

  const criteria = new Map<string, string>();
  for (const { criterion, path } of placedCriteria(bloc)) {
    const first = criteria.get(criterion.id);
    if (first) ctx.report('SCORECARD_DUPLICATE_CRITERION', [...path, 'id'], { id: criterion.id, first });
    else criteria.set(criterion.id, where(source.locate([...path, 'id'])));
    if (!taint.criteria.has(path.join('/'))) checkMethod(ctx, criterion, path);
    // Maxima finer than the scheme's precision would make the rounded sums disagree with the total.
    if (typeof criterion.max === 'number' && Math.abs(roundHalfUp(criterion.max, precision) - criterion.max) > 1e-12) {
      ctx.report('SCORECARD_PRECISION', [...path, 'max'], { value: criterion.max, precision });
    }
  }

  const maxima = bloc.sections.flatMap((s) => s.criteria.map((c) => c.max));
  const sum = maxima.reduce((a, b) => a + b, 0);
  const summable = typeof bloc.total === 'number' && maxima.every((m) => typeof m === 'number');
  if (summable && Math.abs(sum - bloc.total) > EPSILON) {
    ctx.report('SCORECARD_MAX_MISMATCH', ['total'], { sum: Math.round(sum * 1e6) / 1e6, total: bloc.total });
  }

  (bloc.tiebreak ?? []).forEach((id, i) => {
    if (!sections.has(id)) ctx.report('SCORECARD_UNKNOWN_SECTION', ['tiebreak', i], { id, known: [...sections.keys()].join(', ') });
  });

  for (const [id, fact] of Object.entries(bloc.facts)) {
    if (taint.facts.has(id)) continue;
    if (fact.min !== undefined && fact.max !== undefined && fact.min > fact.max) {
      ctx.report('SCORECARD_FACT_RANGE', ['facts', id, 'min'], { min: fact.min, max: fact.max });
    }
    if (fact.from && (fact.type !== 'number' || fact.min !== undefined || fact.max !== undefined)) {
      ctx.report('SCORECARD_FROM_TYPE', ['facts', id, 'from'], {}, 'key');
    }
    // A criterion skipped for its own schema errors may read any fact: no warning then.
    if (!ctx.used.has(id) && taint.criteria.size === 0) ctx.report('SCORECARD_UNUSED_FACT', ['facts', id], { fact: id }, 'key');
  }
  return ctx.diagnostics;
}
