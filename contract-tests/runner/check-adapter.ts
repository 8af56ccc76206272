import { AdapterError } from '../adapters/adapter-error.js';
import type { AdapterInfo } from '../report/report-types.js';
import { describeOutcome } from '../steps/kit-call.js';
import { ScenarioContext } from '../steps/scenario-context.js';
import type { CertificationProfile } from './certification-profile.js';
import { startHarness, type AdapterSpec } from './run-certification.js';

export interface AdapterCheck {
  /** The ready message, or null when the adapter never became ready. */
  readonly adapter: AdapterInfo | null;
  /** True when the adapter became ready, answered the call, and its client reached the mock for it. */
  readonly ok: boolean;
  /** What happened, for the terminal. */
  readonly lines: readonly string[];
}

/**
 * `certify --check-adapter`: the handshake and one call, and what the mock saw, to help a partner wire
 * up an adapter before a full run.
 */
export async function checkAdapter(spec: AdapterSpec, profile: CertificationProfile): Promise<AdapterCheck> {
  const harness = await startHarness(spec, profile);
  const s = new ScenarioContext({ ...harness, rule: 'check-adapter', profile, lifetimeS: profile.lifetimeS });
  const lines: string[] = [];
  try {
    let adapter: AdapterInfo;
    try {
      adapter = (await s.start()).info;
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      lines.push(`FAILED: ${error.message}`);
      const log = s.log();
      if (log !== '') lines.push('adapter log (stderr):', log);
      return { adapter: null, ok: false, lines };
    }
    lines.push(`ready: ${JSON.stringify(adapter)}`);
    let ok = false;
    try {
      const call = await s.call();
      lines.push(`call ${call.id}: POST ${call.path} → ${describeOutcome(call)}`);
      const seen = s.observe();
      lines.push(
        `the mock saw ${seen.tokens.length} token request(s) and ${seen.apiCalls.length} API call(s):`,
      );
      for (const evidence of seen.allEvidence()) lines.push(`  ${evidence.text}`);
      const served = seen.requestsFor(call).some((request) => request.status < 300);
      ok = call.outcome.kind === 'answered' && served;
      lines.push(
        ok
          ? 'OK: the adapter speaks the protocol and its client reached the mock.'
          : 'FAILED: the call was not served by the mock with a 2xx; see above.',
      );
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      lines.push(`FAILED: ${error.message}`);
    }
    await s.close();
    const log = s.log();
    if (log !== '') lines.push('adapter log (stderr):', log);
    return { adapter, ok, lines };
  } finally {
    await s.close();
    await harness.mock.close();
  }
}
