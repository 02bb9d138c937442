import { diagnostic, where, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ownOf, setOwn } from '../model/own.js';
import type { Path, SourceFile } from './yaml-file.js';

type Entries = Record<string, unknown>;
type RawUnit = Record<string, unknown>;

/** The parts of a unit's appraisal that two files may not both give for one key. */
const KEYED = ['facts', 'manual', 'explanations'] as const;
/** The lists two files may both add to. */
const LISTED = ['not_applicable', 'explain'] as const;

/**
 * One appraisal from several files, as a scoring team keeps it: the first round in the workbook
 * `cchc appraise` made, the decisions on explanations (and `settled`) in YAML. Each value keeps
 * its own file's position; the same fact, points or explanation in two files is an error at the
 * second (APPRAISAL_TWICE). Files whose data is not a mapping of units are merged as they are,
 * for validation to say what is wrong with them.
 */
export function mergeAppraisals(sources: readonly SourceFile[], quarter?: string): { source: SourceFile; diagnostics: Diagnostic[] } {
  if (sources.length === 1) return { source: sources[0]!, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const units: Record<string, RawUnit> = {};
  const data: Record<string, unknown> = { units };
  // Items of the lists, by their place in the merged data: the file and place they came from.
  const items = new Map<string, { source: SourceFile; path: Path }>();
  let settledIn: SourceFile | undefined;
  for (const s of sources) {
    const d = (s.data ?? {}) as Record<string, unknown>;
    // Each YAML file says its quarter in words, checked here one by one; a workbook's stamps are checked sheet by sheet.
    if (!s.forms && quarter !== undefined && d.quarter !== undefined && d.quarter !== quarter) {
      diagnostics.push(diagnostic('APPRAISAL_QUARTER', s.locate(['quarter']), { quarter: String(d.quarter), expected: quarter }));
    }
    if (data.quarter === undefined && d.quarter !== undefined) data.quarter = quarter ?? d.quarter;
    if (d.settled !== undefined) {
      if (settledIn) diagnostics.push(diagnostic('APPRAISAL_TWICE', s.locate(['settled'], 'key'), { id: 'settled', first: where(settledIn.locate(['settled'], 'key')) }));
      else [data.settled, settledIn] = [d.settled, s];
    }
    for (const [key, value] of Object.entries(d)) if (!['quarter', 'settled', 'units', '$schema'].includes(key)) data[key] = value;
    if (typeof d.units !== 'object' || d.units === null || Array.isArray(d.units)) {
      if (d.units !== undefined) data.units = d.units;
      continue;
    }
    for (const [id, raw] of Object.entries(d.units as Record<string, RawUnit>)) {
      const into = ownOf(units, id) ?? {};
      setOwn(units, id, into);
      if (typeof raw !== 'object' || raw === null) continue;
      for (const [part, value] of Object.entries(raw)) {
        if ((KEYED as readonly string[]).includes(part) && isMapping(value) && isMapping(into[part])) {
          const merged: Entries = { ...(into[part] as Entries) };
          for (const [k, v] of Object.entries(value)) {
            if (Object.hasOwn(merged, k)) {
              const first = holder(sources, ['units', id, part, k])!;
              diagnostics.push(diagnostic('APPRAISAL_TWICE', s.locate(['units', id, part, k], 'key'), { id: k, first: where(first.locate(['units', id, part, k], 'key')) }));
            } else setOwn(merged, k, v);
          }
          into[part] = merged;
        } else if ((LISTED as readonly string[]).includes(part) && Array.isArray(value)) {
          const list = Array.isArray(into[part]) ? [...(into[part] as unknown[])] : [];
          value.forEach((item, i) => {
            const path = ['units', id, part, i];
            const same = list.findIndex((x) => JSON.stringify(x) === JSON.stringify(item));
            if (same >= 0) {
              const first = items.get(['units', id, part, same].join('\0'))!;
              diagnostics.push(diagnostic('APPRAISAL_TWICE', s.locate(path), { id: typeof item === 'string' ? item : JSON.stringify(item), first: where(first.source.locate(first.path)) }));
              return;
            }
            items.set(['units', id, part, list.length].join('\0'), { source: s, path });
            list.push(item);
          });
          into[part] = list;
        } else {
          into[part] = value;
        }
      }
    }
  }
  const source: SourceFile = {
    file: sources[0]!.file,
    text: '',
    data,
    parsed: sources.every((s) => s.parsed),
    locate: (path, target) => {
      // An item of a list is found in the file it came from, at its own index there.
      const item = path.length >= 4 ? items.get(path.slice(0, 4).join('\0')) : undefined;
      if (item) return item.source.locate([...item.path, ...path.slice(4)], target);
      return (holder(sources, path) ?? sources[0]!).locate(path, target);
    },
    forms: sources.flatMap((s) => s.forms ?? []),
  };
  return { source, diagnostics };
}

function isMapping(v: unknown): v is Entries {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The file whose data holds the longest part of `path` (the first such file on a tie). */
function holder(sources: readonly SourceFile[], path: Path): SourceFile | undefined {
  let best: SourceFile | undefined;
  let depth = -1;
  for (const s of sources) {
    let node: unknown = s.data;
    let n = 0;
    for (const step of path) {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, step)) break;
      node = (node as Record<string | number, unknown>)[step];
      n++;
    }
    if (n > depth) [best, depth] = [s, n];
  }
  return best;
}
