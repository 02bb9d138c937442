#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  checkRules,
  compareQuarters,
  formatLocation,
  formatWhatIf,
  whatIf,
  writeWhatIf,
  type RuleChange,
  explainUnit,
  formatExplanation,
  coverageOf,
  formatCoverage,
  formatTestRun,
  loadTestFiles,
  runScorecardTests,
  validateTestFile,
  type CheckedCase,
  factTypeOf,
  hasErrors,
  lastDayOf,
  loadPreviousResults,
  OutputError,
  previousQuarter,
  QUARTER,
  writeEvidenceForms,
  writeReports,
  type Comparison,
  formatDiagnostics,
  loadEvidenceFiles,
  rulesDigest,
  scoreQuarter,
  summarizeDiagnostics,
  validateEvidence,
  type Lang,
  type MissingByUnit,
  type MissingMode,
  type Results,
} from '../index.js';
import type { Rules } from '../model/scorecard.js';

/** Exit codes: 0 clean, 1 problems in the user's files, 2 wrong usage. */
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

const langOption = () =>
  new Option('--lang <lang>', 'ngôn ngữ thông báo / message language').choices(['vi', 'en']).default('vi');

async function validateCommand(opts: { rules: string; lang: Lang }): Promise<number> {
  await requireDir(opts.rules, opts.lang);
  const { rules, diagnostics, sources } = await checkRules(opts.rules);
  if (diagnostics.length > 0) {
    process.stderr.write(`${formatDiagnostics(diagnostics, sources, opts.lang)}\n`);
  }
  if (!rules) {
    process.stderr.write(`${summarizeDiagnostics(diagnostics, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  process.stdout.write(`${summaryLine(opts.rules, rules, opts.lang)}\n`);
  return 0;
}

interface ScoreOptions {
  rules: string;
  evidence: string;
  quarter?: string;
  out?: string;
  /** A file; false with --no-previous. */
  previous?: string | false;
  date?: string;
  missing: MissingMode;
  strict?: boolean;
  lang: Lang;
}

async function scoreCommand(opts: ScoreOptions): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  if (opts.quarter !== undefined && !QUARTER.test(opts.quarter)) {
    throw new UsageError(vi ? `quý phải có dạng YYYY-Qn: ${opts.quarter}` : `the quarter must be YYYY-Qn: ${opts.quarter}`);
  }
  if (opts.date !== undefined && !isDate(opts.date)) {
    throw new UsageError(vi ? `ngày phải có dạng YYYY-MM-DD: ${opts.date}` : `the date must be YYYY-MM-DD: ${opts.date}`);
  }
  if (typeof opts.previous === 'string' && !(await isFile(opts.previous))) {
    throw new UsageError(vi ? `không tìm thấy tệp kết quả quý trước: ${opts.previous}` : `previous results not found: ${opts.previous}`);
  }
  const quarter = await loadQuarter(opts);
  const { checked, problems, sources } = quarter;
  let results: Results | undefined;
  if (quarter.evidence) {
    results = await scoreQuarter(checked.rules!, quarter.evidence, quarter.missing, quarter.digest!, opts.lang);
  }
  const out = opts.out ?? join('out', results?.quarter ?? '');
  let comparison: Comparison | undefined;
  let skippedPrevious: string | undefined;
  if (results) {
    const given = typeof opts.previous === 'string';
    const path = given ? (opts.previous as string) : join(dirname(out), previousQuarter(results.quarter), 'results.json');
    if (given || (opts.previous !== false && (await isFile(path)))) {
      const previous = await loadPreviousResults(path, results);
      if (previous.text !== undefined) sources.set(path, previous.text);
      if (previous.results) {
        problems.push(...previous.diagnostics);
        comparison = compareQuarters(results, previous.results, checked.rules!.scheme.precision);
      } else if (given) {
        problems.push(...previous.diagnostics);
        results = undefined;
      } else {
        // Found, not asked for: a broken file there does not stop this quarter; it is shown and left out.
        problems.push(...previous.diagnostics.map((d) => ({ ...d, severity: 'warning' as const })));
        skippedPrevious = path;
      }
    }
  }
  if (problems.length > 0) process.stderr.write(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!results) {
    process.stderr.write(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  // Everything is scored and checked before the first byte is written; files are renamed into place together.
  const input = {
    rules: checked.rules!,
    results,
    comparison,
    lang: opts.lang,
    date: opts.date,
    stamp: opts.date ? new Date(`${opts.date}T00:00:00Z`) : lastDayOf(results.quarter),
  };
  const progress = progressBar(vi ? 'Bảng điểm đơn vị' : 'Unit scorecards');
  let leftovers: OutputError[];
  try {
    ({ leftovers } = await writeReports(input, out, progress.update));
    progress.done();
  } catch (err) {
    progress.done();
    if (!(err instanceof OutputError)) throw err;
    process.stderr.write(`cchc: ${vi ? 'không ghi được' : 'cannot write'} ${err.file}: ${err.code}${vi ? ' — các tệp kết quả cũ được giữ nguyên' : ' — previous outputs left as they were'}\n`);
    return EXIT_PROBLEMS;
  }
  if (skippedPrevious) {
    process.stderr.write(`cchc: ${vi ? `bỏ qua so sánh với quý trước (${skippedPrevious} không dùng được; --previous FILE để chỉ tệp khác, --no-previous để không so sánh)` : `no comparison with the previous quarter (${skippedPrevious} cannot be used; --previous FILE names another, --no-previous turns it off)`}\n`);
  }
  // Everything is in place; a file that could not be tidied afterwards is worth a word, not a failure.
  for (const l of leftovers) process.stderr.write(`cchc: ${vi ? 'cảnh báo: không xóa được' : 'warning: could not remove'} ${l.file}: ${l.code}\n`);
  process.stdout.write(rankingTables(results, opts.lang));
  const units = results.blocs.reduce((n, b) => n + b.units.length, 0);
  const compared = comparison ? (vi ? `; so sánh với ${comparison.quarter}` : `; compared with ${comparison.quarter}`) : '';
  process.stdout.write(
    vi
      ? `Đã ghi ${join(out, 'results.json')}, ${join(out, 'ranking.xlsx')} và ${units} bảng điểm đơn vị trong ${join(out, 'units')}${compared}\n`
      : `Wrote ${join(out, 'results.json')}, ${join(out, 'ranking.xlsx')} and ${units} unit scorecards in ${join(out, 'units')}${compared}\n`,
  );
  return 0;
}

interface QuarterOptions {
  rules: string;
  evidence: string;
  quarter?: string;
  missing: MissingMode;
  strict?: boolean;
}

/** Checks the rules and a quarter's evidence: every problem, and the evidence only when there is no error. */
async function loadQuarter(opts: QuarterOptions) {
  const checked = await checkRules(opts.rules);
  const problems = [...checked.diagnostics];
  const sources = new Map(checked.sources);
  if (!checked.rules) return { checked, problems, sources, missing: new Map() as MissingByUnit };
  const rules = checked.rules;
  const digest = rulesDigest(checked.files);
  const loaded = await loadEvidenceFiles(opts.evidence, factTypeOf(rules));
  for (const f of loaded.files) sources.set(f.file, f.text);
  const validated = validateEvidence(rules, loaded.files, {
    path: opts.evidence,
    quarter: opts.quarter,
    missing: opts.missing,
    unitsSource: checked.files.units,
    rulesDigest: digest,
    strict: opts.strict,
  });
  problems.push(...loaded.diagnostics, ...validated.diagnostics);
  const evidence = hasErrors(loaded.diagnostics) ? undefined : validated.evidence;
  return { checked, problems, sources, digest, evidence, missing: validated.missing };
}

interface ExplainOptions extends QuarterOptions {
  unit: string;
  criterion?: string;
  json?: boolean;
  lang: Lang;
}

async function explainCommand(opts: ExplainOptions): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
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
  if (problems.length > 0) process.stderr.write(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!quarter.evidence) {
    process.stderr.write(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const { explanation } = await explainUnit(rules!, quarter.evidence, quarter.missing, quarter.digest!, opts.unit, opts.lang);
  if (opts.json) {
    const shown = opts.criterion ? { ...explanation, criteria: explanation.criteria.filter((c) => c.id === opts.criterion) } : explanation;
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  } else {
    process.stdout.write(formatExplanation(explanation, opts.lang, opts.criterion));
  }
  return 0;
}

interface DiffOptions {
  rules: string;
  against: string;
  evidence: string;
  quarter?: string;
  missing: MissingMode;
  out?: string;
  lang: Lang;
}

async function diffCommand(opts: DiffOptions): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  await requireDir(opts.against, opts.lang);
  const now = await loadQuarter(opts);
  const old = await loadQuarter({ ...opts, rules: opts.against });
  // The evidence is checked against both rule sets; a problem found twice is shown once.
  const seen = new Set<string>();
  const problems = [...now.problems, ...old.problems].filter((d) => {
    const key = JSON.stringify(d);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const sources = new Map([...old.sources, ...now.sources]);
  if (problems.length > 0) process.stderr.write(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!now.evidence || !old.evidence) {
    process.stderr.write(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const side = (q: typeof now) => ({ rules: q.checked.rules!, evidence: q.evidence!, missing: q.missing, digest: q.digest! });
  const result = await whatIf(side(now), side(old), opts.lang);
  const blocFiles = new Map(now.checked.files.blocs.map((f) => [(f.data as { bloc?: string } | null)?.bloc, f]));
  const where = (c: RuleChange) => {
    if (!c.path) return undefined;
    const file = c.kind === 'grades' ? now.checked.files.scheme : blocFiles.get(c.bloc);
    return file ? formatLocation(file.locate(c.path)) : undefined;
  };
  process.stdout.write(formatWhatIf(result, where, opts.lang));
  if (opts.out) {
    try {
      await writeWhatIf(result, where, opts.lang, opts.out, lastDayOf(result.now.quarter));
    } catch (err) {
      if (!(err instanceof OutputError)) throw err;
      process.stderr.write(`cchc: ${vi ? 'không ghi được' : 'cannot write'} ${err.file}: ${err.code}\n`);
      return EXIT_PROBLEMS;
    }
    process.stdout.write(`${vi ? 'Đã ghi' : 'Wrote'} ${opts.out}\n`);
  }
  return 0;
}

/** A progress bar on stderr when it is a terminal; silent on a pipe or file. */
function progressBar(label: string): { update: (done: number, total: number) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update: (done, total) => {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`);
      shown = true;
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

interface TemplateOptions {
  rules: string;
  quarter: string;
  out?: string;
  perUnit?: boolean;
  lang: Lang;
}

async function templateCommand(opts: TemplateOptions): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  if (!QUARTER.test(opts.quarter)) {
    throw new UsageError(vi ? `quý phải có dạng YYYY-Qn: ${opts.quarter}` : `the quarter must be YYYY-Qn: ${opts.quarter}`);
  }
  const checked = await checkRules(opts.rules);
  if (checked.diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(checked.diagnostics, checked.sources, opts.lang)}\n`);
  if (!checked.rules) {
    process.stderr.write(`${summarizeDiagnostics(checked.diagnostics, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const out = opts.out ?? join('out', opts.quarter, opts.perUnit ? 'forms' : 'evidence-form.xlsx');
  const input = {
    rules: checked.rules,
    rulesDigest: rulesDigest(checked.files),
    quarter: opts.quarter,
    units: checked.rules.units,
    lang: opts.lang,
    stamp: lastDayOf(opts.quarter),
  };
  try {
    const written = await writeEvidenceForms(input, out, opts.perUnit ?? false);
    process.stdout.write(
      opts.perUnit
        ? `${vi ? 'Đã ghi' : 'Wrote'} ${written.length} ${vi ? 'biểu nhập số liệu trong' : 'evidence forms in'} ${out}\n`
        : `${vi ? 'Đã ghi' : 'Wrote'} ${out} (${input.units.length} ${vi ? 'đơn vị' : 'units'})\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    process.stderr.write(`cchc: ${vi ? 'không ghi được' : 'cannot write'} ${err.file}: ${err.code}\n`);
    return EXIT_PROBLEMS;
  }
}

async function testCommand(opts: { rules: string; coverage?: boolean; lang: Lang }): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  const checked = await checkRules(opts.rules);
  const problems = [...checked.diagnostics];
  const sources = new Map(checked.sources);
  if (!checked.rules) {
    process.stderr.write(`${formatDiagnostics(problems, sources, opts.lang)}\n${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const rules = checked.rules;
  const loaded = await loadTestFiles(opts.rules);
  problems.push(...loaded.diagnostics);
  let failed = loaded.diagnostics.length;
  const cases: CheckedCase[] = [];
  for (const file of loaded.files) {
    sources.set(file.file, file.text);
    const v = validateTestFile(file, rules);
    problems.push(...v.diagnostics);
    cases.push(...v.cases);
    failed += v.failed;
  }
  if (problems.length > 0) process.stderr.write(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (loaded.files.length === 0 && loaded.diagnostics.length === 0) {
    process.stderr.write(vi ? `cchc: không có ca kiểm thử nào trong ${join(opts.rules, 'tests')}\n` : `cchc: no test cases in ${join(opts.rules, 'tests')}\n`);
  }
  const outcomes = await runScorecardTests(rules, cases, opts.lang);
  if (outcomes.length > 0) process.stdout.write(`${formatTestRun(outcomes, opts.lang)}\n`);
  const passed = outcomes.filter((o) => o.failures.length === 0).length;
  failed += outcomes.length - passed;
  if (opts.coverage) {
    const blocFiles = new Map(checked.files.blocs.map((f) => [(f.data as { bloc?: string } | null)?.bloc, f]));
    const locate = (bloc: string, path: (string | number)[]) => blocFiles.get(bloc)!.locate(path);
    process.stdout.write(`${formatCoverage(coverageOf(rules, outcomes), locate, opts.lang)}\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 || hasErrors(problems) ? EXIT_PROBLEMS : 0;
}

function rankingTables(results: Results, lang: Lang): string {
  const head = lang === 'vi' ? ['Hạng', 'Đơn vị', 'Điểm', 'Xếp loại'] : ['Rank', 'Unit', 'Score', 'Grade'];
  const lines: string[] = [];
  for (const bloc of results.blocs) {
    lines.push('', `${bloc.name} (${results.quarter})`);
    const rows = bloc.units.map((u) => [String(u.rank), `${u.id}  ${u.name}`, u.score.toFixed(2), u.grade]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => (i === 0 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  }
  return `${lines.join('\n')}\n\n`;
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

async function requireDir(dir: string, lang: Lang): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(lang === 'vi' ? `không tìm thấy thư mục quy tắc: ${dir}` : `rules folder not found: ${dir}`);
  }
}

function program(): Command {
  const cmd = new Command('cchc')
    .description('Chấm điểm cải cách hành chính (CCHC) hằng quý / quarterly administrative-reform scoring')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  cmd
    .command('validate')
    .description('kiểm tra bảng tiêu chí trong thư mục quy tắc / check the scorecards in a rules folder')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await validateCommand(opts);
    });
  cmd
    .command('score')
    .description('chấm điểm một quý / score a quarter')
    .requiredOption('--evidence <path>', 'tệp hoặc thư mục số liệu / evidence file or folder')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .option('--quarter <quarter>', 'quý, ví dụ 2019-Q1 / quarter, e.g. 2019-Q1')
    .option('--out <dir>', 'thư mục kết quả / output folder (default out/<quarter>)')
    .option('--previous <file>', 'results.json của quý trước / previous quarter results (default <out root>/<previous quarter>/results.json)')
    .option('--no-previous', 'không so sánh với quý trước / no comparison with the previous quarter')
    .option('--date <YYYY-MM-DD>', 'ngày ký trên bảng điểm / date printed on the sheets (default: left blank)')
    .addOption(new Option('--missing <mode>', 'thiếu số liệu / missing evidence').choices(['error', 'zero']).default('error'))
    .option('--strict', 'biểu nhập của quý khác hoặc bộ tiêu chí khác là lỗi / a form for another quarter or other rules is an error')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await scoreCommand(opts);
    });
  cmd
    .command('explain')
    .description('giải thích từng điểm của một đơn vị / explain every point of a unit')
    .requiredOption('--evidence <path>', 'tệp hoặc thư mục số liệu / evidence file or folder')
    .requiredOption('--unit <id>', 'mã đơn vị / unit id')
    .option('--criterion <id>', 'chỉ một tiêu chí / one criterion only')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .option('--quarter <quarter>', 'quý, ví dụ 2019-Q1 / quarter, e.g. 2019-Q1')
    .addOption(new Option('--missing <mode>', 'thiếu số liệu / missing evidence').choices(['error', 'zero']).default('error'))
    .option('--json', 'xuất JSON / print JSON')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await explainCommand(opts);
    });
  cmd
    .command('diff')
    .description('thử trước một thay đổi tiêu chí: so sánh hai bộ tiêu chí trên cùng số liệu / what-if: two rule sets on the same evidence')
    .requiredOption('--against <dir>', 'bộ tiêu chí cũ / the rules to compare with')
    .requiredOption('--evidence <path>', 'tệp hoặc thư mục số liệu / evidence file or folder')
    .option('--rules <dir>', 'bộ tiêu chí mới / the new rules', 'rules')
    .option('--quarter <quarter>', 'quý, ví dụ 2019-Q1 / quarter, e.g. 2019-Q1')
    .addOption(new Option('--missing <mode>', 'thiếu số liệu / missing evidence').choices(['error', 'zero']).default('error'))
    .option('--out <file.xlsx>', 'ghi thêm bảng so sánh Excel / also write the comparison as a workbook')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await diffCommand(opts);
    });
  cmd
    .command('test')
    .description('chạy các ca kiểm thử của bảng tiêu chí (rules/tests) / run the scorecard\'s own test cases (rules/tests)')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .option('--coverage', 'liệt kê bước, quy tắc, mục chưa ca nào đạt tới / list what no case reaches')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await testCommand(opts);
    });
  cmd
    .command('template')
    .description('lập biểu nhập số liệu Excel cho các đơn vị / write the Excel evidence form for the units')
    .requiredOption('--quarter <quarter>', 'quý, ví dụ 2019-Q2 / quarter, e.g. 2019-Q2')
    .option('--rules <dir>', 'thư mục quy tắc / rules folder', 'rules')
    .option('--out <path>', 'tệp (hoặc thư mục với --per-unit) / file, or folder with --per-unit (default out/<quarter>/evidence-form.xlsx, out/<quarter>/forms)')
    .option('--per-unit', 'mỗi đơn vị một tệp / one workbook per unit')
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await templateCommand(opts);
    });
  return cmd;
}

async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successful exits; everything else commander rejects is usage.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
    } else if (err instanceof UsageError) {
      process.stderr.write(`cchc: ${err.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      throw err;
    }
  }
}

// A reader that stops early (`cchc score … | head`) is not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

await main(process.argv);
