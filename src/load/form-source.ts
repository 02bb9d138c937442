import type { Location } from '../diagnostics/diagnostic.js';
import type { FormStamp, Path, SourceFile } from './yaml-file.js';

/** A form as read (evidence-workbook.ts), in data a worker thread can send back. */
export interface FormRead {
  data: unknown;
  /** By path key, the cell of each value (or key) read or fillable. */
  places: Map<string, Location>;
  /** Path keys of values given but refused at their cell. */
  refused: Set<string>;
  forms: FormStamp[];
  /** Where a path with no cell of its own is shown: the first sheet's top. */
  start: Location;
}

/** A path (and whether its value or its key is meant) as a key of `places` and `refused`. */
export function pathKey(path: Path, target: 'value' | 'key' = 'value'): string {
  return `${target}:${JSON.stringify(path)}`;
}

/** A form as the later stages see it: its data, and each path's cell. */
export function formSource(file: string, form: FormRead): SourceFile {
  const { places, refused } = form;
  const locate = (path: Path, target: 'value' | 'key' = 'value'): Location => {
    for (let n = path.length; n >= 0; n--) {
      const found = places.get(pathKey(path.slice(0, n), n === path.length ? target : 'value'));
      if (found) return found;
    }
    return form.start;
  };
  return {
    file,
    text: '',
    data: form.data,
    parsed: true,
    locate,
    slotOf: (path) => places.get(pathKey(path, 'value')),
    refused: (path) => refused.has(pathKey(path)),
    forms: form.forms,
  };
}
