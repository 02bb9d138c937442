import { readFile, stat } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * The bytes of a plain file of at most `limit` bytes, or why not, at the file's 1:1. A pipe or a
 * device (a link to /dev/zero) would never end: only plain files are read.
 */
export async function readBytes(file: string, limit: number): Promise<{ bytes: Buffer } | { diagnostics: Diagnostic[] }> {
  const start = { file, line: 1, col: 1 };
  try {
    const info = await stat(file);
    if (!info.isFile()) return { diagnostics: [diagnostic('FILE_UNREADABLE', start, { reason: 'not a regular file' })] };
    if (info.size > limit) return { diagnostics: [diagnostic('FILE_TOO_LARGE', start, { size: info.size, limit })] };
    return { bytes: await readFile(file) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { diagnostics: [diagnostic(e.code === 'ENOENT' ? 'FILE_MISSING' : 'FILE_UNREADABLE', start, { name: file, reason: e.code ?? e.message })] };
  }
}
