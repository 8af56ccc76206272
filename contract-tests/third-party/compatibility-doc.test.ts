import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { RULE_IDS } from '../rules/rule-catalogue.js';
import { EXPECTED_MODELS } from './test-support/expected-models.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { THIRD_PARTY_ADAPTERS } from './test-support/third-party-adapters.js';

const doc = readFileSync(join(PACKAGE_ROOT, 'docs', 'compatibility.md'), 'utf8');

/** The matrix row whose first cell is `name`: its library cells, one per adapter, in matrix order. */
function row(name: string): string[] {
  const line = doc.split('\n').find((candidate) => new RegExp(`^\\|\\s*${name}\\s*\\|`).test(candidate));
  return (line ?? '').split('|').slice(3, 3 + THIRD_PARTY_ADAPTERS.length);
}

// docs/compatibility.md publishes the certification-profile verdicts that the *.certification.test.ts files
// assert: the matrix must say the same, so a verdict that moves cannot leave the published matrix behind.
it("docs/compatibility.md's matrix shows the verdicts the certification tests expect", () => {
  const published = Object.fromEntries(
    RULE_IDS.map((rule) => [rule, row(rule).map((cell) => cell.replace(/[*¹²³⁴⁵⁶⁷⁸⁹\s]/g, ''))]),
  );
  const expected = Object.fromEntries(
    RULE_IDS.map((rule) => [
      rule,
      THIRD_PARTY_ADAPTERS.map((adapter) => EXPECTED_VERDICTS[adapter.id].certification[rule]),
    ]),
  );
  expect(published).toEqual(expected);
});

it("docs/compatibility.md's matrix names each library's refresh model as the tests expect it", () => {
  const published = row('refresh model').map((cell) => cell.trim().split(/[\s:,]/)[0]);
  expect(published).toEqual(
    THIRD_PARTY_ADAPTERS.map((adapter) => EXPECTED_MODELS[adapter.id].certification.class),
  );
});
