/** `cchc explain`: how every point of a unit came about. */
import {
  explainUnit,
  formatDiagnostics,
  formatExplanation,
  summarizeDiagnostics,
  type Lang,
} from '../index.js';
import { loadQuarter, type QuarterOptions } from './quarter.js';
import { EXIT_PROBLEMS, UsageError, type Output, STDIO, requireAppraisal, requireDir } from './io.js';

export interface ExplainOptions extends QuarterOptions {
  unit: string;
  criterion?: string;
  json?: boolean;
  lang: Lang;
}

export async function explainCommand(opts: ExplainOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  await requireAppraisal(opts, opts.lang);
  const quarter = await loadQuarter(opts);
  const { checked, problems, sources } = quarter;
  const rules = checked.rules;
  if (rules) {
    const unit = rules.units.find((u) => u.id === opts.unit);
    if (!unit) {
      const hint = rules.units.map((u) => u.id).find((id) => id.toLowerCase() === opts.unit.toLowerCase());
      throw new UsageError(`${vi ? 'không có đơn vị' : 'no unit'} "${opts.unit}"${hint ? (vi ? `; có phải ý là "${hint}"?` : `; did you mean "${hint}"?`) : ''}`);
    }
    const bloc = rules.blocs.find((b) => b.bloc === unit.bloc)!;
    const ids = [...bloc.sections.flatMap((s) => s.criteria), ...(bloc.bonus ?? []), ...(bloc.penalty ?? [])].map((c) => c.id);
    if (opts.criterion !== undefined && !ids.includes(opts.criterion)) {
      throw new UsageError(`${vi ? `khối ${bloc.bloc} không có tiêu chí` : `bloc ${bloc.bloc} has no criterion`} "${opts.criterion}" (${ids.join(', ')})`);
    }
  }
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!quarter.evidence) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const { explanation } = await explainUnit(rules!, quarter.evidence, quarter.missing, quarter.digest!, opts.unit, opts.lang, quarter.appraised);
  if (opts.json) {
    const shown = opts.criterion ? { ...explanation, criteria: explanation.criteria.filter((c) => c.id === opts.criterion) } : explanation;
    io.out(`${JSON.stringify(shown, null, 2)}\n`);
  } else {
    io.out(formatExplanation(explanation, opts.lang, opts.criterion));
  }
  return 0;
}
