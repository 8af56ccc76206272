import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { RULE_IDS } from '../rules/rule-catalogue.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { THIRD_PARTY_ADAPTERS } from './test-support/third-party-adapters.js';

// docs/compatibility.md publishes the certification-profile verdicts that the *.certification.test.ts files
// assert, one column per library in THIRD_PARTY_ADAPTERS' order: the matrix must say the same, so a verdict
// that moves cannot leave the published matrix behind.
it("docs/compatibility.md's matrix shows the verdicts the certification tests expect", () => {
  const doc = readFileSync(join(PACKAGE_ROOT, 'docs', 'compatibility.md'), 'utf8');
  const published = Object.fromEntries(
    RULE_IDS.map((rule) => {
      const row = doc.split('\n').find((line) => new RegExp(`^\\|\\s*${rule}\\s*\\|`).test(line));
      const cells = (row ?? '').split('|').slice(3, 3 + THIRD_PARTY_ADAPTERS.length);
      return [rule, cells.map((cell) => cell.replace(/[*¹²³⁴⁵⁶⁷⁸⁹\s]/g, ''))];
    }),
  );
  const expected = Object.fromEntries(
    RULE_IDS.map((rule) => [
      rule,
      THIRD_PARTY_ADAPTERS.map((adapter) => EXPECTED_VERDICTS[adapter.id].certification[rule]),
    ]),
  );
  expect(published).toEqual(expected);
});
