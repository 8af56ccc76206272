import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from '../wire/json-depth.js';
import { recordedBody, RECORDED_BODY_LIMIT_BYTES } from './recorded-body.js';

const parsed = (text: string) => ({ value: JSON.parse(text) as unknown, raw: Buffer.from(text) });

describe('recordedBody', () => {
  it('keeps a small body as parsed JSON with secret-looking keys redacted at any depth', () => {
    const { value, raw } = parsed(
      '{"a":[{"client_secret":"x","Password":"y","ok":1}],"authorization":"Bearer z"}',
    );
    expect(recordedBody(value, raw)).toEqual({
      a: [{ client_secret: '[redacted]', Password: '[redacted]', ok: 1 }],
      authorization: '[redacted]',
    });
  });

  it('keeps a body with nothing to redact as it is, and copies only what holds a secret', () => {
    const { value, raw } = parsed(
      '{"name":"en_route","items":[{"a":1}],"nested":{"token":"t","password":"p"}}',
    );
    const kept = recordedBody(value, raw) as Record<string, unknown>;
    const original = value as Record<string, unknown>;
    expect(kept).toEqual({
      name: 'en_route',
      items: [{ a: 1 }],
      nested: { token: 't', password: '[redacted]' },
    });
    expect(kept['items']).toBe(original['items']);
    expect(original['nested']).toEqual({ token: 't', password: 'p' });
    const plain = parsed('{"name":"en_route","timestamp":"2026-01-15T14:29:00Z"}');
    expect(recordedBody(plain.value, plain.raw)).toBe(plain.value);
  });

  it('summarises a small but deeply nested body instead of recursing into it', () => {
    const { value, raw } = parsed(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(raw.length).toBeLessThan(RECORDED_BODY_LIMIT_BYTES);
    const kept = recordedBody(value, raw);
    expect(kept).toMatchObject({ truncated: true, bytes: 10_000 });
    expect(() => JSON.stringify(kept)).not.toThrow();
  });

  it('gives identical summaries for identical large bodies and different ones otherwise', () => {
    const big = (c: string) => parsed(JSON.stringify({ notes: c.repeat(RECORDED_BODY_LIMIT_BYTES) }));
    const a = big('a');
    expect(recordedBody(a.value, a.raw)).toEqual(recordedBody(big('a').value, big('a').raw));
    expect(recordedBody(a.value, a.raw)).not.toEqual(recordedBody(big('b').value, big('b').raw));
  });

  it('records no body as null', () => {
    expect(recordedBody(undefined, Buffer.alloc(0))).toBeNull();
  });
});

describe('exceedsJsonDepth', () => {
  it('counts nesting of arrays and objects', () => {
    expect(exceedsJsonDepth({ a: [1] }, 2)).toBe(false);
    expect(exceedsJsonDepth({ a: [[1]] }, 2)).toBe(true);
    expect(exceedsJsonDepth('text', 0)).toBe(false);
  });
});
