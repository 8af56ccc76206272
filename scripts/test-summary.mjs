#!/usr/bin/env node
// Prints one plain line, "tests: N passed, N failed, N skipped", totalled over the vitest JSON result files
// named on the command line, for CI logs. Exits 1 when a file is missing or no test ran at all.
import { readFile } from 'node:fs/promises';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  let results;
  try {
    results = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`test-summary: cannot read ${file}: ${error.message}`);
    process.exit(1);
  }
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed + failed === 0) process.exit(1);
