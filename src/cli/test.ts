/** `cchc test`: the scorecard's own test cases, and their coverage. */
import { join } from 'node:path';
import {
  checkRules,
  coverageOf,
  formatCoverage,
  formatDiagnostics,
  formatTestRun,
  hasErrors,
  loadTestFiles,
  runScorecardTests,
  summarizeDiagnostics,
  validateTestFile,
  type CheckedCase,
  type Lang,
} from '../index.js';
import { EXIT_PROBLEMS, type Output, STDIO, requireDir } from './io.js';

export async function testCommand(opts: { rules: string; coverage?: boolean; lang: Lang }, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  const checked = await checkRules(opts.rules);
  const problems = [...checked.diagnostics];
  const sources = new Map(checked.sources);
  if (!checked.rules) {
    io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const rules = checked.rules;
  const loaded = await loadTestFiles(opts.rules);
  problems.push(...loaded.diagnostics);
  // A file that does not parse counts as one failure, whatever its number of syntax errors.
  let failed = new Set(loaded.diagnostics.map((d) => d.file)).size;
  const cases: CheckedCase[] = [];
  for (const file of loaded.files) {
    sources.set(file.file, file.text);
    const v = validateTestFile(file, rules);
    problems.push(...v.diagnostics);
    cases.push(...v.cases);
    failed += v.failed;
  }
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  const none = loaded.files.length === 0 && loaded.diagnostics.length === 0;
  if (none) {
    io.err(vi ? `cchc: không có ca kiểm thử nào trong ${join(opts.rules, 'tests')}\n` : `cchc: no test cases in ${join(opts.rules, 'tests')}\n`);
  }
  const outcomes = await runScorecardTests(rules, cases, opts.lang);
  if (outcomes.length > 0) io.out(`${formatTestRun(outcomes, opts.lang)}\n`);
  const passed = outcomes.filter((o) => o.failures.length === 0).length;
  failed += outcomes.length - passed;
  if (opts.coverage) {
    const blocFiles = new Map(checked.files.blocs.map((f) => [(f.data as { bloc?: string } | null)?.bloc, f]));
    const locate = (bloc: string, path: (string | number)[]) => blocFiles.get(bloc)!.locate(path);
    io.out(`${formatCoverage(coverageOf(rules, outcomes), locate, opts.lang)}\n`);
  }
  io.out(`${passed} passed, ${failed} failed\n`);
  // No tests at all is not a pass: a scorecard without tests is not known to work.
  return failed > 0 || none || hasErrors(problems) ? EXIT_PROBLEMS : 0;
}
