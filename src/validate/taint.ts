import type { Path } from '../load/yaml-file.js';
import type { SchemaViolation } from './schema.js';

/**
 * The parts of a bloc file that broke its schema, so that the semantic checks can still run on
 * the rest and a user sees every problem in one run. Unknown keys taint nothing (the checks
 * ignore them); a violation inside a criterion or a fact taints just that criterion or fact.
 */
export interface Taint {
  /** Criteria whose own checks are skipped, by their path joined with '/'. */
  criteria: Set<string>;
  /** Facts declared but not checkable: readers accept them as they are. */
  facts: Set<string>;
}

export const NO_TAINT: Taint = { criteria: new Set(), facts: new Set() };

/** The taint of a bloc file's violations, or undefined when its shape is too broken to check further. */
export function taintOf(data: unknown, violations: readonly SchemaViolation[]): Taint | undefined {
  if (!soundShape(data)) return undefined;
  const taint: Taint = { criteria: new Set(), facts: new Set() };
  for (const v of violations) {
    if (v.unknownKey) continue;
    const criterion = criterionPath(v.path);
    if (criterion) {
      taint.criteria.add(criterion.join('/'));
    } else if (v.path[0] === 'facts' && v.path.length >= 2) {
      taint.facts.add(String(v.path[1]));
    } else if (!['bloc', 'name', 'total', 'tiebreak'].includes(String(v.path[0]))) {
      // The checks read those four defensively; a violation anywhere else leaves nothing sound to check.
      return undefined;
    }
  }
  return taint;
}

function criterionPath(path: Path): Path | undefined {
  if (path[0] === 'sections' && path[2] === 'criteria' && path.length >= 4) return path.slice(0, 4);
  if ((path[0] === 'bonus' || path[0] === 'penalty') && path.length >= 2) return path.slice(0, 2);
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isListOfObjects = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.every(isObject);

/** The skeleton the semantic checks walk: facts a mapping of mappings, sections and criteria lists of mappings. */
function soundShape(data: unknown): boolean {
  if (!isObject(data) || typeof data.bloc !== 'string') return false;
  if (!isObject(data.facts) || !Object.values(data.facts).every(isObject)) return false;
  if (!isListOfObjects(data.sections)) return false;
  if (!data.sections.every((s) => isListOfObjects(s.criteria) && typeof s.id === 'string')) return false;
  for (const part of ['bonus', 'penalty']) {
    if (data[part] !== undefined && !isListOfObjects(data[part])) return false;
  }
  return data.tiebreak === undefined || (Array.isArray(data.tiebreak) && data.tiebreak.every((t) => typeof t === 'string'));
}
