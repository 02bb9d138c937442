// One benchmark run, in a process of its own so that its peak memory is its own:
//   node bench/measure.mjs N pipeline|floors|command [--no-unit-files] [--no-letters] [--workers W] [--keep DIR]
// Generates the synthetic scheme for N units, then runs each phase of the real pipeline (the
// built dist/) one after another, or the two floors (a bare json-rules-engine loop and a bare
// exceljs loop over the same rules and cells), or the score command as a whole; and prints one
// JSON line of timings (ms) and peak memory (MB).
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { checkRules, factTypesOf, loadEvidenceFiles, rulesDigest, scoreQuarter, validateEvidence } from '../dist/index.js';
import { compileBloc } from '../dist/compile/compile-bloc.js';
import { writeJsonFile } from '../dist/report/files/json-file.js';
import { writeRankingWorkbook } from '../dist/report/excel/ranking-workbook.js';
import { writeUnitFiles } from '../dist/report/write-reports.js';
import { writeQuarterReport } from '../dist/report/word/quarter-report.js';
import { generate } from './generate.mjs';

const units = Number(process.argv[2] ?? 20);
const withUnitFiles = !process.argv.includes('--no-unit-files');
const withLetters = !process.argv.includes('--no-letters');
const what = process.argv[3] ?? 'pipeline';
/** `--workers N` for the unit scorecards; default as the CLI: the cores. */
const workers = process.argv.includes('--workers') ? Number(process.argv[process.argv.indexOf('--workers') + 1]) : undefined;
const keep = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'cchc-bench-'));
const out = join(dir, 'out');
mkdirSync(out, { recursive: true });

const timings = {};
const time = async (name, action) => {
  const t = performance.now();
  const value = await action();
  timings[name] = performance.now() - t;
  return value;
};

try {
  const paths = generate(dir, units);
  if (what === 'command') await command(paths);
  else await stepByStep(paths);
  const peakMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ units, what, unitFiles: withUnitFiles, letters: withLetters, timings, peakMB })}\n`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

/**
 * The score command as a scorer runs it (`cchc score`, in this process rather than through a
 * shell): its wall time and, as this process's peak, its memory. Writing overlaps here: results.json
 * and the ranking are written while worker threads make the scorecards.
 */
async function command(paths) {
  const { scoreCommand } = await import('../dist/cli/score.js');
  const said = [];
  const io = { out: () => undefined, err: (text) => said.push(text), tty: false };
  const t = performance.now();
  const code = await scoreCommand({ rules: paths.rules, evidence: paths.evidence, out, missing: 'error', unitFiles: withUnitFiles, letters: withLetters, workers, previous: false, lang: 'vi' }, io);
  timings.command = performance.now() - t;
  if (code !== 0) throw new Error(`cchc score exited ${code}: ${said.join('').slice(0, 500)}`);
}

/** Each phase of the pipeline in turn, and the floors, timed one by one. */
async function stepByStep(paths) {
  const started = performance.now();
  const { rules, evidence, missing, digest } = await time('load', async () => {
    const checked = await checkRules(paths.rules);
    if (!checked.rules) throw new Error('the synthetic rules do not validate');
    const loaded = await loadEvidenceFiles(paths.evidence, factTypesOf(checked.rules));
    const validated = validateEvidence(checked.rules, loaded.files, { path: paths.evidence, missing: 'error' });
    if (!validated.evidence) throw new Error(JSON.stringify(validated.diagnostics.slice(0, 3)));
    return { rules: checked.rules, evidence: validated.evidence, missing: validated.missing, digest: rulesDigest(checked.files) };
  });
  // The floor's engine runs first in its process, as ours does in the pipeline's: neither finds
  // json-rules-engine's code already compiled by the other (at 500 units that was half the floor).
  if (what === 'floors') await floorEvaluate(rules, evidence);
  const phases = { compile: 0, evaluate: 0, rank: 0 };
  const results = await scoreQuarter(rules, evidence, missing, digest, { timings: phases });
  if (what === 'pipeline') await pipeline(rules, results, phases, started);
  else await floorWrite(results);
}

async function pipeline(rules, results, phases, started) {
  Object.assign(timings, phases);
  await time('results', () => writeJsonFile(join(out, 'results.json'), results));
  const input = { rules, results, lang: 'vi', stamp: new Date(Date.UTC(2019, 2, 31)) };
  await time('ranking', () => writeRankingWorkbook(input, join(out, 'ranking.xlsx')));
  if (withUnitFiles) {
    mkdirSync(join(out, 'units'), { recursive: true });
    await time('units', () => writeUnitFiles(input, async (path, bytes) => writeFileSync(join(out, path), bytes), workers));
  }
  if (withLetters) {
    mkdirSync(join(out, 'letters'), { recursive: true });
    // As the command makes them: the report here, the letters on the worker threads.
    await time('letters', () =>
      Promise.all([
        writeQuarterReport(input).then((bytes) => writeFileSync(join(out, 'report.docx'), bytes)),
        writeUnitFiles(input, async (path, bytes) => writeFileSync(join(out, path), bytes), workers, { scorecards: false, letters: true }),
      ]),
    );
  }
  timings.total = performance.now() - started;
}

/** Floor 1: the same rules on the same facts, through a bare json-rules-engine loop. */
async function floorEvaluate(rules, evidence) {
  await time('floorEvaluate', async () => {
    for (const bloc of rules.blocs) {
      const { engine } = compileBloc(bloc);
      const computed = Object.fromEntries(Object.keys(bloc.facts).filter((f) => bloc.facts[f].from).map((f) => [f, 70]));
      for (const unit of rules.units) {
        if (unit.bloc !== bloc.bloc) continue;
        const given = evidence.units.get(unit.id);
        const facts = { ...computed };
        for (const f of Object.keys(bloc.facts)) if (!bloc.facts[f].from) facts[f] = given.facts[f]?.value ?? null;
        await engine.run(facts);
      }
    }
  });
}

/**
 * Floor 2: the same number of cells through a bare exceljs loop: the ranking (bloc sheets and
 * the detail sheet), then one workbook per unit of the scorecard's size.
 */
async function floorWrite(results) {
  await time('floorRanking', async () => {
    const wb = new ExcelJS.Workbook();
    for (const bloc of results.blocs) {
      const ws = wb.addWorksheet(bloc.id);
      for (const u of bloc.units) ws.addRow([u.rank, u.name, ...u.sections.map((s) => s.points), u.base, u.bonus, u.penalty, u.score, u.rank, u.grade]);
    }
    const detail = wb.addWorksheet('detail');
    for (const bloc of results.blocs) {
      for (const u of bloc.units) for (const c of u.criteria) detail.addRow([bloc.name, u.id, u.name, 'I', c.id, c.id, c.max, '', '', c.points, c.status, c.reason]);
    }
    await wb.xlsx.writeBuffer();
  });
  if (withUnitFiles) {
    await time('floorUnits', async () => {
      for (const bloc of results.blocs) {
        for (const u of bloc.units) {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('unit');
          for (const c of u.criteria) ws.addRow([c.id, c.id, c.max, '', '', '', '', c.points, c.reason]);
          await wb.xlsx.writeBuffer();
        }
      }
    });
  }
}
