import { beforeAll, describe, expect, it } from 'vitest';
import { checkReportInBrowser, expectedFromReport } from '../../test-support/report-in-browser.js';
import { PROFILES } from '../runner/certification-profile.js';
import type { ThirdPartyRun } from './test-support/certify-third-party.js';
import { EXPECTED_MODELS, modelMismatches } from './test-support/expected-models.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { BEHAVIOUR_CHECKS } from './test-support/library-behaviour.js';
import { certifySideBySide } from './test-support/side-by-side.js';
import { THIRD_PARTY_ADAPTERS, type ThirdPartyAdapter } from './test-support/third-party-adapters.js';
import { verdictMismatches } from './test-support/verdict-mismatches.js';

// About 10 minutes of real time (the refresh model at 300 s and 600 s, probed through each token's life), the six
// libraries side by side, their starts 5 s apart (the certification profile's 15 s call timeout leaves room for
// the bursts to overlap a little):
// run by `npm run test:certification`.
describe.concurrent('third-party libraries, certification profile', () => {
  let runOf: (adapter: ThirdPartyAdapter) => Promise<ThirdPartyRun>;
  beforeAll(() => {
    runOf = certifySideBySide(THIRD_PARTY_ADAPTERS, PROFILES.certification, {
      groupSize: THIRD_PARTY_ADAPTERS.length,
      staggerMs: 5_000,
    });
  });

  it.each(THIRD_PARTY_ADAPTERS)(
    '$library gets the verdicts its code implies, and its HTML report shows them in a browser',
    async (adapter) => {
      const { report, htmlFile } = await runOf(adapter);

      expect(report.adapter?.library).toMatch(
        new RegExp(`^${adapter.library.replace(/\./g, '\\.')} \\d+\\.\\d+\\.\\d+$`),
      );
      expect(report.lifetime).toBe(300);
      expect(verdictMismatches(report, EXPECTED_VERDICTS[adapter.id].certification)).toEqual([]);
      expect(modelMismatches(report, EXPECTED_MODELS[adapter.id].certification)).toEqual([]);
      expect(BEHAVIOUR_CHECKS[adapter.id](report)).toEqual([]);
      expect(report.certified).toBe(false);

      // Throws, naming each mismatch, unless the page shows every verdict, token bar and call tick.
      const seen = await checkReportInBrowser(htmlFile, expectedFromReport(report));
      expect(seen.rows).toHaveLength(report.results.length);
      expect(seen.screenshot).toBe(htmlFile.replace(/\.html$/, '.png'));
    },
    900_000,
  );
});
