/** `cchc year`: the annual result from the four quarters' results.json. */
import { join } from 'node:path';
import { checkRules, formatDiagnostics, OutputError, rollUpYearFiles, summarizeDiagnostics, writeYearFiles, type Lang, type YearResults } from '../index.js';
import { EXIT_PROBLEMS, type Output, STDIO, cannotWrite, requireDir } from './io.js';

export interface YearOptions {
  year: number;
  rules: string;
  /** Where the quarters' folders are (default out). */
  outRoot: string;
  /** Where year.json and year.xlsx go (default <out root>/<year>). */
  out?: string;
  allowMissing?: boolean;
  date?: string;
  lang: Lang;
}

export async function yearCommand(opts: YearOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  const checked = await checkRules(opts.rules);
  const sources = new Map(checked.sources);
  const problems = [...checked.diagnostics];
  let year: YearResults | undefined;
  if (checked.rules) {
    const run = await rollUpYearFiles(checked.rules, { year: opts.year, outRoot: opts.outRoot, allowMissing: opts.allowMissing ?? false, lang: opts.lang });
    for (const [path, text] of run.sources) sources.set(path, text);
    problems.push(...run.diagnostics);
    year = run.year;
  }
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!year || !checked.rules) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const out = opts.out ?? join(opts.outRoot, String(opts.year));
  try {
    const stamp = opts.date ? new Date(`${opts.date}T00:00:00Z`) : new Date(Date.UTC(opts.year, 11, 31));
    await writeYearFiles({ rules: checked.rules, year, lang: opts.lang, date: opts.date, stamp }, out);
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
  io.out(yearTables(year, opts.lang));
  io.out(vi ? `Đã ghi ${join(out, 'year.json')} và ${join(out, 'year.xlsx')}\n` : `Wrote ${join(out, 'year.json')} and ${join(out, 'year.xlsx')}\n`);
  return 0;
}

/** Each bloc's annual ranking: rank, unit, the four quarters, the annual score and grade, and why a grade was refused. */
function yearTables(year: YearResults, lang: Lang): string {
  const vi = lang === 'vi';
  const quarters = [1, 2, 3, 4].map((q) => `${year.year}-Q${q}`);
  const head = [vi ? 'Hạng' : 'Rank', vi ? 'Đơn vị' : 'Unit', ...quarters.map((q) => q.slice(5)), vi ? 'Năm' : 'Year', vi ? 'Xếp loại' : 'Grade'];
  const numeric = new Set([0, 2, 3, 4, 5, 6]);
  const lines: string[] = [];
  const stage = year.provisional ? (vi ? ', TẠM THỜI: có quý còn giải trình chưa quyết định' : ', PROVISIONAL: a quarter awaits decisions') : '';
  for (const bloc of year.blocs) {
    lines.push('', `${bloc.name} (${year.year}${stage})`);
    const rows = bloc.units.map((u) => [String(u.rank), `${u.id}  ${u.name}`, ...quarters.map((q) => u.quarters[q]?.toFixed(2) ?? '—'), u.score.toFixed(2), u.grade]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('  '));
    bloc.units.forEach((u, i) => {
      lines.push(fmt(rows[i]!));
      if (u.gradeReason) lines.push(`${' '.repeat(widths[0]! + 2)}↳ ${u.gradeReason}`);
    });
  }
  return `${lines.join('\n')}\n\n`;
}
