/** `cchc validate`: the scorecards of a rules folder checked. */
import {
  checkRules,
  formatDiagnostics,
  summarizeDiagnostics,
  type Lang,
  type Rules,
} from '../index.js';
import { EXIT_PROBLEMS, type Output, STDIO, requireDir } from './io.js';

export async function validateCommand(opts: { rules: string; lang: Lang }, io: Output = STDIO): Promise<number> {
  await requireDir(opts.rules, opts.lang);
  const { rules, diagnostics, sources } = await checkRules(opts.rules);
  if (diagnostics.length > 0) {
    io.err(`${formatDiagnostics(diagnostics, sources, opts.lang)}\n`);
  }
  if (!rules) {
    io.err(`${summarizeDiagnostics(diagnostics, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  io.out(`${summaryLine(opts.rules, rules, opts.lang)}\n`);
  return 0;
}

function summaryLine(dir: string, rules: Rules, lang: Lang): string {
  const criteria = rules.blocs.reduce(
    (n, b) => n + b.sections.reduce((m, s) => m + s.criteria.length, 0) + (b.bonus?.length ?? 0) + (b.penalty?.length ?? 0),
    0,
  );
  const facts = rules.blocs.reduce((n, b) => n + Object.keys(b.facts).length, 0);
  const counts = [rules.blocs.length, rules.units.length, criteria, facts];
  return lang === 'vi'
    ? `${dir}: hợp lệ — ${counts[0]} khối, ${counts[1]} đơn vị, ${counts[2]} tiêu chí, ${counts[3]} chỉ số`
    : `${dir}: valid — ${counts[0]} blocs, ${counts[1]} units, ${counts[2]} criteria, ${counts[3]} facts`;
}
