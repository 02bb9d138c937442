/** Types of a quarter's publication: the run log (log.jsonl) and the manifest that locks the output folder. */

/** A file and the sha256 of its bytes (hex). */
export interface FileDigest {
  /** Inputs: the path as the command read it. Outputs: relative to the output folder, with `/`. */
  file: string;
  sha256: string;
}

/** One line of `log.jsonl`: one run of a command on the quarter's output folder. */
export interface LogEntry {
  /** When the line was written (ISO 8601, UTC). */
  time: string;
  user: string;
  /** `score`, `letters`, `publish` or `reopen` in a quarter's folder, `year` in a year's (readers take any name: a later version may log other commands). */
  command: string;
  /** The command line after the program name. */
  args: string[];
  /** `score`: every file the scoring read (rules, evidence, the previous quarter's results when compared); `letters`: the results and the previous quarter's; `year`: the rules and the quarters' results. */
  inputs?: FileDigest[];
  /** `score`, `letters`, `year`: every output the run stands behind, as it was in place after the run. */
  outputs?: FileDigest[];
  /** `score`: the units whose score differs from the results.json the folder held before the run (every unit when it held none). */
  changed?: string[];
  /** `reopen`: why the published quarter is scored again. */
  reason?: string;
}

/** `manifest.json`: its presence means the quarter is published; it names every input and output by digest. */
export interface Manifest {
  quarter: string;
  /** ISO 8601, UTC. */
  publishedAt: string;
  user: string;
  /** The `stage` of results.json when it has one. */
  stage?: string;
  /** The inputs of the last `score` line of the log. */
  inputs: FileDigest[];
  /** Every file of the folder but log.jsonl, manifest.json and staging's temporary files; sorted. */
  outputs: FileDigest[];
}
