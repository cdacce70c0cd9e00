// The generated types are what scripts/gen-api-types.ts makes of the schema and the registry
// today: a change to either without regenerating fails here.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { generateApiTypes } from '../../../scripts/gen-api-types.js';

const SOURCE_DIR = fileURLToPath(new URL('../../../../src/api/types/', import.meta.url));

test('src/api/types is up to date (node dist/scripts/gen-api-types.js regenerates it)', () => {
  const generated = generateApiTypes();
  const onDisk = readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  assert.deepEqual(onDisk.sort(), [...generated.keys()].sort());
  for (const [file, text] of generated) assert.equal(readFileSync(`${SOURCE_DIR}${file}`, 'utf8'), text, file);
});
