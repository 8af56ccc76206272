#!/usr/bin/env node
// Generates generated/openapi.ts from openapi.yaml with openapi-typescript.
// With --check, regenerates in memory and exits 1 when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = new URL('../openapi.yaml', import.meta.url);
const target = `${root}generated/openapi.ts`;

const header =
  '// Generated from openapi.yaml by scripts/generate-types.mjs. Do not edit: run `npm run generate:types`.\n';
const ast = await openapiTS(source, { exportType: true, alphabetize: false });
const options = (await prettier.resolveConfig(target)) ?? {};
const fresh = await prettier.format(header + astToString(ast), { ...options, filepath: target });

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== fresh) {
    console.error(
      'generated/openapi.ts is stale: openapi.yaml changed. Run `npm run generate:types` and commit it.',
    );
    process.exit(1);
  }
  console.log('generated/openapi.ts is up to date with openapi.yaml.');
} else {
  await writeFile(target, fresh);
  console.log('wrote generated/openapi.ts');
}
