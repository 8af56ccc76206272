import { describe, expect, it } from 'vitest';
import { renderJunitReport } from './junit-report.js';
import type { CertificationReport, RuleResult, Verdict } from './report-types.js';

const result = (rule: string, verdict: Verdict, summary = `${rule} summary`): RuleResult => ({
  rule,
  level: 'required',
  verdict,
  statement: `${rule} statement`,
  summary,
  evidence: [{ at_ms: 1500, text: `${rule} evidence` }],
  duration_ms: 2500,
  timeline: { lifetime_s: 6, refresh_mark: 0.8, end_ms: 2500, tokens: [], calls: [], actions: [] },
  adapter_log: '',
});

const report = (results: RuleResult[]): CertificationReport => ({
  certified: false,
  kit: { name: 'vectorcare-auth-mock', version: '0.1.0' },
  adapter: { type: 'ready', name: 'acme <dispatch>', version: '2.1.0' },
  lifetime: 6,
  profile: 'quick',
  margins: {},
  started_at: '2026-01-15T14:30:00.000Z',
  duration_ms: 9000,
  results,
});

describe('JUnit report', () => {
  it('has one testcase per rule: FAIL a failure, ERROR an error, SKIP skipped, PASS and WARN passing', () => {
    const xml = renderJunitReport(
      report([
        result('a', 'PASS'),
        result('b', 'FAIL'),
        result('c', 'ERROR'),
        result('d', 'SKIP'),
        result('e', 'WARN'),
      ]),
    );
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('tests="5" failures="1" errors="1" skipped="1"');
    expect(xml).toMatch(
      /name="b"[^>]*>\s*<failure message="b summary" type="FAIL">b summary\n\n\[\+1\.500 s\] b evidence<\/failure>/,
    );
    expect(xml).toMatch(/name="c"[^>]*>\s*<error message="c summary"/);
    expect(xml).toMatch(/name="d"[^>]*>\s*<skipped message="d summary"\/>/);
    expect(xml).toMatch(/name="e"[^>]*>\s*<system-out>WARN: e summary/);
    expect(xml).toContain('time="2.500"');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const xml = renderJunitReport(report([result('a', 'FAIL', 'said "<b>" & \u0007left')]));
    expect(xml).toContain('message="said &quot;&lt;b&gt;&quot; &amp; left"');
    expect(xml).toContain('acme &lt;dispatch&gt;');
    expect(xml).not.toContain('\u0007');
  });
});
