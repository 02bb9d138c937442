import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const BASE_RULES = join(FIXTURES, 'validate', '_base');

/**
 * A temporary rules folder: the base fixture with the files of `overlay` laid over it. A file
 * `<name>.delete` in the overlay removes `<name>`; `expected.txt` is not copied.
 */
export function rulesFolder(overlay?: string, extra: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-rules-'));
  cpSync(BASE_RULES, dir, { recursive: true });
  if (overlay) {
    for (const name of readdirSync(overlay)) {
      if (name === 'expected.txt') continue;
      if (name.endsWith('.delete')) rmSync(join(dir, name.slice(0, -'.delete'.length)));
      else cpSync(join(overlay, name), join(dir, name));
    }
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
