/** `cchc publish`: a scored quarter locked, its inputs and outputs named by digest in manifest.json. */
import { join } from 'node:path';
import { appendLogLine, checkPublication, formatDiagnostics, MANIFEST_FILE, OutputError, readManifest, summarizeDiagnostics, writeManifest, type Lang, type Manifest, type PublicationCheck } from '../index.js';
import { EXIT_PROBLEMS, UsageError, type Output, STDIO, cannotWrite, currentUser } from './io.js';

export interface PublishOptions {
  quarter: string;
  out?: string;
  /** The command line after the program name, as the log records it. */
  args?: string[];
  lang: Lang;
}

export async function publishCommand(opts: PublishOptions, io: Output = STDIO): Promise<number> {
  const vi = opts.lang === 'vi';
  const out = opts.out ?? join('out', opts.quarter);
  const existing = await readManifest(out);
  if (existing !== undefined) {
    const when = existing?.publishedAt ?? '?';
    const who = existing?.user ?? '?';
    throw new UsageError(
      vi
        ? `quý trong ${out} đã được công bố ngày ${when} bởi ${who} (${join(out, MANIFEST_FILE)}); muốn công bố lại thì chấm lại với --reopen --reason "…" trước`
        : `the quarter in ${out} was already published on ${when} by ${who} (${join(out, MANIFEST_FILE)}); to publish it again, score it with --reopen --reason "…" first`,
    );
  }
  let checked: PublicationCheck;
  try {
    checked = await checkPublication(out, opts.quarter);
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(`cchc: ${vi ? 'không đọc được' : 'cannot read'} ${err.file}: ${err.code}\n`);
    return EXIT_PROBLEMS;
  }
  if (!checked.manifest) {
    io.err(`${formatDiagnostics(checked.diagnostics, checked.sources, opts.lang)}\n${summarizeDiagnostics(checked.diagnostics, opts.lang)}\n`);
    return EXIT_PROBLEMS;
  }
  const time = new Date().toISOString();
  const user = currentUser();
  const { quarter, ...rest } = checked.manifest;
  const manifest: Manifest = { quarter, publishedAt: time, user, ...rest };
  try {
    // The log says so first: a run killed in between leaves the line without the lock, never the lock without its line.
    await appendLogLine(out, { time, user, command: 'publish', args: opts.args ?? [] });
    await writeManifest(out, manifest);
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    io.err(cannotWrite(err, opts.lang));
    return EXIT_PROBLEMS;
  }
  io.out(
    vi
      ? `Đã công bố quý ${quarter}: ${join(out, MANIFEST_FILE)} khóa ${manifest.outputs.length} tệp kết quả, ghi ${manifest.inputs.length} tệp đầu vào\n`
      : `Published ${quarter}: ${join(out, MANIFEST_FILE)} locks ${manifest.outputs.length} output files and names ${manifest.inputs.length} input files\n`,
  );
  return 0;
}
