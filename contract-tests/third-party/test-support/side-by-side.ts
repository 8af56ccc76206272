import { setTimeout as sleep } from 'node:timers/promises';
import type { CertificationProfile } from '../../runner/certification-profile.js';
import { certifyThirdParty, type ThirdPartyRun } from './certify-third-party.js';
import type { ThirdPartyAdapter } from './third-party-adapters.js';

export interface SideBySideOptions {
  /**
   * How many libraries run at once; the next group starts when the last one has finished. Each run starts
   * eleven adapter processes together (one per scenario), 3 to 6 CPU-seconds between them: six such bursts at
   * once kept a busy 2-core machine saturated long enough for first calls to miss the quick profile's 5 s
   * call timeout, where three at once (as before the last three libraries were added) did not.
   */
  readonly groupSize: number;
  /** How far apart the runs within a group start. */
  readonly staggerMs: number;
}

/**
 * Starts the certification of every library, in groups, and hands each test its own run. Vitest runs at most
 * five concurrent tests of a file (`maxConcurrency`), and each run mostly waits for token lifetimes to pass, so
 * the runs are started here rather than by the tests.
 */
export function certifySideBySide(
  adapters: readonly ThirdPartyAdapter[],
  profile: CertificationProfile,
  options: SideBySideOptions,
): (adapter: ThirdPartyAdapter) => Promise<ThirdPartyRun> {
  const runs = new Map<ThirdPartyAdapter['id'], Promise<ThirdPartyRun>>();
  let previousGroup: Promise<unknown> = Promise.resolve();
  for (let first = 0; first < adapters.length; first += options.groupSize) {
    const group = adapters.slice(first, first + options.groupSize);
    const start = previousGroup;
    const groupRuns = group.map((adapter, index) => {
      const run = start
        .then(() => sleep(index * options.staggerMs))
        .then(() => certifyThirdParty(adapter, profile));
      // The test that awaits it reports a failure; this only keeps it from being an unhandled rejection first.
      run.catch(() => {});
      runs.set(adapter.id, run);
      return run;
    });
    previousGroup = Promise.allSettled(groupRuns);
  }
  return (adapter) => {
    const run = runs.get(adapter.id);
    if (run === undefined) throw new Error(`${adapter.id} was not started`);
    return run;
  };
}
