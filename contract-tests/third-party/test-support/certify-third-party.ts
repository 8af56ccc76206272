import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../shared/package-root.js';
import { renderHtmlReport } from '../../report/html-report.js';
import { renderJsonReport } from '../../report/json-report.js';
import type { CertificationReport } from '../../report/report-types.js';
import type { CertificationProfile } from '../../runner/certification-profile.js';
import { runCertification } from '../../runner/run-certification.js';
import type { ThirdPartyAdapter } from './third-party-adapters.js';

/** Where the third-party runs leave their reports (and the browser check its screenshots). */
export const THIRD_PARTY_OUTPUT = join(PACKAGE_ROOT, 'test-output', 'third-party');

export interface ThirdPartyRun {
  readonly report: CertificationReport;
  /** The JSON and HTML reports, written under test-output/third-party/. */
  readonly jsonFile: string;
  readonly htmlFile: string;
}

/**
 * Certifies a third-party library over the stdio protocol, exactly as `certify --adapter` would, and keeps
 * its JSON and HTML reports under test-output/third-party/<id>-<profile>.*. Throws when the adapter never
 * became ready: that is a broken machine (a missing Debian package), not a verdict.
 */
export async function certifyThirdParty(
  adapter: ThirdPartyAdapter,
  profile: CertificationProfile,
): Promise<ThirdPartyRun> {
  await adapter.prepare();
  const run = await runCertification({
    adapter: { kind: 'stdio', command: adapter.command, cwd: PACKAGE_ROOT },
    profile,
  });
  if (!run.adapterReady) {
    throw new Error(
      `The ${adapter.library} adapter never became ready (${run.readyError ?? 'no reason given'}); ` +
        `is its Debian package installed (see .ci/run)?\n${run.readyLog ?? ''}`,
    );
  }
  await mkdir(THIRD_PARTY_OUTPUT, { recursive: true });
  const base = join(THIRD_PARTY_OUTPUT, `${adapter.id}-${profile.name}`);
  const jsonFile = `${base}.json`;
  const htmlFile = `${base}.html`;
  await writeFile(jsonFile, renderJsonReport(run.report));
  await writeFile(htmlFile, renderHtmlReport(run.report));
  return { report: run.report, jsonFile, htmlFile };
}
