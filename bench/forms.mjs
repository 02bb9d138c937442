// node bench/forms.mjs N [--runs R]: evidence as returned forms against the same evidence as YAML.
// Generates the bench scheme with N units (generate.mjs), makes each unit's form
// (`cchc template --per-unit`), fills it from the generated YAML as the unit would (with exceljs),
// then runs `cchc score --no-letters --no-unit-files` on the forms and on the YAML, each in a
// process of its own, R times (default 3) in turn; prints the median wall time and the peak memory
// of each, and their ratio, as one JSON line. Both must give the same results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { generate } from './generate.mjs';
import { fillFormRow } from './fill-form.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli', 'main.js');
const n = Number(process.argv[2] ?? 300);
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
if (!(n > 0) || !(runs > 0)) throw new Error('usage: node bench/forms.mjs N [--runs R]');

const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-forms-'));
try {
  const paths = generate(dir, n);
  const forms = join(dir, 'forms');
  execFileSync(process.execPath, [cli, 'template', '--rules', paths.rules, '--quarter', '2019-Q1', '--per-unit', '--out', forms], { stdio: 'ignore' });
  const units = new Map();
  for (const f of readdirSync(paths.evidence)) {
    for (const [id, u] of Object.entries(parse(readFileSync(join(paths.evidence, f), 'utf8')).units)) units.set(id, u);
  }
  for (const name of readdirSync(forms)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(forms, name));
    const ws = wb.worksheets.find((s) => s.getCell('A1').value === 'cchc-evidence-form/1');
    const unit = units.get(String(ws.getCell('A2').value));
    ws.eachRow((row, r) => void fillFormRow(row, r, unit));
    await wb.xlsx.writeFile(join(forms, name));
  }

  /** One `cchc score` in a process of its own: its wall time and its peak memory (maxRSS). */
  const score = (evidence, out) => {
    // The peak as VmHWM where Linux gives it: maxRSS would count this process's own, kept across exec.
    const hook = `import { existsSync, readFileSync } from 'node:fs'; process.on('exit', () => { const hwm = /VmHWM:\\s*(\\d+) kB/.exec(existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : ''); process.stderr.write('\\nPEAK ' + (hwm ? hwm[1] : process.resourceUsage().maxRSS) + '\\n'); });`;
    const args = ['--input-type=module', '-e', `${hook} process.argv.splice(1, 0, ${JSON.stringify(cli)}); await import(${JSON.stringify(new URL(`file://${cli}`).href)});`];
    // A first scoring of the quarter: a results.json left in `out` would be read again (see docs/performance.md).
    rmSync(out, { recursive: true, force: true });
    const start = performance.now();
    const r = spawnSync(process.execPath, [...args, 'score', '--rules', paths.rules, '--evidence', evidence, '--out', out, '--no-letters', '--no-unit-files', '--force'], { encoding: 'utf8' });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`cchc score on ${evidence} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    return { ms, peakMB: Number(/PEAK (\d+)/.exec(r.stderr)[1]) / 1024 };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const seen = { forms: [], yaml: [] };
  for (let i = 0; i < runs; i++) {
    seen.yaml.push(score(paths.evidence, join(dir, 'out-yaml')));
    seen.forms.push(score(forms, join(dir, 'out-forms')));
  }
  const results = (out) => readFileSync(join(dir, out, 'results.json'), 'utf8').replace(/"evidence(Digest|Files)?":\s*("[^"]*"|\[[^\]]*\])/g, '');
  const same = results('out-yaml') === results('out-forms');
  const summary = (list) => ({ ms: Math.round(median(list.map((r) => r.ms))), peakMB: Math.round(median(list.map((r) => r.peakMB))), all: list.map((r) => Math.round(r.ms)) });
  const forms_ = summary(seen.forms);
  const yaml = summary(seen.yaml);
  console.log(JSON.stringify({ units: n, forms: forms_, yaml, ratio: Number((forms_.ms / yaml.ms).toFixed(2)), extraMB: forms_.peakMB - yaml.peakMB, sameResults: same }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
