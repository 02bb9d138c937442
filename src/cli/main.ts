#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkRules,
  formatDiagnostics,
  loadEvidenceFiles,
  rulesDigest,
  scoreQuarter,
  summarizeDiagnostics,
  validateEvidence,
  type Lang,
  type MissingMode,
  type Results,
} from '../index.js';
import { QUARTER } from '../model/quarter.js';
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
  missing: MissingMode;
  lang: Lang;
}

async function scoreCommand(opts: ScoreOptions): Promise<number> {
  await requireDir(opts.rules, opts.lang);
  if (opts.quarter !== undefined && !QUARTER.test(opts.quarter)) {
    throw new UsageError(opts.lang === 'vi' ? `quý phải có dạng YYYY-Qn: ${opts.quarter}` : `the quarter must be YYYY-Qn: ${opts.quarter}`);
  }
  const checked = await checkRules(opts.rules);
  const problems = [...checked.diagnostics];
  const sources = new Map(checked.sources);
  let results: Results | undefined;
  if (checked.rules) {
    const loaded = await loadEvidenceFiles(opts.evidence);
    for (const f of loaded.files) sources.set(f.file, f.text);
    const validated = validateEvidence(checked.rules, loaded.files, {
      path: opts.evidence,
      quarter: opts.quarter,
      missing: opts.missing,
      unitsSource: checked.files.units,
    });
    problems.push(...loaded.diagnostics, ...validated.diagnostics);
    if (validated.evidence && loaded.diagnostics.length === 0) {
      results = await scoreQuarter(checked.rules, validated.evidence, validated.missing, rulesDigest(checked.files), opts.lang);
    }
  }
  if (problems.length > 0) process.stderr.write(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!results) {
    process.stderr.write(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  // Everything is scored before the first byte is written; the file is renamed into place whole.
  const out = opts.out ?? join('out', results.quarter);
  const target = join(out, 'results.json');
  try {
    await mkdir(out, { recursive: true });
    await writeFile(`${target}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
    await rename(`${target}.tmp`, target);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code !== 'string') throw err;
    await rm(`${target}.tmp`, { force: true }).catch(() => undefined);
    process.stderr.write(`cchc: ${opts.lang === 'vi' ? 'không ghi được' : 'cannot write'} ${target}: ${e.code}\n`);
    return EXIT_PROBLEMS;
  }
  process.stdout.write(rankingTables(results, opts.lang));
  process.stdout.write(`${opts.lang === 'vi' ? 'Đã ghi' : 'Wrote'} ${target}\n`);
  return 0;
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
    .addOption(new Option('--missing <mode>', 'thiếu số liệu / missing evidence').choices(['error', 'zero']).default('error'))
    .addOption(langOption())
    .action(async (opts) => {
      process.exitCode = await scoreCommand(opts);
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
