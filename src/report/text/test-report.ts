import type { Lang } from '../../diagnostics/codes.js';
import { where, type Location } from '../../diagnostics/diagnostic.js';
import { formatNumber } from '../../model/number-format.js';
import type { CaseOutcome, CoverageItem } from '../../scorecard-tests.js';

/** Each case as ✓ or ✗ at its place, with expected, actual and reason for each failed expectation. */
export function formatTestRun(outcomes: readonly CaseOutcome[], lang: Lang): string {
  const vi = lang === 'vi';
  const value = (v: number | string) => (typeof v === 'number' ? formatNumber(v, lang, 4) : v);
  const lines: string[] = [];
  for (const o of outcomes) {
    lines.push(`${o.failures.length === 0 ? '✓' : '✗'} ${where(o.case.at)}  ${o.case.test.name}`);
    for (const f of o.failures) {
      const said = vi ? `mong đợi ${value(f.expected)}, thực tế ${value(f.actual)}` : `expected ${value(f.expected)}, got ${value(f.actual)}`;
      lines.push(`    ${where(f.at)}  ${f.key}: ${said}${f.reason ? ` — ${f.reason}` : ''}`);
    }
  }
  return lines.join('\n');
}

/** The share of band steps, rules, checklist items and deductions reached, per bloc, and each one not reached at its place. */
export function formatCoverage(items: readonly CoverageItem[], locate: (bloc: string, path: (string | number)[]) => Location, lang: Lang): string {
  const vi = lang === 'vi';
  const lines: string[] = [vi ? 'Độ bao phủ:' : 'Coverage:'];
  const kinds: Record<CoverageItem['kind'], [string, string]> = {
    criterion: ['tiêu chí', 'criterion'],
    step: ['bước', 'step'],
    rule: ['quy tắc', 'rule'],
    item: ['mục', 'item'],
    deduction: ['lần trừ điểm', 'deduction'],
  };
  for (const bloc of [...new Set(items.map((i) => i.bloc))]) {
    const own = items.filter((i) => i.bloc === bloc);
    const reached = own.filter((i) => i.reached).length;
    const share = own.length === 0 ? 100 : (reached / own.length) * 100;
    lines.push(`  ${bloc}: ${formatNumber(share, lang, 1)} % (${reached}/${own.length})`);
    for (const i of own.filter((x) => !x.reached)) {
      const what = `${i.criterion}${i.kind === 'criterion' ? '' : ` ${kinds[i.kind][vi ? 0 : 1]}${i.index !== undefined ? ` ${i.index + 1}` : ''}`}`;
      lines.push(`    ${where(locate(bloc, i.path))}  ${what}: ${vi ? 'chưa ca nào đạt tới' : 'no case reaches it'}`);
    }
  }
  return lines.join('\n');
}
