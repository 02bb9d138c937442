/** `cchc score`: a quarter scored, its results, ranking and unit scorecards written. */
import { readFile, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  compareQuarters,
  formatDiagnostics,
  lastDayOf,
  loadPreviousResults,
  OutputError,
  previousQuarter,
  QUARTER,
  scoreAppraised,
  scoreQuarter,
  summarizeDiagnostics,
  writeReports,
  type Comparison,
  type Lang,
  type MissingMode,
  type Results,
  type ScorecardMemo,
} from '../index.js';
import { loadQuarter, type RulesCache } from './quarter.js';
import { EXIT_PROBLEMS, UsageError, type Output, STDIO, requireAppraisal, requireDir, isFile, progressBar, cannotWrite } from './io.js';

export interface ScoreOptions {
  rules: string;
  evidence: string;
  quarter?: string;
  out?: string;
  /** A file; false with --no-previous. */
  previous?: string | false;
  /** The committee's appraisal (default appraisal/<quarter>.yaml beside the evidence, when there); false with --no-appraisal. */
  appraisal?: string[] | false;
  explanations?: string;
  date?: string;
  missing: MissingMode;
  strict?: boolean;
  /** false with --no-unit-files. */
  unitFiles?: boolean;
  /** Worker threads for the unit scorecards (default: the cores, for enough units). */
  workers?: number;
  /** Write into a folder whose results.json is another quarter's, or not ours. */
  force?: boolean;
  /** Kept across the runs of `--watch`: rules and scorecards that have not changed are not made again. */
  reuse?: { rules: RulesCache; scorecards: ScorecardMemo };
  lang: Lang;
}

export async function scoreCommand(opts: ScoreOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  if (typeof opts.previous === 'string' && !(await isFile(opts.previous))) {
    throw new UsageError(vi ? `không tìm thấy tệp kết quả quý trước: ${opts.previous}` : `previous results not found: ${opts.previous}`);
  }
  await requireAppraisal(opts, opts.lang);
  if (opts.out) await requireApartFromEvidence(opts.out, opts.evidence, opts.lang);
  const quarter = await loadQuarter(opts, opts.reuse?.rules);
  const { checked, problems, sources } = quarter;
  let results: Results | undefined;
  if (quarter.appraised) {
    results = await scoreAppraised(checked.rules!, quarter.appraised, quarter.missing, quarter.digest!, { lang: opts.lang });
  } else if (quarter.evidence) {
    results = await scoreQuarter(checked.rules!, quarter.evidence, quarter.missing, quarter.digest!, { lang: opts.lang });
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
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!results) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  if (!opts.out) await requireApartFromEvidence(out, opts.evidence, opts.lang);
  if (!opts.force) await requireOwnFolder(out, results.quarter, opts.lang);
  // Everything is scored and checked before the first byte is written; files are renamed into place together.
  const input = {
    rules: checked.rules!,
    results,
    comparison,
    lang: opts.lang,
    date: opts.date,
    stamp: opts.date ? new Date(`${opts.date}T00:00:00Z`) : lastDayOf(results.quarter),
  };
  const progress = progressBar(vi ? 'Bảng điểm đơn vị' : 'Unit scorecards', io);
  let leftovers: OutputError[];
  try {
    ({ leftovers } = await writeReports(input, out, { onProgress: progress.update, unitFiles: opts.unitFiles !== false, workers: opts.workers, memo: opts.reuse?.scorecards }));
    progress.done();
  } catch (err) {
    progress.done();
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
  if (skippedPrevious) {
    io.err(`cchc: ${vi ? `bỏ qua so sánh với quý trước (${skippedPrevious} không dùng được; --previous FILE để chỉ tệp khác, --no-previous để không so sánh)` : `no comparison with the previous quarter (${skippedPrevious} cannot be used; --previous FILE names another, --no-previous turns it off)`}\n`);
  }
  // Everything is in place; a file that could not be tidied afterwards is worth a word, not a failure.
  for (const l of leftovers) io.err(`cchc: ${vi ? 'cảnh báo: không xóa được' : 'warning: could not remove'} ${l.file}: ${l.code}\n`);
  io.out(rankingTables(results, opts.lang));
  const units = opts.unitFiles === false ? 0 : results.blocs.reduce((n, b) => n + b.units.length, 0);
  const compared = comparison ? (vi ? `; so sánh với ${comparison.quarter}` : `; compared with ${comparison.quarter}`) : '';
  io.out(
    vi
      ? `Đã ghi ${join(out, 'results.json')}, ${join(out, 'ranking.xlsx')} và ${units} bảng điểm đơn vị trong ${join(out, 'units')}${compared}\n`
      : `Wrote ${join(out, 'results.json')}, ${join(out, 'ranking.xlsx')} and ${units} unit scorecards in ${join(out, 'units')}${compared}\n`,
  );
  return 0;
}

/**
 * Refuses (wrong usage) an output folder that is the evidence folder or holds it: scorecards
 * would replace the units' own files, and the next run would read results as evidence.
 */
async function requireApartFromEvidence(out: string, evidence: string, lang: Lang): Promise<void> {
  const real = async (path: string) => realpath(path).catch(() => resolve(path));
  const outDir = await real(out);
  const evidenceAt = await real(evidence);
  const inside = relative(outDir, evidenceAt);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new UsageError(
      lang === 'vi'
        ? `thư mục kết quả ${out} chứa số liệu ${evidence}: bảng điểm sẽ ghi đè lên số liệu của đơn vị; hãy chọn --out khác`
        : `the output folder ${out} holds the evidence ${evidence}: scorecards would replace the units' files; choose another --out`,
    );
  }
}

/**
 * Refuses (wrong usage) an output folder holding another quarter's results.json, or a
 * results.json that is not ours: writing there would replace them, and remove their scorecards.
 */
async function requireOwnFolder(out: string, quarter: string, lang: Lang): Promise<void> {
  const vi = lang === 'vi';
  const found = await quarterIn(out);
  if (found === undefined || found === quarter) return;
  if (found === null) {
    const file = join(out, 'results.json');
    throw new UsageError(
      vi
        ? `${file} không phải tệp kết quả của cchc; thêm --force để ghi đè vào thư mục ${out}, hoặc chọn --out khác`
        : `${file} is not a cchc results file; add --force to write over it in ${out}, or choose another --out`,
    );
  }
  throw new UsageError(
    vi
      ? `thư mục ${out} đang chứa kết quả quý ${found}, không phải quý ${quarter}; thêm --force để ghi đè, hoặc chọn --out khác`
      : `${out} holds the results of ${found}, not ${quarter}; add --force to write over them, or choose another --out`,
  );
}

/** The quarter of the results.json in `out`: undefined when there is none, null when it is not a cchc results file. */
async function quarterIn(out: string): Promise<string | null | undefined> {
  let text: string;
  try {
    text = await readFile(join(out, 'results.json'), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // No folder, or a file where the folder should be: nothing to protect (writing will say what is wrong).
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return null;
  }
  try {
    const r = JSON.parse(text) as Partial<Record<keyof Results, unknown>> | null;
    const ours = typeof r?.scheme === 'string' && typeof r.rulesDigest === 'string' && Array.isArray(r.blocs) && typeof r.quarter === 'string' && QUARTER.test(r.quarter);
    return ours ? (r.quarter as string) : null;
  } catch {
    return null;
  }
}

function rankingTables(results: Results, lang: Lang): string {
  const vi = lang === 'vi';
  const appraised = results.blocs.some((b) => b.units.some((u) => u.selfScore !== undefined));
  const head = [vi ? 'Hạng' : 'Rank', vi ? 'Đơn vị' : 'Unit', ...(appraised ? [vi ? 'Tự chấm' : 'Self', vi ? 'Thẩm định' : 'Appraised', '±'] : [vi ? 'Điểm' : 'Score']), vi ? 'Xếp loại' : 'Grade'];
  const numeric = new Set(appraised ? [0, 2, 3, 4] : [0, 2]);
  const lines: string[] = [];
  const stage = results.stage === 'provisional' ? (vi ? ', TẠM THỜI: còn giải trình chưa quyết định' : ', PROVISIONAL: explanations not yet decided') : '';
  for (const bloc of results.blocs) {
    lines.push('', `${bloc.name} (${results.quarter}${stage})`);
    const rows = bloc.units.map((u) => [
      String(u.rank),
      `${u.id}  ${u.name}`,
      ...(appraised ? [(u.selfScore ?? u.score).toFixed(2), u.score.toFixed(2), signed(u.score - (u.selfScore ?? u.score))] : [u.score.toFixed(2)]),
      u.grade,
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  }
  return `${lines.join('\n')}\n\n`;
}

/** A difference of scores with its sign, blank when there is none: +1.50, −2.00. */
function signed(d: number): string {
  const cents = Math.round(d * 100);
  if (cents === 0) return '';
  return `${cents > 0 ? '+' : '−'}${(Math.abs(cents) / 100).toFixed(2)}`;
}
