import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { callControl } from '../../test-support/control-calls.js';
import { createApp } from '../hono/app.js';
import { createMockServer } from '../create-mock-server.js';
import { ControlError } from '../errors/control-error.js';
import { createMockContext } from '../mock-context.js';
import { createControlGuard, isLoopbackAddress, secretsEqual } from './control-guard.js';

const refusal = (run: () => void): { status: number; code: string } | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, code: error.code };
    throw error;
  }
};

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.255.3.4', '::1', '::ffff:127.0.0.1'])('%s is loopback', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });
  it.each(['192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', 'fd00::2', '0.0.0.0', '128.0.0.1', '::'])(
    '%s is not',
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false);
    },
  );
});

describe('createControlGuard', () => {
  it('without a control token admits loopback and in-process callers only', () => {
    const guard = createControlGuard(undefined);
    expect(refusal(() => guard({ remoteAddress: '127.0.0.1', authorization: undefined }))).toBeUndefined();
    expect(refusal(() => guard({ remoteAddress: undefined, authorization: undefined }))).toBeUndefined();
    expect(refusal(() => guard({ remoteAddress: '192.0.2.9', authorization: undefined }))).toEqual({
      status: 403,
      code: 'not_loopback',
    });
    expect(refusal(() => guard({ remoteAddress: '', authorization: undefined }))).toEqual({
      status: 403,
      code: 'not_loopback',
    });
  });

  it('with a control token admits any address with exactly that bearer token', () => {
    const guard = createControlGuard('s3cret token!');
    const unauthorized = { status: 401, code: 'unauthorized' };
    expect(
      refusal(() => guard({ remoteAddress: '192.0.2.9', authorization: 'Bearer s3cret token!' })),
    ).toBeUndefined();
    expect(refusal(() => guard({ remoteAddress: '127.0.0.1', authorization: undefined }))).toEqual(
      unauthorized,
    );
    expect(refusal(() => guard({ remoteAddress: undefined, authorization: undefined }))).toEqual(
      unauthorized,
    );
    for (const authorization of [
      'Bearer s3cret token',
      'Bearer s3cret token!!',
      'Basic s3cret token!',
      'Bearer ',
      's3cret token!',
    ])
      expect(
        refusal(() => guard({ remoteAddress: '127.0.0.1', authorization })),
        authorization,
      ).toEqual(unauthorized);
  });

  it('compares secrets of any lengths', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('', 'abc')).toBe(false);
  });
});

/** A local address other than loopback, when the machine has one. */
function nonLoopbackAddress(): string | undefined {
  for (const entries of Object.values(networkInterfaces()))
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  return undefined;
}

describe('control API access over HTTP', () => {
  it('is refused (403, no hint) from a non-loopback address while the hub still answers', async () => {
    const address = nonLoopbackAddress();
    if (address !== undefined) {
      // A real socket from a non-127 address: listen on every interface, connect through the LAN one.
      const mock = await createMockServer({ host: '0.0.0.0', port: 0 });
      try {
        const base = `http://${address}:${mock.port}`;
        const refused = await callControl(base, 'GET', '/__control/recordings');
        expect(refused).toMatchObject({
          status: 403,
          body: { error: 'not_loopback', message: 'Forbidden.' },
        });
        expect((await callControl(base, 'GET', '/__control/nothing')).status).toBe(403);
        expect((await fetch(`${base}/.well-known/jwks.json`)).status).toBe(200);
        expect((await callControl(`http://127.0.0.1:${mock.port}`, 'GET', '/__control/clock')).status).toBe(
          200,
        );
      } finally {
        await mock.close();
      }
    } else {
      // No LAN interface here: hand the app the Node binding a remote socket would give it.
      const app = createApp(await createMockContext());
      const response = await app.fetch(new Request('http://mock/__control/recordings'), {
        incoming: { socket: { remoteAddress: '192.0.2.9' } },
      } as never);
      expect(response.status).toBe(403);
    }
  });

  it('refuses a request whose socket already closed (no remote address) instead of trusting it', async () => {
    const app = createApp(await createMockContext());
    const response = await app.fetch(new Request('http://mock/__control/reset', { method: 'POST' }), {
      incoming: { socket: { remoteAddress: undefined } },
    } as never);
    expect(response.status).toBe(403);
    const inProcess = await app.fetch(new Request('http://mock/__control/clock'), {});
    expect(inProcess.status).toBe(200);
  });

  it('with a control token, answers only requests carrying it, with the same 401 for missing and wrong', async () => {
    const mock = await createMockServer({ port: 0, controlToken: 'ctl-9f2c' });
    try {
      const missing = await callControl(mock.url, 'GET', '/__control/clock');
      const wrong = await callControl(mock.url, 'GET', '/__control/clock', {
        headers: { authorization: 'Bearer ctl-0000' },
      });
      for (const refused of [missing, wrong]) {
        expect(refused).toMatchObject({
          status: 401,
          body: { error: 'unauthorized', message: 'Unauthorized.' },
        });
        expect(JSON.stringify(refused.body)).not.toContain('ctl-9f2c');
      }
      expect(missing.body).toEqual(wrong.body);
      const allowed = await callControl(mock.url, 'GET', '/__control/clock', {
        headers: { authorization: 'Bearer ctl-9f2c' },
      });
      expect(allowed.status).toBe(200);
      const inProcess = await mock.fetch(new Request(`${mock.url}/__control/clock`));
      expect(inProcess.status).toBe(401);
    } finally {
      await mock.close();
    }
  });
});
