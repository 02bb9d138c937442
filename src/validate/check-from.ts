import { diagnostic, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../load/yaml-file.js';
import type { Bloc } from '../model/scorecard.js';
import type { Taint } from './taint.js';

export interface LoadedBloc {
  bloc: Bloc;
  source: SourceFile;
  taint: Taint;
}

/**
 * `from` facts name a bloc of the scheme and `score`, `base` or one of its sections; the blocs
 * they link must not depend on each other in a circle. Each cycle is reported once, at the
 * `from` of its first link.
 */
export function checkFrom(blocs: readonly LoadedBloc[], schemeBlocs: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map(blocs.map((b) => [b.bloc.bloc, b]));
  const edges = new Map<string, { to: string; at: Location }[]>();
  for (const { bloc, source, taint } of blocs) {
    const list: { to: string; at: Location }[] = [];
    for (const [id, fact] of Object.entries(bloc.facts)) {
      if (!fact.from || taint.facts.has(id)) continue;
      const { bloc: target, of } = fact.from;
      const at = source.locate(['facts', id, 'from', 'bloc']);
      if (!schemeBlocs.includes(target)) {
        out.push(diagnostic('SCORECARD_FROM_UNKNOWN_BLOC', at, { bloc: target }));
        continue;
      }
      list.push({ to: target, at });
      const other = byId.get(target);
      if (other && of !== 'score' && of !== 'base' && !other.bloc.sections.some((s) => s.id === of)) {
        out.push(
          diagnostic('SCORECARD_FROM_UNKNOWN_SECTION', source.locate(['facts', id, 'from', 'of']), {
            of,
            bloc: target,
            known: other.bloc.sections.map((s) => s.id).join(', '),
          }),
        );
      }
    }
    edges.set(bloc.bloc, list);
  }
  for (const cycle of findCycles(edges)) {
    out.push(diagnostic('SCORECARD_FROM_CYCLE', cycle.at, { cycle: cycle.path.join(' → ') }));
  }
  return out;
}

/** Elementary cycles found by depth-first search, each once (rotations are the same cycle). */
function findCycles(edges: Map<string, { to: string; at: Location }[]>): { path: string[]; at: Location }[] {
  const found = new Map<string, { path: string[]; at: Location }>();
  const visit = (node: string, stack: string[]): void => {
    for (const edge of edges.get(node) ?? []) {
      const start = stack.indexOf(edge.to);
      if (start < 0) {
        visit(edge.to, [...stack, edge.to]);
        continue;
      }
      const members = rotate(stack.slice(start));
      const key = members.join('|');
      if (found.has(key)) continue;
      const next = members[1] ?? members[0];
      const link = (edges.get(members[0]!) ?? []).find((e) => e.to === next)!;
      found.set(key, { path: [...members, members[0]!], at: link.at });
    }
  };
  for (const node of [...edges.keys()].sort()) visit(node, [node]);
  return [...found.values()];
}

/** The cycle starting from its alphabetically first member, so the report is the same every run. */
function rotate(members: string[]): string[] {
  const first = [...members].sort()[0]!;
  const i = members.indexOf(first);
  return [...members.slice(i), ...members.slice(0, i)];
}
