import { beforeAll, describe, expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import type { ThirdPartyRun } from './test-support/certify-third-party.js';
import { EXPECTED_MODELS, modelMismatches } from './test-support/expected-models.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { BEHAVIOUR_CHECKS } from './test-support/library-behaviour.js';
import { certifySideBySide } from './test-support/side-by-side.js';
import { THIRD_PARTY_ADAPTERS, type ThirdPartyAdapter } from './test-support/third-party-adapters.js';
import { verdictMismatches } from './test-support/verdict-mismatches.js';

// Each real library over the stdio protocol, in real time with the quick profile's short lifetimes (the refresh
// model at 14 s and 28 s: about 35 s a run), three side by side at a time (each run mostly waits, but starts
// eleven processes at once: see SideBySideOptions). The certification profile is in
// third-party.certification.test.ts.
describe.concurrent('third-party libraries, quick profile', () => {
  let runOf: (adapter: ThirdPartyAdapter) => Promise<ThirdPartyRun>;
  beforeAll(async () => {
    // The builds (Go, Java) first, outside the runs' own time limits: a cold build on a new machine takes minutes.
    await Promise.all(THIRD_PARTY_ADAPTERS.map((adapter) => adapter.prepare()));
    runOf = certifySideBySide(THIRD_PARTY_ADAPTERS, PROFILES.quick, { groupSize: 3, staggerMs: 0 });
  }, 900_000);

  it.each(THIRD_PARTY_ADAPTERS)(
    '$library gets the verdicts its code implies',
    async (adapter) => {
      const { report } = await runOf(adapter);

      expect(report.adapter?.library).toMatch(
        new RegExp(`^${adapter.library.replace(/\./g, '\\.')} \\d+\\.\\d+\\.\\d+$`),
      );
      expect(report.profile).toBe('quick');
      expect(verdictMismatches(report, EXPECTED_VERDICTS[adapter.id].quick)).toEqual([]);
      expect(modelMismatches(report, EXPECTED_MODELS[adapter.id].quick)).toEqual([]);
      expect(BEHAVIOUR_CHECKS[adapter.id](report)).toEqual([]);
      expect(report.certified).toBe(false);
    },
    180_000,
  );
});
