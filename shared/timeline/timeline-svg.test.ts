import { describe, expect, it } from 'vitest';
import { findElements, numberAttribute, type FoundElement } from './test-support/markup-query.js';
import { TimelineSketch } from './test-support/timeline-sketch.js';
import { renderTimelineSvg } from './timeline-svg.js';

/** Pixels per second and the x of 0 s, read off the axis labels the picture draws. */
function axisScale(svg: string): { x0: number; perSecond: number } {
  const labels = [...svg.matchAll(/<text class="axis-label" x="([\d.]+)"[^>]*>([\d.]+) s<\/text>/g)].map(
    (match) => ({ x: Number(match[1]), seconds: Number(match[2]) }),
  );
  const first = labels[0];
  const last = labels.at(-1);
  if (first === undefined || last === undefined || first === last) throw new Error('no axis');
  const perSecond = (last.x - first.x) / (last.seconds - first.seconds);
  return { x0: first.x - first.seconds * perSecond, perSecond };
}

function centreY(element: FoundElement): number {
  return numberAttribute(element, 'y') + numberAttribute(element, 'height') / 2;
}

describe('renderTimelineSvg', () => {
  // proactive-refresh, as a client that follows the 80% rule would produce it (lifetime 6 s).
  const sketch = new TimelineSketch(6, 'pr');
  const first = sketch.token(10);
  sketch.call(3000, first, 201).call(5400, first, 201);
  const second = sketch.token(5405);
  sketch.call(5410, second, 201).call(6600, second, 201);
  const refresh = sketch.build(6800);
  const svg = renderTimelineSvg(refresh, 'proactive-refresh').value;

  it('draws one bar per issued token, from its issue to its expiry on the axis', () => {
    const bars = findElements(svg, 'rect', 'token-bar');
    expect(bars.map((bar) => bar.attributes['data-jti'])).toEqual([first, second]);

    const { x0, perSecond } = axisScale(svg);
    const [bar] = bars;
    if (bar === undefined) throw new Error('no bar');
    expect(numberAttribute(bar, 'x')).toBeCloseTo(x0 + 0.01 * perSecond, 0);
    expect(numberAttribute(bar, 'width')).toBeCloseTo(6 * perSecond, 0);
  });

  it('marks 70% and the refresh mark on a bar where they fall inside the picture', () => {
    const { x0, perSecond } = axisScale(svg);
    const reuse = findElements(svg, 'line', 'reuse-line');
    const marks = findElements(svg, 'line', 'refresh-mark');
    // The second token's marks (at 9.6 s and 10.2 s) lie past the scenario's end and are not drawn.
    expect(reuse).toHaveLength(1);
    expect(marks).toHaveLength(1);
    expect(numberAttribute(reuse[0]!, 'x1')).toBeCloseTo(x0 + (0.01 + 0.7 * 6) * perSecond, 0);
    expect(numberAttribute(marks[0]!, 'x1')).toBeCloseTo(x0 + (0.01 + 0.8 * 6) * perSecond, 0);
  });

  it('draws one tick per API call, at its time, on the row of the token it carried', () => {
    const { x0, perSecond } = axisScale(svg);
    const ticks = findElements(svg, 'rect', 'call-tick');
    expect(ticks).toHaveLength(refresh.calls.length);
    const bars = new Map(
      findElements(svg, 'rect', 'token-bar').map((bar) => [bar.attributes['data-jti'], bar]),
    );
    ticks.forEach((tick, i) => {
      const call = refresh.calls[i]!;
      expect(tick.attributes['data-jti']).toBe(call.jti);
      expect(numberAttribute(tick, 'x') + 1.5).toBeCloseTo(x0 + (call.at_ms / 1000) * perSecond, 0);
      expect(Math.abs(centreY(tick) - centreY(bars.get(call.jti ?? '')!))).toBeLessThan(1);
    });
  });

  it('names token rows T1, T2 like the kit’s evidence, with the start of the jti', () => {
    const labels = findElements(svg, 'text', 'row-label').length;
    expect(labels).toBe(4);
    expect(svg).toContain(`<title>${first}</title>T1 · ${first.slice(0, 8)}</text>`);
    expect(svg).toContain(`<title>${second}</title>T2 · ${second.slice(0, 8)}</text>`);
  });

  it('shows that a token outlives the scenario with an arrow at the right edge', () => {
    expect(findElements(svg, 'path', 'runs-off')).toHaveLength(1);
  });

  it('colours ticks by status: 2xx green, 401 red, other 4xx/5xx orange, dropped grey', () => {
    const statuses = new TimelineSketch(6, 'st');
    const jti = statuses.token(0);
    for (const status of [200, 201, 401, 403, 500, 503, 0]) statuses.call(100 + status, jti, status);
    const ticks = findElements(renderTimelineSvg(statuses.build(1000), 'x').value, 'rect', 'call-tick');
    expect(ticks.map((tick) => [tick.attributes['data-status'], tick.attributes['fill']])).toEqual([
      ['0', '#8c959f'],
      ['200', '#1a7f37'],
      ['201', '#1a7f37'],
      ['401', '#cf222e'],
      ['403', '#e16f24'],
      ['500', '#e16f24'],
      ['503', '#e16f24'],
    ]);
  });

  it('puts calls without a token of this client on a row of their own, below the tokens', () => {
    const orphans = new TimelineSketch(6, 'or');
    const jti = orphans.token(10);
    orphans.call(100, jti, 201).call(200, null, 401).call(300, 'someone-elses-token', 401, 'unknown');
    const out = renderTimelineSvg(orphans.build(1000), 'bearer-header').value;
    const [bar] = findElements(out, 'rect', 'token-bar');
    const ticks = findElements(out, 'rect', 'call-tick');
    expect(centreY(ticks[0]!)).toBeCloseTo(centreY(bar!), 0);
    expect(centreY(ticks[1]!)).toBeGreaterThan(centreY(bar!) + 10);
    expect(centreY(ticks[2]!)).toBe(centreY(ticks[1]!));
    expect(out).toContain('no or unknown token');
  });

  it('marks every token request, failed ones as crosses, and draws no bar for them', () => {
    const failing = new TimelineSketch(6, 'ic');
    failing.failedToken(10, 401, 'invalid_client').failedToken(40, 401, 'invalid_client');
    const out = renderTimelineSvg(failing.build(400), 'invalid-client').value;
    expect(findElements(out, 'rect', 'token-bar')).toHaveLength(0);
    expect(
      findElements(out, 'path', 'token-request-failed').map((mark) => mark.attributes['data-status']),
    ).toEqual(['401', '401']);
    expect(findElements(out, 'circle', 'token-request-ok')).toHaveLength(0);
    expect(out).toContain('token request failed');
  });

  it('labels revokes, clock moves and faults, and marks the calls the kit asked for', () => {
    const actions = new TimelineSketch(6, 'ra');
    const jti = actions.token(10);
    actions.call(1000, jti, 201).action(2000, 'revoke', 'all live tokens').action(3000, 'clock', '+1000 ms');
    actions.action(5990, 'fault', 'drop the next hub connection');
    const out = renderTimelineSvg(actions.build(6000), 'retry-after-401').value;
    const markers = findElements(out, 'g', 'kit-action');
    expect(markers.map((marker) => marker.attributes['data-kind'])).toEqual(['revoke', 'clock', 'fault']);
    expect(markers.map((marker) => marker.attributes['data-at-ms'])).toEqual(['2000', '3000', '5990']);
    expect(findElements(out, 'path', 'kit-call')).toHaveLength(1);
    expect(out).toContain('<title>2.00 s: revoke: all live tokens</title>');
    expect(out).toMatch(
      /<text class="action-label" x="[\d.]+" y="[\d.]+" fill="#8250df" font-weight="600">revoke<\/text>/,
    );
    // The label at the right edge ends at its marker rather than running off the picture.
    expect(out).toMatch(/<text class="action-label" [^>]*text-anchor="end"[^>]*>fault<\/text>/);
  });

  it('gives actions at one instant one marker that names them all', () => {
    const actions = new TimelineSketch(6, 'br');
    actions.action(1338, 'revoke', "revoked the client's tokens (1 live)");
    actions.action(1338, 'revoke', 'every new token of the client is revoked as it is issued');
    actions.action(1339, 'note', 'adapter ready');
    const out = renderTimelineSvg(actions.build(2000), 'bounded-retry').value;
    const markers = findElements(out, 'g', 'kit-action');
    expect(markers.map((marker) => marker.attributes['data-kind'])).toEqual(['revoke revoke note']);
    expect(out).toContain('>revoke ×2 + note</text>');
    expect(out).toContain(
      '<title>1.34 s: revoke: revoked the client&#39;s tokens (1 live)\n1.34 s: revoke: every new token of the client is revoked as it is issued\n1.34 s: note: adapter ready</title>',
    );
  });

  it('stacks the labels of actions close together instead of printing them over each other', () => {
    const actions = new TimelineSketch(6, 'cr');
    actions.action(1000, 'note', 'a').action(1100, 'revoke', 'b').action(1200, 'fault', 'c');
    const out = renderTimelineSvg(actions.build(6000), 'x').value;
    const labels = [
      ...out.matchAll(/<text class="action-label" x="([\d.]+)" y="([\d.]+)"( text-anchor="end")?/g),
    ];
    const placements = labels.map((match) => `${match[2]}${match[3] ?? ''}`);
    // 13 px apart: no two labels may share a lane on the same side of their markers.
    expect(new Set(placements).size).toBe(3);
  });

  it('draws an empty scenario as an axis and a sentence, with no bars or ticks', () => {
    const out = renderTimelineSvg(new TimelineSketch(6, 'e').build(900), 'retry-after-401').value;
    expect(out.startsWith('<svg')).toBe(true);
    expect(out.endsWith('</svg>')).toBe(true);
    expect(findElements(out, 'rect', 'token-bar')).toHaveLength(0);
    expect(findElements(out, 'rect', 'call-tick')).toHaveLength(0);
    expect(out).toContain('No token request and no API call were recorded.');
  });

  it('keeps a client that never stops asking for tokens to a bounded picture, with every bar', () => {
    const storm = new TimelineSketch(6, 'br');
    for (let i = 0; i < 120; i += 1)
      storm.call(20 + i * 8, storm.token(15 + i * 8), 401, 'rejected by fault');
    const out = renderTimelineSvg(storm.build(1000), 'bounded-retry').value;
    expect(findElements(out, 'rect', 'token-bar')).toHaveLength(120);
    expect(findElements(out, 'rect', 'call-tick')).toHaveLength(120);
    const height = Number(/viewBox="0 0 960 ([\d.]+)"/.exec(out)?.[1]);
    expect(height).toBeLessThan(900);
    expect(findElements(out, 'rect', 'token-bar').every((bar) => numberAttribute(bar, 'height') > 0)).toBe(
      true,
    );
  });

  it('escapes a hostile jti in attributes, titles and labels', () => {
    const hostile = new TimelineSketch(6, '"><script>alert(1)</script>');
    hostile.call(50, hostile.token(10), 201);
    const out = renderTimelineSvg(hostile.build(100), '<rule>').value;
    expect(out).not.toContain('<script');
    expect(out).toContain('&quot;&gt;&lt;script&gt;');
    expect(findElements(out, 'rect', 'token-bar')[0]?.attributes['data-jti']).toMatch(/^"><script>/);
  });

  describe('drawn live (the dashboard)', () => {
    const live = new TimelineSketch(10, 'lv');
    const jti = live.token(0);
    for (let at = 500; at <= 7500; at += 500) live.call(at, jti, at === 7500 ? 401 : 201);
    live.action(7000, 'revoke', 'POST /__control/tokens/revoke → 200').action(7200, 'reset', 'reset');
    const timeline = live.build(10_000);

    it('draws the present as a line at its time, named in the legend', () => {
      const out = renderTimelineSvg(timeline, 'demo-client', { nowMs: 7600 }).value;
      const { x0, perSecond } = axisScale(out);
      const [line] = findElements(out, 'line').filter(
        (element) => element.attributes['stroke'] === '#bf3989',
      );
      expect(numberAttribute(line!, 'x1')).toBeCloseTo(x0 + 7.6 * perSecond, 0);
      expect(out).toContain('>now (mock clock)</text>');
      expect(renderTimelineSvg(timeline, 'demo-client').value).not.toContain('now (mock clock)');
    });

    it('names the actor in the action row and the legend: the control API instead of the kit', () => {
      const out = renderTimelineSvg(timeline, 'demo-client', { actor: 'control' }).value;
      expect(out).toContain('>control</text>');
      expect(out).toContain('>control: revoke</text>');
      expect(out).toContain('>control: reset</text>');
      expect(out).not.toContain('>kit</text>');
    });

    it('above tickElementsUpTo, draws the calls of a row and colour as one path with a tick each', () => {
      const out = renderTimelineSvg(timeline, 'demo-client', { tickElementsUpTo: 5 }).value;
      expect(findElements(out, 'rect', 'call-tick')).toHaveLength(0);
      const paths = findElements(out, 'path', 'call-ticks');
      expect(paths.map((path) => [path.attributes['class'], path.attributes['data-count']])).toEqual([
        ['call-ticks status-2xx', '14'],
        ['call-ticks status-401', '1'],
      ]);
      const { x0, perSecond } = axisScale(out);
      const xs = [...(paths[0]!.attributes['d'] ?? '').matchAll(/M([\d.]+) /g)].map((match) =>
        Number(match[1]),
      );
      expect(xs).toHaveLength(14);
      xs.forEach((tx, i) => expect(tx).toBeCloseTo(x0 + (0.5 + i * 0.5) * perSecond, 0));
      expect(out).toContain(`<title>T1 · ${jti.slice(0, 8)}: 14 calls → 14 × 201</title>`);
      // Up to the limit every call keeps its own element.
      const each = renderTimelineSvg(timeline, 'demo-client', { tickElementsUpTo: 15 }).value;
      expect(findElements(each, 'rect', 'call-tick')).toHaveLength(15);
      expect(findElements(each, 'path', 'call-ticks')).toHaveLength(0);
    });
  });
});
