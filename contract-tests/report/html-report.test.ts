import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from './html-report.js';
import type { CertificationReport } from './report-types.js';
import { elementForRule, findElements } from '../../shared/timeline/test-support/markup-query.js';
import { certifiedReport, failingReport, HOSTILE, neverReadyReport } from './test-support/sample-reports.js';

function tableRows(page: string): { rule: string | undefined; verdict: string | undefined }[] {
  return findElements(page, 'tr')
    .filter((row) => row.attributes['data-rule'] !== undefined)
    .map((row) => ({ rule: row.attributes['data-rule'], verdict: row.attributes['data-verdict'] }));
}

/** Every rule's timeline has one bar per issued token, one tick per call and one mark per token request. */
function expectTimelinesMatch(report: CertificationReport, page: string): void {
  for (const result of report.results) {
    const svg = elementForRule(elementForRule(page, 'section', result.rule), 'svg', result.rule);
    const issued = result.timeline.tokens.filter((token) => token.jti !== null);
    expect(
      findElements(svg, 'rect', 'token-bar').map((bar) => bar.attributes['data-jti']),
      result.rule,
    ).toEqual(issued.map((token) => token.jti));
    expect(findElements(svg, 'rect', 'call-tick'), result.rule).toHaveLength(result.timeline.calls.length);
    expect(findElements(svg, '*', 'token-request'), result.rule).toHaveLength(result.timeline.tokens.length);
  }
}

describe('renderHtmlReport, a certified run', () => {
  const report = certifiedReport();
  const page = renderHtmlReport(report);

  it('is one HTML document that says the client is certified', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(findElements(page, 'div', 'status')[0]?.attributes).toMatchObject({
      class: 'status certified',
      'data-certified': 'true',
    });
    expect(page).toContain('✔ Certified');
    expect(page).toContain('Every required rule passed.');
  });

  it('names the kit, the adapter and its library, the lifetime, profile, margins, date and duration', () => {
    const header = page.slice(page.indexOf('<dl class="meta">'), page.indexOf('</dl>'));
    expect(header).toContain('<strong>bundled-client</strong> 0.1.0');
    expect(header).toContain('vectorcare-auth-mock/client 0.1.0');
    expect(header).toContain('vectorcare-auth-mock 0.1.0');
    expect(header).toContain('<dd>6 s</dd>');
    expect(header).toContain('<dd>quick</dd>');
    expect(header).toContain('<span class="mono">clock_skew_ms</span><span>250</span>');
    expect(header).toContain('2026-01-15 14:30:00 UTC');
    expect(header).toContain('14.3 s');
  });

  it('has one verdict row per rule, in the report’s order, with the verdict in words and colour', () => {
    expect(tableRows(page)).toEqual(report.results.map((result) => ({ rule: result.rule, verdict: 'PASS' })));
    const badges = findElements(page, 'span', 'verdict').filter((badge) => badge.attributes['data-verdict']);
    // One badge in the table and one in the section, per rule.
    expect(badges).toHaveLength(report.results.length * 2);
    expect(badges.every((badge) => badge.attributes['class'] === 'verdict verdict-PASS')).toBe(true);
    expect(page).toContain('✔ PASS</span>');
  });

  it('gives the refresh point where the result has one, and a dash elsewhere', () => {
    const refreshCells = [...page.matchAll(/<td class="refresh">([^<]*)<\/td>/g)].map((match) => match[1]);
    expect(refreshCells).toEqual(
      report.results.map((result) =>
        result.refresh_point_percent === undefined ? '—' : `${result.refresh_point_percent.toFixed(1)} %`,
      ),
    );
  });

  it('has a section per rule with its statement, summary, evidence and timeline', () => {
    const sections = findElements(page, 'section', 'rule').map((section) => section.attributes['data-rule']);
    expect(sections).toEqual(report.results.map((result) => result.rule));
    const refresh = elementForRule(page, 'section', 'proactive-refresh');
    const result = report.results.find((candidate) => candidate.rule === 'proactive-refresh')!;
    expect(refresh).toContain(result.statement);
    expect(refresh).toContain(result.summary);
    expect(refresh).toContain(
      '<li><span class="at">5.41 s</span><span class="evidence-text">token pr-02 requested at 90.1% of pr-01’s lifetime</span></li>',
    );
    expect(findElements(refresh, 'svg', 'timeline')).toHaveLength(1);
  });

  it('draws each timeline with one bar per issued token and one tick per call', () => {
    expectTimelinesMatch(report, page);
  });

  it('is self-contained: no script, no external resource, and a policy that forbids both', () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(|@import/i);
    expect(findElements(page, 'a').every((link) => link.attributes['href']?.startsWith('#'))).toBe(true);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;">`,
    );
  });

  it('renders the same report to the same bytes', () => {
    expect(renderHtmlReport(certifiedReport())).toBe(page);
  });
});

describe('renderHtmlReport, a failing run from a hostile adapter', () => {
  const report = failingReport();
  const page = renderHtmlReport(report);

  it('says the client is not certified and which required rules did not pass', () => {
    expect(findElements(page, 'div', 'status')[0]?.attributes['data-certified']).toBe('false');
    expect(page).toContain('✘ Not certified');
    expect(page).toContain(
      'Required rules not passed: <a href="#rule-bearer-header">bearer-header</a> (FAIL), <a href="#rule-token-reuse">token-reuse</a> (FAIL), <a href="#rule-proactive-refresh">proactive-refresh</a> (FAIL), <a href="#rule-retry-after-401">retry-after-401</a> (ERROR), <a href="#rule-bounded-retry">bounded-retry</a> (FAIL).',
    );
    expect(page).toContain('<span class="verdict verdict-FAIL">4 failed</span>');
  });

  it('shows every verdict, ERROR included, one row per rule', () => {
    expect(tableRows(page)).toEqual(
      report.results.map((result) => ({ rule: result.rule, verdict: result.verdict })),
    );
    for (const verdict of ['PASS', 'FAIL', 'WARN', 'SKIP', 'ERROR']) {
      expect(page).toContain(`<span class="verdict verdict-${verdict}" data-verdict="${verdict}">`);
    }
    expect(page).toContain('⚠ ERROR</span>');
  });

  it('draws a scenario that recorded nothing as an empty timeline, not a missing one', () => {
    const empty = elementForRule(page, 'section', 'retry-after-401');
    expect(findElements(empty, 'svg', 'timeline')).toHaveLength(1);
    expect(findElements(empty, 'rect', 'token-bar')).toHaveLength(0);
    expect(findElements(empty, 'rect', 'call-tick')).toHaveLength(0);
    expect(empty).toContain('No token request and no API call were recorded.');
    expect(empty).toContain(
      '<span class="at">—</span><span class="evidence-text">adapter exited with code 1',
    );
  });

  it('draws each timeline with one bar per issued token and one tick per call, 30 of each for a retry storm', () => {
    expectTimelinesMatch(report, page);
    expect(findElements(elementForRule(page, 'section', 'bounded-retry'), 'rect', 'token-bar')).toHaveLength(
      30,
    );
  });

  it('escapes the adapter’s name, version, library, extra fields and log: none becomes markup', () => {
    expect(page).not.toMatch(/<script|<img|<b>|<i>|<u>|<h1 class="injected"/);
    expect(page).toContain('<strong>&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;</strong>');
    expect(page).toContain('1.0&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('evil &amp; co &lt;b&gt;lib&lt;/b&gt;');
    expect(page).toContain('&lt;i&gt;nightly&lt;/i&gt;');
    expect(page).toContain('<title>VectorCare certification: &lt;script&gt;alert(&quot;name&quot;)');
    const logs = [...page.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((match) => match[1]);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toContain('&lt;/pre&gt;&lt;/details&gt;&lt;h1 class=&quot;injected&quot;&gt;');
    expect(logs[0]).toContain('    at main (adapter.js:12:3)');
  });

  it('escapes hostile text in summaries, evidence, margins and jti values', () => {
    expect(page).toContain('an unknown token &lt;b&gt;forged&lt;/b&gt;.');
    expect(page).toContain(`presented jti &quot;&gt;&lt;script&gt;alert(&quot;jti&quot;)&lt;/script&gt;`);
    expect(page).toContain(
      '<span class="mono">&lt;u&gt;skew&lt;/u&gt;</span><span>&lt;script&gt;1&lt;/script&gt;</span>',
    );
    const tick = findElements(page, 'rect', 'call-tick').find(
      (candidate) => candidate.attributes['data-jti'] === HOSTILE.jti,
    );
    expect(tick).toBeDefined();
  });

  it('keeps the adapter log collapsed, with its length', () => {
    expect(page).toContain('<details class="adapter-log"><summary>stderr, 5 lines</summary>');
    expect(page).toContain('<summary>stderr, 30 lines</summary>');
    expect(page).not.toContain('<details open');
  });
});

describe('renderHtmlReport, an adapter that never became ready', () => {
  const page = renderHtmlReport(neverReadyReport());

  it('says so instead of naming an adapter, and shows an unparseable start time as given', () => {
    expect(page).toContain('The adapter never became ready, so no rule could be judged.');
    expect(page).toContain('<dd>never became ready</dd>');
    expect(page).not.toContain('data-field="library"');
    expect(page).toContain('<dd>not a date</dd>');
    expect(page).toContain('<dd>none stated</dd>');
    expect(tableRows(page)).toEqual([{ rule: 'token-request', verdict: 'ERROR' }]);
  });
});
