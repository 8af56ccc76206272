import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { fetchFromAddress } from '../../test-support/from-address.js';

const CONTROL_TOKEN = 'a-long-control-token-7c9e2f51d3';

/** This machine's addresses that are not loopback: a request to them arrives from a non-loopback address. */
const outsideAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
  .map((address) => address?.address as string);

/** The control API's clock, called as from `remoteAddress`. */
const fromAddress = (mock: MockServer, remoteAddress: string, headers: Record<string, string> = {}) =>
  fetchFromAddress(mock, '/__control/clock', remoteAddress, headers);

const REFUSALS: readonly [string, Record<string, string>][] = [
  ['no Authorization', {}],
  ['a wrong token', { authorization: 'Bearer wrong' }],
  ['the token minus its last character', { authorization: `Bearer ${CONTROL_TOKEN.slice(0, -1)}` }],
  ['the token plus a character', { authorization: `Bearer ${CONTROL_TOKEN}x` }],
  ['the token in upper case', { authorization: `Bearer ${CONTROL_TOKEN.toUpperCase()}` }],
  ['the token without the scheme', { authorization: CONTROL_TOKEN }],
  [
    'the token as Basic credentials',
    { authorization: `Basic ${Buffer.from(`x:${CONTROL_TOKEN}`).toString('base64')}` },
  ],
  ['an enormous token', { authorization: `Bearer ${'a'.repeat(8_000)}` }],
];

describe('control API access', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('without a control token: loopback only; any other address gets a bare 403', async () => {
    mock = await createMockServer({ listen: false });
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect((await fromAddress(mock, address)).status).toBe(200);
    for (const address of ['192.0.2.10', '10.0.0.1', '::ffff:192.0.2.10', 'fd00::2', '0.0.0.0']) {
      const response = await fromAddress(mock, address);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'not_loopback', message: 'Forbidden.' });
    }
  });

  it('without a control token, over a real socket from a non-loopback address of this machine: 403', async () => {
    mock = await createMockServer({ host: '0.0.0.0', port: 0 });
    // Loopback is served; each outside address of this machine (none on a loopback-only host) is not.
    expect((await fetch(`http://127.0.0.1:${mock.port}/__control/clock`)).status).toBe(200);
    for (const address of outsideAddresses) {
      const response = await fetch(`http://${address}:${mock.port}/__control/clock`);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'not_loopback', message: 'Forbidden.' });
      // The rest of the mock answers every address.
      expect((await fetch(`http://${address}:${mock.port}/.well-known/jwks.json`)).status).toBe(200);
    }
  });

  it('with a control token: any address with the exact token; every refusal the same bare 401, no hint', async () => {
    mock = await createMockServer({ host: '0.0.0.0', port: 0, controlToken: CONTROL_TOKEN });
    const good = { authorization: `Bearer ${CONTROL_TOKEN}` };
    expect((await fromAddress(mock, '192.0.2.10', good)).status).toBe(200);
    for (const address of outsideAddresses)
      expect((await fetch(`http://${address}:${mock.port}/__control/clock`, { headers: good })).status).toBe(
        200,
      );

    const answers = new Set<string>();
    for (const [, headers] of REFUSALS) {
      for (const response of [
        await fromAddress(mock, '192.0.2.10', headers),
        await fromAddress(mock, '127.0.0.1', headers),
        await fetch(`http://127.0.0.1:${mock.port}/__control/recordings`, { headers }),
        await fetch(`http://127.0.0.1:${mock.port}/__control/no-such-path`, { headers }),
      ]) {
        const body = await response.text();
        expect(response.status).toBe(401);
        expect(body).not.toContain(CONTROL_TOKEN.slice(0, 8));
        answers.add(`${body} | ${response.headers.get('www-authenticate')}`);
      }
    }
    // One answer for every kind of refusal, every path (existing or not) and every address.
    expect([...answers]).toEqual([
      '{"error":"unauthorized","message":"Unauthorized."} | Bearer realm="control"',
    ]);
  });

  it('compares the token in constant time: one fixed-length comparison per request, whatever was sent', async () => {
    const crypto = await import('node:crypto');
    vi.resetModules();
    const compared: [number, number][] = [];
    vi.doMock('node:crypto', () => ({
      ...crypto,
      timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
        compared.push([a.byteLength, b.byteLength]);
        return crypto.timingSafeEqual(a, b);
      },
    }));
    const { createControlGuard } = await import('../../mock-server/control/control-guard.js');
    vi.doUnmock('node:crypto');
    const guard = createControlGuard(CONTROL_TOKEN);
    for (const [, headers] of [
      ...REFUSALS,
      ['the token', { authorization: `Bearer ${CONTROL_TOKEN}` }] as const,
    ]) {
      compared.length = 0;
      try {
        guard({ remoteAddress: '192.0.2.10', authorization: headers['authorization'] });
      } catch {
        // Refused: what matters is how it compared.
      }
      // Digests of both sides, so the comparison's length never depends on the guess.
      expect(compared).toEqual([[32, 32]]);
    }
  });
});
