import { describe, expect, it } from 'vitest';
import { PROFILES } from '../runner/certification-profile.js';
import { certifyThirdParty } from './test-support/certify-third-party.js';
import { EXPECTED_VERDICTS } from './test-support/expected-verdicts.js';
import { BEHAVIOUR_CHECKS } from './test-support/library-behaviour.js';
import { GOLANG_X_OAUTH2 } from './test-support/third-party-adapters.js';
import { verdictMismatches } from './test-support/verdict-mismatches.js';

// The real library over the stdio protocol, in real time with the quick profile's short lifetime. The
// certification profile (300 s, minutes) is in golang-x-oauth2.certification.test.ts.
describe('golang.org/x/oauth2 clientcredentials, quick profile', () => {
  it('gets the verdicts its code implies', async () => {
    const { report } = await certifyThirdParty(GOLANG_X_OAUTH2, PROFILES.quick);

    expect(report.adapter?.library).toMatch(/^golang\.org\/x\/oauth2 \d+\.\d+\.\d+$/);
    expect(report.profile).toBe('quick');
    expect(verdictMismatches(report, EXPECTED_VERDICTS['golang-x-oauth2'].quick)).toEqual([]);
    expect(BEHAVIOUR_CHECKS['golang-x-oauth2'](report)).toEqual([]);
    expect(report.certified).toBe(false);
  }, 120_000);
});
