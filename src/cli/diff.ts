/** `cchc diff`: two rule sets on the same evidence (what-if). */
import {
  formatDiagnostics,
  formatLocation,
  formatWhatIf,
  lastDayOf,
  OutputError,
  summarizeDiagnostics,
  whatIf,
  writeWhatIf,
  type Lang,
  type MissingMode,
  type RuleChange,
} from '../index.js';
import { loadQuarter } from './quarter.js';
import { EXIT_PROBLEMS, type Output, STDIO, requireAppraisal, requireDir, cannotWrite } from './io.js';

export interface DiffOptions {
  rules: string;
  against: string;
  evidence: string;
  quarter?: string;
  missing: MissingMode;
  out?: string;
  appraisal?: string[] | false;
  explanations?: string;
  lang: Lang;
}

export async function diffCommand(opts: DiffOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  await requireDir(opts.rules, opts.lang);
  await requireDir(opts.against, opts.lang);
  await requireAppraisal(opts, opts.lang);
  // One evidence, two rule sets: a fact only one side declares is left out on the other, with a warning.
  const now = await loadQuarter({ ...opts, lenient: true });
  const old = await loadQuarter({ ...opts, rules: opts.against, lenient: true });
  // The evidence is checked against both rule sets; a problem found twice is shown once.
  const seen = new Set<string>();
  const problems = [...now.problems, ...old.problems].filter((d) => {
    const key = JSON.stringify(d);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const sources = new Map([...old.sources, ...now.sources]);
  if (problems.length > 0) io.err(`${formatDiagnostics(problems, sources, opts.lang)}\n`);
  if (!now.evidence || !old.evidence) {
    io.err(`${summarizeDiagnostics(problems, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const side = (q: typeof now) => ({ rules: q.checked.rules!, evidence: q.evidence!, missing: q.missing, digest: q.digest!, ...(q.appraised ? { appraised: q.appraised } : {}) });
  const result = await whatIf(side(now), side(old), opts.lang);
  const blocFiles = new Map(now.checked.files.blocs.map((f) => [(f.data as { bloc?: string } | null)?.bloc, f]));
  const where = (c: RuleChange) => {
    if (!c.path) return undefined;
    const file = c.file === 'scheme' ? now.checked.files.scheme : c.file === 'units' ? now.checked.files.units : blocFiles.get(c.bloc);
    return file ? formatLocation(file.locate(c.path)) : undefined;
  };
  io.out(formatWhatIf(result, where, opts.lang));
  if (opts.out) {
    try {
      await writeWhatIf(result, where, opts.lang, opts.out, lastDayOf(result.now.quarter));
    } catch (err) {
      if (!(err instanceof OutputError)) throw err;
      io.err(cannotWrite(err, opts.lang));
      return EXIT_PROBLEMS;
    }
    io.out(`${vi ? 'Đã ghi' : 'Wrote'} ${opts.out}\n`);
  }
  return 0;
}
