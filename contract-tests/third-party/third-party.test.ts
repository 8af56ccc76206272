import { beforeAll, describe, expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import { certifyThirdParty } from './test-support/certify-third-party.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { BEHAVIOUR_CHECKS } from './test-support/library-behaviour.js';
import { THIRD_PARTY_ADAPTERS } from './test-support/third-party-adapters.js';
import { verdictMismatches } from './test-support/verdict-mismatches.js';

// Each real library over the stdio protocol, in real time with the quick profile's short lifetime, the three
// side by side (each run mostly waits). The 300 s profile is in third-party.certification.test.ts.
describe.concurrent('third-party libraries, quick profile', () => {
  // Builds (the Go adapter) outside the runs' own time limit: a cold build on a new machine takes minutes.
  beforeAll(() => Promise.all(THIRD_PARTY_ADAPTERS.map((adapter) => adapter.prepare())), 900_000);

  it.each(THIRD_PARTY_ADAPTERS)(
    '$library gets the verdicts its code implies',
    async (adapter) => {
      const { report } = await certifyThirdParty(adapter, PROFILES.quick);

      expect(report.adapter?.library).toMatch(
        new RegExp(`^${adapter.library.replace(/\./g, '\\.')} \\d+\\.\\d+\\.\\d+$`),
      );
      expect(report.profile).toBe('quick');
      expect(verdictMismatches(report, EXPECTED_VERDICTS[adapter.id].quick)).toEqual([]);
      expect(BEHAVIOUR_CHECKS[adapter.id](report)).toEqual([]);
      expect(report.certified).toBe(false);
    },
    120_000,
  );
});
