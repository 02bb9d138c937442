import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code, Params } from '../diagnostics/codes.js';
import type { Path, SourceFile } from '../load/yaml-file.js';

export type SchemaName = 'scheme' | 'units' | 'bloc' | 'evidence' | 'appraisal' | 'results' | 'tests' | 'year';

const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);

/** Which id form a `pattern` stands for, so the message can say it in words. */
const PATTERN_KINDS: Record<string, string> = {
  '^[A-Za-z0-9][A-Za-z0-9._-]*$': 'id',
  '^[A-Za-z_][A-Za-z0-9_]*$': 'fact',
  '^[a-z0-9][a-z0-9_-]*$': 'bloc',
  '^[0-9]{4}-Q[1-4]$': 'quarter',
};

let ajv: Ajv2020.default | undefined;
const validators = new Map<SchemaName, ValidateFunction>();

/** The validators compiled at build time (scripts/compile-schemas.mjs), when the build made them. */
const require = createRequire(import.meta.url);
const precompiled = ((): Partial<Record<SchemaName, ValidateFunction>> => {
  try {
    return require('./schemas.compiled.cjs') as Partial<Record<SchemaName, ValidateFunction>>;
  } catch (err) {
    // Only its absence is expected (running from the sources); a broken file is a bug.
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((err as Error).message).includes('schemas.compiled.cjs')) return {};
    throw err;
  }
})();

/** The validator of a schema: compiled at build time, or else the first time it is needed. */
function validatorFor(name: SchemaName): ValidateFunction {
  let validate = validators.get(name) ?? precompiled[name];
  if (!validate) {
    // verbose: errors carry their schema, from which messages take allowed keys and options.
    // ajv itself is loaded only here: a built CLI has every validator compiled already.
    const Ajv = (require('ajv/dist/2020.js') as typeof Ajv2020).default;
    ajv ??= new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    const schema = JSON.parse(readFileSync(new URL(`${name}.schema.json`, SCHEMA_DIR), 'utf8'));
    validate = ajv.compile(schema);
    validators.set(name, validate);
  }
  return validate;
}

/** A schema violation: where in the data, and whether it is only an unknown key. */
export interface SchemaViolation {
  path: Path;
  unknownKey: boolean;
}

/** Validates a loaded file against one of the JSON Schemas; each violation located at its node. */
export function validateSchema(name: SchemaName, source: SourceFile): { diagnostics: Diagnostic[]; violations: SchemaViolation[] } {
  const validate = validatorFor(name);
  if (validate(source.data)) return { diagnostics: [], violations: [] };
  const errors = relevantErrors(validate.errors ?? []);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const violations: SchemaViolation[] = [];
  for (const e of errors) {
    const mapped = mapError(e);
    violations.push({ path: toPath(e.instancePath), unknownKey: e.keyword === 'additionalProperties' });
    const at = source.locate(mapped.path, mapped.target);
    const d = diagnostic(mapped.code, at, mapped.params);
    const key = `${d.code}|${d.line}|${d.col}|${JSON.stringify(d.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return { diagnostics: out, violations };
}

/** Drops the errors of each failed `oneOf` branch (the `oneOf` error says it better) and other noise. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const within = (e: ErrorObject, o: ErrorObject) =>
    o !== e && (e.instancePath === o.instancePath || e.instancePath.startsWith(`${o.instancePath}/`)) && e.schemaPath.startsWith(`${o.schemaPath}/`);
  return errors.filter((e) => {
    if (e.keyword === 'propertyNames' || e.keyword === 'if' || e.keyword === 'anyOf') return false;
    if (oneOfs.some((o) => o.instancePath === e.instancePath && within(e, o))) return false;
    // Of an `anyOf`'s failed branches, the one that got deepest into the value (the first, on
    // a tie) says what is wrong; the others' complaints are noise.
    return !anyOfs.some((o) => within(e, o) && branchOf(e, o) !== bestBranch(errors, o, within));
  });
}

function branchOf(e: ErrorObject, anyOf: ErrorObject): number {
  return Number(e.schemaPath.slice(anyOf.schemaPath.length + 1).split('/')[0]);
}

function bestBranch(errors: ErrorObject[], anyOf: ErrorObject, within: (e: ErrorObject, o: ErrorObject) => boolean): number {
  let best = -1;
  let depth = -1;
  for (const e of errors.filter((x) => within(x, anyOf))) {
    const b = branchOf(e, anyOf);
    const d = e.instancePath.length;
    if (d > depth || (d === depth && b < best)) [best, depth] = [b, d];
  }
  return best;
}

function toPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Mapped {
  code: Code;
  path: Path;
  target: 'value' | 'key';
  params: Params;
}

function mapError(e: ErrorObject): Mapped {
  const path = toPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const keysOf = (o: unknown): string => Object.keys((o ?? {}) as object).join(', ');
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        code: 'SCHEMA_UNKNOWN_KEY',
        path: [...path, String(p.additionalProperty)],
        target: 'key',
        params: { key: String(p.additionalProperty), allowed: keysOf(parent.properties) },
      };
    case 'required':
      return { code: 'SCHEMA_MISSING_KEY', path, target: 'value', params: { key: String(p.missingProperty) } };
    case 'dependentRequired':
      return { code: 'SCHEMA_MISSING_KEY', path, target: 'value', params: { key: String(p.missingProperty) } };
    case 'type':
      return { code: 'SCHEMA_TYPE', path, target: 'value', params: { expected: String(p.type) } };
    case 'enum':
      return {
        code: 'SCHEMA_ENUM',
        path,
        target: 'value',
        params: { allowed: ((p.allowedValues as unknown[]) ?? []).join(', ') },
      };
    case 'pattern': {
      const name = e.propertyName;
      return {
        code: 'SCHEMA_PATTERN',
        path: name === undefined ? path : [...path, name],
        target: name === undefined ? 'value' : 'key',
        params: { value: String(name ?? e.data), kind: PATTERN_KINDS[String(p.pattern)] ?? 'other' },
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'SCHEMA_RANGE',
        path,
        target: 'value',
        params: { op: RANGE_OPS[e.keyword]!, limit: Number(p.limit) },
      };
    case 'oneOf':
      return {
        code: 'SCHEMA_ONE_OF',
        path,
        target: 'value',
        params: { options: ((e.schema as { title?: string }[]) ?? []).map((b) => b.title).join(', ') },
      };
    case 'minProperties':
    case 'maxProperties':
      if (parent.maxProperties === 1) {
        return { code: 'SCHEMA_ONE_OF', path, target: 'value', params: { options: keysOf(parent.properties) } };
      }
      break;
    case 'minItems':
    case 'minLength':
      return { code: 'SCHEMA_EMPTY', path, target: 'value', params: { limit: Number(p.limit) } };
  }
  return { code: 'SCHEMA_INVALID', path, target: 'value', params: { detail: `${e.keyword}: ${e.message ?? ''}` } };
}

const RANGE_OPS: Record<string, string> = {
  minimum: '≥',
  maximum: '≤',
  exclusiveMinimum: '>',
  exclusiveMaximum: '<',
};
