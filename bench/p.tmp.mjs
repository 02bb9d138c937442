import { checkRules, factTypeOf, loadEvidenceFiles, scoreQuarter, validateEvidence } from '../dist/index.js';
import { generate } from './generate.mjs';
const paths = generate('/tmp/bprof', 500);
const checked = await checkRules(paths.rules);
const loaded = await loadEvidenceFiles(paths.evidence, factTypeOf(checked.rules));
const v = validateEvidence(checked.rules, loaded.files, { path: paths.evidence, missing: 'error' });
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
const t = { compile: 0, evaluate: 0, rank: 0 };
await scoreQuarter(checked.rules, v.evidence, v.missing, 'x', { timings: t });
const { profile: p } = await s.post('Profiler.stop');
console.log(t);
const dt=p.timeDeltas;const byId=new Map(p.nodes.map(n=>[n.id,n]));
const cnt=new Map();p.samples.forEach((x,i)=>cnt.set(x,(cnt.get(x)||0)+(dt[i]||0)));
const byFn=new Map();for(const [id,tt] of cnt){const n=byId.get(id);const k=n.callFrame.functionName+' '+(n.callFrame.url||'').replace(/.*node_modules\//,'').replace(/.*\/dist\//,'dist/')+':'+n.callFrame.lineNumber;byFn.set(k,(byFn.get(k)||0)+tt)}
console.log([...byFn].sort((a,b)=>b[1]-a[1]).slice(0,22).map(([k,tt])=>(tt/1000).toFixed(1)+'ms '+k).join('\n'));
