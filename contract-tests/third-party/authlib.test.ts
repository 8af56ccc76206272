import { describe, expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import { certifyThirdParty } from './test-support/certify-third-party.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { BEHAVIOUR_CHECKS } from './test-support/library-behaviour.js';
import { AUTHLIB } from './test-support/third-party-adapters.js';
import { verdictMismatches } from './test-support/verdict-mismatches.js';

// The real library over the stdio protocol, in real time with the quick profile's short lifetime. The
// certification profile (300 s, minutes) is in authlib.certification.test.ts.
describe('authlib OAuth2Session, quick profile', () => {
  it('gets the verdicts its code implies', async () => {
    const { report } = await certifyThirdParty(AUTHLIB, PROFILES.quick);

    expect(report.adapter?.library).toMatch(/^authlib \d+\.\d+\.\d+$/);
    expect(report.profile).toBe('quick');
    expect(verdictMismatches(report, EXPECTED_VERDICTS['authlib'].quick)).toEqual([]);
    expect(BEHAVIOUR_CHECKS['authlib'](report)).toEqual([]);
    expect(report.certified).toBe(false);
  }, 120_000);
});
