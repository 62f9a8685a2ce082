/**
 * `npm run generate`: writes the schema's validators as ajv standalone code
 * (`server/src/core/schema/generated/validators.js`). `--check` only says whether the file is
 * current (exit 1 when it is not).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_VALIDATORS, validatorSource } from './validatorSource';

const path = join(__dirname, '..', GENERATED_VALIDATORS);
const source = validatorSource();
if (process.argv.includes('--check')) {
  const current = readFileSync(path, 'utf8') === source;
  console.log(
    current ? `${GENERATED_VALIDATORS} is current` : `${GENERATED_VALIDATORS} is stale: run npm run generate`,
  );
  process.exitCode = current ? 0 : 1;
} else {
  writeFileSync(path, source);
  console.log(`wrote ${GENERATED_VALIDATORS} (${source.length} characters)`);
}
