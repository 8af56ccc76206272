import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../report/report-types.js';
import { ProgressReporter } from './progress-reporter.js';

const result = { rule: 'token-reuse', verdict: 'PASS', summary: 'one token' } as RuleResult;

describe('progress', () => {
  it('prints plain lines when not on a terminal', () => {
    const lines: string[] = [];
    const written: string[] = [];
    const progress = new ProgressReporter(
      { env: {}, out: (line) => lines.push(line), err: () => undefined, write: (text) => written.push(text) },
      2,
    );
    progress.start();
    progress.result(result);
    progress.stop();
    expect(lines).toEqual(['PASS  token-reuse            one token']);
    expect(written).toEqual([]);
  });

  it('draws a spinner line in place on a terminal and clears it before each result line', () => {
    const events: string[] = [];
    const progress = new ProgressReporter(
      {
        env: {},
        out: (line) => events.push(`out:${line}`),
        err: () => undefined,
        isTTY: true,
        write: (text) => events.push(`write:${text}`),
      },
      2,
    );
    progress.start();
    progress.result(result);
    progress.stop();
    expect(events[0]).toMatch(/^write:\r. 0\/2 rules judged, 0 s$/);
    expect(events).toContain('out:PASS  token-reuse            one token');
    const outAt = events.indexOf('out:PASS  token-reuse            one token');
    expect(events[outAt - 1]).toBe('write:\r\u001b[2K');
    expect(events[outAt + 1]).toMatch(/^write:\r. 1\/2 rules judged/);
    expect(events.at(-1)).toBe('write:\r\u001b[2K');
  });
});
