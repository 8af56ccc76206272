import { describe, expect, it } from 'vitest';
import type { DashboardAction, DashboardExchange } from '../dashboard-feed.js';
import { actionKind, clientPictures, MAX_TOKEN_ROWS } from './client-pictures.js';

const T0 = Date.UTC(2026, 0, 15, 14, 30);
let seq = 0;

function token(clientId: string | null, atS: number, jti: string | null, expiresIn = 60): DashboardExchange {
  seq += 1;
  return {
    seq,
    endpoint: 'token',
    at_ms: T0 + atS * 1000,
    method: 'POST',
    path: '/v2.0/oauth2/token',
    status: jti === null ? 401 : 200,
    client_id: clientId,
    jti,
    expires_in: jti === null ? null : expiresIn,
    token_check: null,
    error: jti === null ? 'invalid_client' : null,
    fault: null,
  };
}

function call(clientId: string | null, atS: number, jti: string | null, status = 201): DashboardExchange {
  seq += 1;
  return {
    seq,
    endpoint: 'hub',
    at_ms: T0 + atS * 1000,
    method: 'POST',
    path: '/openapi/v2.0/requests/KP-1/state/',
    status,
    client_id: clientId,
    jti,
    expires_in: null,
    token_check: status === 401 ? 'revoked' : 'valid',
    error: status === 401 ? 'members:authentication_failed' : null,
    fault: null,
  };
}

function control(atS: number, method: string, path: string, status = 200): DashboardAction {
  seq += 1;
  return { seq, at_ms: T0 + atS * 1000, method, path, status, error: null };
}

const clients = [
  { client_id: 'acme', expires_in: 60 },
  { client_id: 'idle', expires_in: 300 },
];

describe('clientPictures', () => {
  it('draws each client from its first exchange, its calls on the rows of the tokens they carried', () => {
    const exchanges = [
      token('acme', 10, 'j1'),
      call('acme', 11, 'j1'),
      call('acme', 20, 'j1'),
      token('acme', 58, 'j2'),
      call('acme', 59, 'j2'),
    ];
    const [acme, idle] = clientPictures({ exchanges, actions: [], clients, nowMs: T0 + 70_000, fit: 'now' });
    expect(acme?.clientId).toBe('acme');
    expect(acme?.originMs).toBe(T0 + 10_000);
    expect(acme?.nowMs).toBe(60_000);
    expect(acme?.timeline.tokens.map((t) => [t.at_ms, t.jti, t.expires_at_ms])).toEqual([
      [0, 'j1', 60_000],
      [48_000, 'j2', 108_000],
    ]);
    expect(acme?.timeline.calls.map((c) => [c.at_ms, c.jti])).toEqual([
      [1000, 'j1'],
      [10_000, 'j1'],
      [49_000, 'j2'],
    ]);
    expect(acme?.timeline.end_ms).toBe(60_000);
    // A client with no traffic still gets its place, in the mock's order.
    expect(idle?.clientId).toBe('idle');
    expect(idle?.timeline.tokens).toEqual([]);
  });

  it('reaches on to the latest expiry when asked, and with auto unless that squeezes the past', () => {
    const exchanges = [token('acme', 0, 'j1'), call('acme', 1, 'j1')];
    const at = (nowS: number, fit: 'auto' | 'lifetimes' | 'now'): number | undefined =>
      clientPictures({ exchanges, actions: [], clients, nowMs: T0 + nowS * 1000, fit })[0]?.timeline.end_ms;
    expect(at(10, 'lifetimes')).toBe(60_000);
    expect(at(10, 'now')).toBe(10_000);
    // 10 s of a 60 s lifetime would keep a sixth of the width: up to now. 30 s keeps half: to the expiry.
    expect(at(10, 'auto')).toBe(10_000);
    expect(at(30, 'auto')).toBe(60_000);
    // Past the expiry, every fit ends at now.
    expect(at(90, 'lifetimes')).toBe(90_000);
  });

  it('puts ids seen only in requests after the known clients, and calls naming none last', () => {
    const exchanges = [token('stranger', 1, null), call(null, 2, null, 401), token('acme', 3, 'j1')];
    const pictures = clientPictures({ exchanges, actions: [], clients, nowMs: T0 + 5000, fit: 'now' });
    expect(pictures.map((picture) => [picture.clientId, picture.registered])).toEqual([
      ['acme', true],
      ['idle', true],
      ['stranger', false],
      [null, false],
    ]);
    expect(pictures[2]?.timeline.tokens[0]).toMatchObject({
      jti: null,
      status: 401,
      error: 'invalid_client',
    });
  });

  it(`starts a client with more than ${MAX_TOKEN_ROWS} tokens at the first of its last ${MAX_TOKEN_ROWS}`, () => {
    const exchanges: DashboardExchange[] = [];
    for (let i = 0; i < MAX_TOKEN_ROWS + 5; i += 1) {
      exchanges.push(token('acme', i * 10, `j${i}`, 10), call('acme', i * 10 + 1, `j${i}`));
    }
    const [acme] = clientPictures({ exchanges, actions: [], clients, nowMs: T0 + 400_000, fit: 'now' });
    expect(acme?.originMs).toBe(T0 + 50_000);
    expect(acme?.timeline.tokens).toHaveLength(MAX_TOKEN_ROWS);
    expect(acme?.hiddenTokens).toBe(5);
    expect(acme?.hiddenCalls).toBe(5);
    // The revoke list still offers every token.
    expect(acme?.tokens).toHaveLength(MAX_TOKEN_ROWS + 5);
  });

  it('shows changes made through the control API as actions, not reads or refusals', () => {
    const exchanges = [token('acme', 0, 'j1')];
    const actions = [
      control(1, 'POST', '/__control/tokens/revoke'),
      control(2, 'POST', '/__control/clock'),
      control(3, 'GET', '/__control/clock'),
      control(4, 'POST', '/__control/faults', 400),
      control(5, 'DELETE', '/__control/faults'),
      control(6, 'POST', '/__control/reset'),
      control(7, 'POST', '/__control/clients', 201),
    ];
    expect(actions.map(actionKind)).toEqual([
      'revoke',
      'clock',
      undefined,
      undefined,
      'fault',
      'reset',
      undefined,
    ]);
    const [acme] = clientPictures({ exchanges, actions, clients, nowMs: T0 + 10_000, fit: 'now' });
    expect(acme?.timeline.actions.map((action) => [action.at_ms, action.kind, action.detail])).toEqual([
      [1000, 'revoke', 'POST /__control/tokens/revoke → 200'],
      [2000, 'clock', 'POST /__control/clock → 200'],
      [5000, 'fault', 'DELETE /__control/faults → 200'],
      [6000, 'reset', 'POST /__control/reset → 200'],
    ]);
  });
});
