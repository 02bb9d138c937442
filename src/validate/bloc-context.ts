import type { Code, Params } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Path, SourceFile } from '../load/yaml-file.js';
import type { Bloc, Fact, FactType } from '../model/scorecard.js';
import { closest } from './suggest.js';
import { NO_TAINT, type Taint } from './taint.js';

/** What the checks of one bloc file share: the bloc, its file, the diagnostics, the facts read. */
export class BlocContext {
  readonly used = new Set<string>();

  constructor(
    readonly bloc: Bloc,
    readonly source: SourceFile,
    readonly diagnostics: Diagnostic[],
    readonly taint: Taint = NO_TAINT,
  ) {}

  report(code: Code, path: Path, params: Params = {}, target: 'value' | 'key' = 'value'): void {
    this.diagnostics.push(diagnostic(code, this.source.locate(path, target), params));
  }

  /**
   * Records that `id` is read at `path`; reports it when undeclared, or when its type is not one of
   * `types` (what reads it is named by `what`). Returns the declared fact when its type fits.
   */
  readFact(id: string, path: Path, types: readonly FactType[] | null, what: string): Fact | undefined {
    this.used.add(id);
    const fact = Object.hasOwn(this.bloc.facts, id) ? this.bloc.facts[id] : undefined;
    if (!fact) {
      const hint = closest(id, Object.keys(this.bloc.facts));
      this.report('SCORECARD_UNKNOWN_FACT', path, { fact: id, ...(hint ? { hint } : {}) });
      return undefined;
    }
    if (this.taint.facts.has(id)) return undefined;
    if (types && !types.includes(fact.type)) {
      this.report('SCORECARD_FACT_TYPE', path, { what, fact: id, expected: types.join(' | '), actual: fact.type });
      return undefined;
    }
    return fact;
  }
}

export const NUMERIC: readonly FactType[] = ['number', 'integer'];

/** Tolerance when comparing sums of points written with decimals (0.1 + 0.2 ≠ 0.3 in binary). */
export const EPSILON = 1e-9;
