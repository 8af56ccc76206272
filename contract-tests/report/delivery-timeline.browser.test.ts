import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { checkReportInBrowser, expectedFromReport } from '../../test-support/report-in-browser.js';
import { PROFILES } from '../runner/certification-profile.js';
import { runReceiverCertification } from '../runner/run-receiver-certification.js';
import { renderHtmlReport } from './html-report.js';

const OUTPUT = join(PACKAGE_ROOT, 'test-output', 'html-report');

// The kit's own output in real Chromium: a receiver that abandons its work when VectorCare hangs up, run
// in-process (quick profile, virtual time), so the pictures show a dropped attempt, the retry 2 s later,
// applied dots and one event never applied. The certification tests check real stdio runs' reports too.
describe('a webhook receiver report in headless Chromium', () => {
  it('shows every rule with a delivery timeline: one visible tick per POST, one dot per applied event', async () => {
    const { report } = await runReceiverCertification({
      receiver: { kind: 'module', file: 'dist/fixtures/receivers/abandons-on-hang-up.js' },
      profile: PROFILES.quick,
      virtualStartMs: Date.UTC(2026, 0, 15, 14, 30),
    });
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(OUTPUT, 'receiver-abandons-on-hang-up.html');
    writeFileSync(file, renderHtmlReport(report));
    const seen = await checkReportInBrowser(file, expectedFromReport(report));

    expect(seen.certified).toBe('false');
    expect(seen.rows.find((row) => row.rule === 'survives-retry-schedule')?.verdictText).toBe('✘ FAIL');
    const survives = seen.timelines.find((timeline) => timeline.rule === 'survives-retry-schedule');
    expect(survives?.attempts).toEqual({ count: 2, visible: 2 });
    expect(survives?.applied).toEqual({ count: 0, visible: 0 });
    const accepts = seen.timelines.find((timeline) => timeline.rule === 'accepts-signed-event');
    expect(accepts?.attempts).toEqual({ count: 2, visible: 2 });
    expect(accepts?.applied).toEqual({ count: 2, visible: 2 });
    expect(seen.activeElements).toBe(0);
    expect(seen.externalRequests).toEqual([]);
  }, 90_000);
});
