import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { blocIdOfFile, type RuleFiles } from '../load/rules.js';
import type { SourceFile } from '../load/yaml-file.js';
import type { Bloc, Grade, Rules, Scheme, Unit, YearSettings } from '../model/scorecard.js';
import { checkBloc } from './check-bloc.js';
import { checkFrom, type LoadedBloc } from './check-from.js';
import { checkGradeNames, checkGrades, checkSchemeBlocs, checkUnits, checkYear } from './check-scheme.js';
import { validateSchema, type SchemaName } from './schema.js';
import { taintOf } from './taint.js';

export const DEFAULT_PRECISION = 2;

/**
 * Validates a loaded rules folder and returns every problem at once, sorted by file, line and
 * column. Semantic checks run on whatever parts of each file are sound, even when other parts
 * break the JSON Schema, so one run shows every mistake. `rules` is set only when there is no error.
 */
export function validateRules(files: RuleFiles): { rules?: Rules; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const schemaCheck = (name: SchemaName, source: SourceFile | undefined) => {
    if (!source?.parsed) return undefined;
    const result = validateSchema(name, source);
    out.push(...result.diagnostics);
    return result;
  };

  const schemeSource = files.scheme;
  const schemeResult = schemaCheck('scheme', schemeSource);
  const schemeData = (schemeResult ? schemeSource!.data : undefined) as Partial<Scheme> | undefined;
  // A part of scheme.yaml that broke the schema is not used to judge other files.
  const sound = (key: string) => !schemeResult?.violations.some((v) => v.path[0] === key && !v.unknownKey);
  const schemeBlocs = sound('blocs') ? stringList(schemeData?.blocs) : undefined;
  if (schemeSource && schemeBlocs) out.push(...checkSchemeBlocs(schemeBlocs, schemeSource));
  const grades = sound('grades') ? gradeList(schemeData?.grades) : undefined;
  if (schemeSource && grades) out.push(...checkGrades(grades, schemeSource));
  const year = sound('year') && typeof schemeData?.year === 'object' && schemeData.year !== null ? schemeData.year : undefined;
  const yearGrades = year ? gradeList(year.grades) : undefined;
  if (schemeSource && year) out.push(...checkYear(year, schemeSource));
  if (schemeSource && yearGrades) out.push(...checkGrades(yearGrades, schemeSource, ['year', 'grades']));

  const unitsSource = files.units;
  const unitsResult = schemaCheck('units', unitsSource);
  const unitList = unitsResult ? soundUnits((unitsSource!.data as { units?: unknown } | null)?.units) : undefined;
  if (unitsSource && unitList) out.push(...checkUnits(unitList, unitsSource, schemeBlocs, schemeSource));

  const precision = sound('precision') && typeof schemeData?.precision === 'number' ? schemeData.precision : DEFAULT_PRECISION;
  const loaded: LoadedBloc[] = [];
  const fileIds = new Set<string>();
  for (const source of files.blocs) {
    const fileId = blocIdOfFile(source.file);
    if (fileIds.has(fileId)) {
      // district-branches.yaml and district-branches.yml side by side: which one counts?
      const first = files.blocs.find((b) => blocIdOfFile(b.file) === fileId)!;
      out.push(diagnostic('SCORECARD_DUPLICATE_BLOC', source.locate(['bloc']), { id: fileId, first: first.file }));
      continue;
    }
    fileIds.add(fileId);
    if (schemeBlocs && !schemeBlocs.includes(fileId)) {
      out.push(diagnostic('SCORECARD_BLOC_NOT_IN_SCHEME', source.locate(['bloc']), { bloc: fileId }));
    }
    const result = schemaCheck('bloc', source);
    const taint = result && taintOf(source.data, result.violations);
    if (!taint) continue;
    const bloc = source.data as Bloc;
    if (bloc.bloc !== fileId) {
      out.push(diagnostic('SCORECARD_BLOC_FILE_NAME', source.locate(['bloc']), { file: source.file, bloc: bloc.bloc, expected: fileId }));
      continue;
    }
    out.push(...checkBloc(bloc, source, taint, precision));
    loaded.push({ bloc, source, taint });
  }
  if (schemeSource && schemeBlocs) {
    schemeBlocs.forEach((id, i) => {
      if (!fileIds.has(id)) {
        out.push(diagnostic('SCORECARD_BLOC_FILE_MISSING', schemeSource.locate(['blocs', i]), { bloc: id, file: `${id}.yaml` }));
      }
    });
    out.push(...checkFrom(loaded, schemeBlocs));
  }
  // Penalties named by the grades' conditions: judged once every bloc file that could have them is sound.
  if (schemeSource && loaded.length === files.blocs.length) {
    const blocs = loaded.map((b) => b.bloc);
    if (grades) out.push(...checkGradeNames(grades, schemeSource, ['grades'], blocs, undefined));
    if (yearGrades) out.push(...checkGradeNames(yearGrades, schemeSource, ['year', 'grades'], blocs, grades));
  }

  const diagnostics = sortDiagnostics(out);
  const complete = schemeBlocs?.every((id) => loaded.some((b) => b.bloc.bloc === id));
  if (hasErrors(diagnostics) || !schemeData || !unitList || !complete) return { diagnostics };
  const scheme = schemeData as Scheme;
  const byId = new Map(loaded.map((b) => [b.bloc.bloc, b.bloc]));
  return {
    rules: {
      scheme: { ...scheme, precision: scheme.precision ?? DEFAULT_PRECISION, year: yearSettings(scheme.year) },
      units: unitList,
      blocs: scheme.blocs.map((id) => byId.get(id)!),
    },
    diagnostics,
  };
}

/** The year's settings with their defaults: the plain mean of four quarters, graded as the quarters are. */
function yearSettings(year: Partial<YearSettings> | undefined): YearSettings {
  return { method: year?.method ?? 'mean', requireQuarters: year?.requireQuarters ?? 4, ...(year?.weights ? { weights: year.weights } : {}), ...(year?.grades ? { grades: year.grades } : {}) };
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function gradeList(value: unknown): Grade[] | undefined {
  const sound = (g: unknown) => typeof g === 'object' && g !== null && ['number', 'undefined'].includes(typeof (g as Grade).min);
  return Array.isArray(value) && value.every(sound) ? value : undefined;
}

/** The units whose id and bloc are text; entries that break the schema are reported there already. */
function soundUnits(value: unknown): Unit[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((u: Partial<Unit> | null) => typeof u?.id === 'string' && typeof u.bloc === 'string');
}
