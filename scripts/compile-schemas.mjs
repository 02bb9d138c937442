// Build step: compiles the JSON Schemas into standalone validation code (ajv), so the CLI does
// not generate it again at every start. Writes dist/validate/schemas.compiled.cjs; the program
// falls back to compiling at run time when the file is not there (tests run from src/).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const dir = new URL('../schemas/', import.meta.url);
// The same options as src/validate/schema.ts, plus the code it is to keep.
const ajv = new Ajv2020.default({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, code: { source: true } });
const exports = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort()) {
  const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  ajv.addSchema(schema);
  exports[file.replace('.schema.json', '')] = schema.$id;
}
writeFileSync(new URL('../dist/validate/schemas.compiled.cjs', import.meta.url), standaloneCode.default(ajv, exports));
