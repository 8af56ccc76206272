import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../shared/package-root.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const PROFILE_MODULE = new URL('../contract-tests/runner/certification-profile.js', import.meta.url);
const BUNDLED_CLIENT = join(PACKAGE_ROOT, 'fixtures', 'adapters', 'bundled-client.mjs');

/** One timed `certify` run of the bundled client. */
export interface CertifyTiming {
  readonly seconds: number;
  readonly exitCode: number;
  /** The token lifetime of the profile, seconds: the time a real-time run has to cover at least once. */
  readonly lifetimeSeconds: number;
}

export interface CertifyTimings {
  /** `certify --adapter "node bundled-client.mjs"`, quick profile, real time, out-of-process. */
  readonly quickOutOfProcess: CertifyTiming;
  /** `certify --module bundled-client.mjs --profile certification`, virtual time, in-process. */
  readonly certificationVirtualTime: CertifyTiming;
}

interface ProfilesModule {
  readonly PROFILES: Readonly<Record<'quick' | 'certification', { readonly lifetimeS: number }>>;
}

/** Whether this build has the contract kit and the bundled client's adapter. */
export function certifyAvailable(): boolean {
  return existsSync(fileURLToPath(PROFILE_MODULE)) && existsSync(BUNDLED_CLIENT);
}

function timeCli(args: readonly string[]): Promise<{ seconds: number; exitCode: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'certify', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      resolve({ seconds: (performance.now() - started) / 1000, exitCode: code ?? 1 }),
    );
  });
}

/** Times `certify` on the bundled client: the quick profile over stdio, and the certification profile in virtual time. */
export async function measureCertify(): Promise<CertifyTimings> {
  const { PROFILES } = (await import(PROFILE_MODULE.href)) as ProfilesModule;
  const quick = await timeCli(['--adapter', `"${process.execPath}" "${BUNDLED_CLIENT}"`]);
  const virtual = await timeCli(['--module', BUNDLED_CLIENT, '--profile', 'certification']);
  return {
    quickOutOfProcess: { ...quick, lifetimeSeconds: PROFILES.quick.lifetimeS },
    certificationVirtualTime: { ...virtual, lifetimeSeconds: PROFILES.certification.lifetimeS },
  };
}
