// The sample quarter scored and written twice in one process; the second run is what --watch
// costs after an edit. Prints {first, rescore} in ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRules, factTypeOf, lastDayOf, loadEvidenceFiles, rulesDigest, scoreQuarter, validateEvidence, writeReports } from '../dist/index.js';

const out = mkdtempSync(join(tmpdir(), 'cchc-rescore-'));
async function once() {
  const t = performance.now();
  const checked = await checkRules('rules');
  const loaded = await loadEvidenceFiles('samples/2019-Q1', factTypeOf(checked.rules));
  const v = validateEvidence(checked.rules, loaded.files, { path: 'samples/2019-Q1', missing: 'error', unitsSource: checked.files.units });
  const results = await scoreQuarter(checked.rules, v.evidence, v.missing, rulesDigest(checked.files));
  await writeReports({ rules: checked.rules, results, lang: 'vi', stamp: lastDayOf(results.quarter) }, out);
  return performance.now() - t;
}
try {
  const first = await once();
  const rescore = await once();
  process.stdout.write(`${JSON.stringify({ first, rescore })}\n`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
