import { describe, expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import { certifyThirdParty } from './test-support/certify-third-party.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { BEHAVIOUR_CHECKS } from './test-support/library-behaviour.js';
import { BADGATEWAY } from './test-support/third-party-adapters.js';
import { verdictMismatches } from './test-support/verdict-mismatches.js';

// The real library over the stdio protocol, in real time with the quick profile's short lifetime. The
// certification profile (300 s, minutes) is in badgateway-oauth2-client.certification.test.ts.
describe('@badgateway/oauth2-client OAuth2Fetch, quick profile', () => {
  it('gets the verdicts its code implies', async () => {
    const { report } = await certifyThirdParty(BADGATEWAY, PROFILES.quick);

    expect(report.adapter?.library).toMatch(/^@badgateway\/oauth2-client \d+\.\d+\.\d+$/);
    expect(report.profile).toBe('quick');
    expect(verdictMismatches(report, EXPECTED_VERDICTS['badgateway'].quick)).toEqual([]);
    expect(BEHAVIOUR_CHECKS['badgateway'](report)).toEqual([]);
    expect(report.certified).toBe(false);
  }, 120_000);
});
