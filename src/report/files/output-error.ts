/** A file that could not be written or put in place, with the system's error code (ENOSPC, EBUSY, …). */
export class OutputError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
  ) {
    super(`${file}: ${code}`);
  }
}
