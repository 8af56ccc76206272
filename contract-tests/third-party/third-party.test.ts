import { describe, expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import { certifyThirdParty } from './test-support/certify-third-party.js';
import { EXPECTED_MODELS, modelMismatches } from './test-support/expected-models.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { BEHAVIOUR_CHECKS } from './test-support/library-behaviour.js';
import { THIRD_PARTY_ADAPTERS } from './test-support/third-party-adapters.js';
import { verdictMismatches } from './test-support/verdict-mismatches.js';

// Each real library over the stdio protocol, in real time with the quick profile's short lifetimes (the
// refresh model at 14 s and 28 s: about 35 s a run), the three side by side (each run mostly waits). The
// certification profile is in third-party.certification.test.ts.
describe.concurrent('third-party libraries, quick profile', () => {
  it.each(THIRD_PARTY_ADAPTERS)(
    '$library gets the verdicts its code implies',
    async (adapter) => {
      const { report } = await certifyThirdParty(adapter, PROFILES.quick);

      expect(report.adapter?.library).toMatch(
        new RegExp(`^${adapter.library.replace(/\./g, '\\.')} \\d+\\.\\d+\\.\\d+$`),
      );
      expect(report.profile).toBe('quick');
      expect(verdictMismatches(report, EXPECTED_VERDICTS[adapter.id].quick)).toEqual([]);
      expect(modelMismatches(report, EXPECTED_MODELS[adapter.id])).toEqual([]);
      expect(BEHAVIOUR_CHECKS[adapter.id](report)).toEqual([]);
      expect(report.certified).toBe(false);
    },
    120_000,
  );
});
