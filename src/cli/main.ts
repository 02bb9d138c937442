#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { checkRules, formatDiagnostics, summarizeDiagnostics, type Lang } from '../index.js';
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

await main(process.argv);
