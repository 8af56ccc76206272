import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { checkReportInBrowser, expectedFromReport } from '../../test-support/report-in-browser.js';
import { PROFILES } from '../runner/certification-profile.js';
import { runCertification } from '../runner/run-certification.js';
import { renderHtmlReport } from './html-report.js';
import type { CertificationReport } from './report-types.js';
import { certifiedReport, failingReport } from './test-support/sample-reports.js';

const OUTPUT = join(PACKAGE_ROOT, 'test-output', 'html-report');

function writeReport(name: string, report: CertificationReport): string {
  mkdirSync(OUTPUT, { recursive: true });
  const file = join(OUTPUT, `${name}.html`);
  writeFileSync(file, renderHtmlReport(report));
  return file;
}

// Real Chromium, real layout: the unit tests prove the markup, this proves a person sees it.
describe('the HTML report in headless Chromium', () => {
  it('shows a certified run: every verdict row, and every token bar and call tick with a size', async () => {
    const report = certifiedReport();
    const seen = await checkReportInBrowser(writeReport('certified', report), expectedFromReport(report));

    expect(seen.certified).toBe('true');
    expect(seen.rows.map((row) => row.rule)).toEqual(report.results.map((result) => result.rule));
    expect(seen.rows.every((row) => row.badgeColour === 'rgb(26, 127, 55)')).toBe(true);
    const reuse = seen.timelines.find((timeline) => timeline.rule === 'token-reuse');
    expect(reuse?.bars).toEqual({ count: 1, visible: 1 });
    expect(reuse?.ticks).toEqual({ count: 8, visible: 8 });
    expect(seen.screenshot).toMatch(/certified\.png$/);
  });

  it('shows a failing, hostile run without running or loading anything the adapter sent', async () => {
    const report = failingReport();
    const seen = await checkReportInBrowser(writeReport('failing', report), expectedFromReport(report));

    expect(seen.certified).toBe('false');
    expect(seen.title).toContain('<script>alert("name")</script>');
    expect(seen.activeElements).toBe(0);
    expect(seen.externalRequests).toEqual([]);
    const colours = new Map(seen.rows.map((row) => [row.verdictText.split(' ').pop(), row.badgeColour]));
    expect(new Set(colours.values()).size).toBe(5);
    const empty = seen.timelines.find((timeline) => timeline.rule === 'retry-after-401');
    expect(empty?.bars.count).toBe(0);
    expect(empty?.svgHeight).toBeGreaterThan(0);
    expect(seen.timelines.find((timeline) => timeline.rule === 'bounded-retry')?.bars.visible).toBe(30);
  });

  // The kit's own output, not a hand-built fixture: a real run in virtual time, certification profile
  // (300 s tokens), of a client that refreshes only after a 401, so bars, 401 ticks and refreshes appear.
  it('shows a real certification-profile run of a broken client as the kit recorded it', async () => {
    const { report } = await runCertification({
      adapter: { kind: 'module', file: 'fixtures/adapters/refresh-only-after-401.mjs' },
      profile: PROFILES.certification,
      virtualStartMs: Date.UTC(2026, 0, 15, 14, 30),
    });
    const seen = await checkReportInBrowser(
      writeReport('refresh-only-after-401', report),
      expectedFromReport(report),
    );

    expect(seen.certified).toBe('false');
    expect(seen.rows.find((row) => row.rule === 'proactive-refresh')?.verdictText).toBe('✘ FAIL');
    // The 3600 s measurement: T1 presented twice (its first call, then at once), then 1 s past its expiry
    // (a 401), and the retry with T2.
    const refresh = seen.timelines.find((timeline) => timeline.rule === 'proactive-refresh');
    expect(refresh?.bars).toEqual({ count: 2, visible: 2 });
    expect(refresh?.ticks).toEqual({ count: 4, visible: 4 });
    expect(seen.model?.modelClass).toBe('never');
    expect(seen.model?.rows.map((row) => row.lifetime)).toEqual([300, 600, 3600]);
    // At 110% T1 had expired: the 401 sent it for a second token, a second bar.
    const expiry = seen.timelines.find((timeline) => timeline.rule === 'no-expired-token');
    expect(expiry?.bars.visible).toBeGreaterThanOrEqual(2);
  });

  it('names every mismatch when the page does not show what the report says', async () => {
    const report = certifiedReport();
    const file = writeReport('mismatch', report);
    const expected = expectedFromReport(report);
    const wrong = {
      certified: false,
      rules: expected.rules.map((rule, i) =>
        i === 0 ? { ...rule, verdict: 'FAIL' as const, calls: 7 } : rule,
      ),
    };

    await expect(checkReportInBrowser(file, wrong)).rejects.toThrow(
      /certified banner says true, expected false[\s\S]*token-request: verdict cell says "✔ PASS", expected FAIL[\s\S]*token-request: 1 call ticks, expected 7/,
    );
  });

  it('fails with a clear message when Chromium is missing', async () => {
    const file = writeReport('no-browser', certifiedReport());
    await expect(
      checkReportInBrowser(file, expectedFromReport(certifiedReport()), {
        executablePath: '/nonexistent/chromium',
      }),
    ).rejects.toThrow(/no Chromium at \/nonexistent\/chromium/);
  });
});
