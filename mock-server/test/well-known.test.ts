import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, ConfigError, type CreateMockServerOptions, type MockServer } from '../index.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { DEMO_FORM } from '../../test-support/token-requests.js';

type Jwks = { keys: (JWK & { kid: string })[] };

async function withMock<T>(
  options: CreateMockServerOptions,
  use: (mock: MockServer) => Promise<T>,
): Promise<T> {
  const mock = await createMockServer({ port: 0, ...options });
  try {
    return await use(mock);
  } finally {
    await mock.close();
  }
}

async function servedJwks(mock: MockServer): Promise<Jwks> {
  const response = await fetch(mock.jwksUrl);
  expect(response.status).toBe(200);
  const body = (await response.json()) as Jwks;
  assertMatchesSpec('GET', '/.well-known/jwks.json', 200, body);
  return body;
}

/** Gets a token and verifies it against the mock's own JWKS; returns its kid. */
async function tokenKid(mock: MockServer): Promise<string> {
  const response = await fetch(mock.tokenUrl, { method: 'POST', body: new URLSearchParams(DEMO_FORM) });
  const { access_token: token } = (await response.json()) as { access_token: string };
  await jwtVerify(token, createRemoteJWKSet(new URL(mock.jwksUrl)), { clockTolerance: 5 });
  return decodeProtectedHeader(token).kid as string;
}

describe('GET /.well-known/jwks.json and /.well-known/oauth-authorization-server', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0 });
  });
  afterAll(() => mock.close());

  it('serves one RSA public key, with kid, alg RS256 and use sig, and no private member', async () => {
    const response = await fetch(mock.jwksUrl);
    expect(response.headers.get('content-type')).toBe('application/json');
    const { keys } = (await response.json()) as Jwks;
    expect(keys).toHaveLength(1);
    const key = keys[0] as JWK & { kid: string };
    expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    // The kid is the RFC 7638 thumbprint, so it is stable for a key and differs between keys.
    expect(key.kid).toBe(
      await calculateJwkThumbprint({ kty: 'RSA', n: key.n ?? '', e: key.e ?? '' }, 'sha256'),
    );
    assertMatchesSpec('GET', '/.well-known/jwks.json', 200, { keys });
  });

  it('signs tokens with the key it serves', async () => {
    const { keys } = await servedJwks(mock);
    expect(await tokenKid(mock)).toBe(keys[0]?.kid);
  });

  it('serves RFC 8414 metadata whose issuer is the tokens’ iss', async () => {
    const response = await fetch(`${mock.url}/.well-known/oauth-authorization-server`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toStrictEqual({
      issuer: mock.url,
      token_endpoint: mock.tokenUrl,
      jwks_uri: mock.jwksUrl,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      response_types_supported: [],
    });
    assertMatchesSpec('GET', '/.well-known/oauth-authorization-server', 200, metadata);
  });

  it('uses a configured issuer in the metadata and in iss', async () => {
    await withMock({ issuer: 'https://auth.vectorcare.com' }, async (custom) => {
      const metadata = (await (
        await fetch(`${custom.url}/.well-known/oauth-authorization-server`)
      ).json()) as Record<string, unknown>;
      expect(metadata['issuer']).toBe('https://auth.vectorcare.com');
      const response = await fetch(custom.tokenUrl, { method: 'POST', body: new URLSearchParams(DEMO_FORM) });
      const { access_token: token } = (await response.json()) as { access_token: string };
      const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(custom.jwksUrl)), {
        issuer: 'https://auth.vectorcare.com',
        clockTolerance: 5,
      });
      expect(payload.iss).toBe('https://auth.vectorcare.com');
    });
  });
});

describe('signing keys', () => {
  let dir: string;
  let privateKey: KeyObject;
  let expectedThumbprint: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vectorcare-keys-'));
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const jwk = privateKey.export({ format: 'jwk' });
    expectedThumbprint = await calculateJwkThumbprint(
      { kty: 'RSA', n: jwk.n ?? '', e: jwk.e ?? '' },
      'sha256',
    );
    await writeFile(join(dir, 'key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await writeFile(join(dir, 'key-pkcs1.pem'), privateKey.export({ format: 'pem', type: 'pkcs1' }));
    await writeFile(join(dir, 'key.jwk.json'), JSON.stringify(jwk));
    await writeFile(join(dir, 'key-with-kid.jwk.json'), JSON.stringify({ ...jwk, kid: 'partner-key-1' }));
    const publicOnly = privateKey.export({ format: 'jwk' });
    await writeFile(join(dir, 'public.jwk.json'), JSON.stringify({ kty: 'RSA', n: publicOnly.n, e: 'AQAB' }));
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    await writeFile(join(dir, 'small.pem'), small.export({ format: 'pem', type: 'pkcs8' }));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await writeFile(join(dir, 'ec.pem'), ec.export({ format: 'pem', type: 'pkcs8' }));
    await writeFile(join(dir, 'garbage.pem'), 'not a key');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uses the committed test-only key by default, the same across restarts', async () => {
    const first = await withMock({}, async (mock) => (await servedJwks(mock)).keys[0]?.kid);
    const second = await withMock({}, async (mock) => (await servedJwks(mock)).keys[0]?.kid);
    expect(first).toBeDefined();
    expect(second).toBe(first);
  });

  it.each(['key.pem', 'key-pkcs1.pem', 'key.jwk.json'])(
    'loads %s: the JWKS serves its public key and tokens verify with it',
    async (file) => {
      await withMock({ keyFile: join(dir, file) }, async (mock) => {
        const { keys } = await servedJwks(mock);
        expect(keys[0]?.kid).toBe(expectedThumbprint);
        expect(keys[0]?.n).toBe(privateKey.export({ format: 'jwk' }).n);
        expect(await tokenKid(mock)).toBe(expectedThumbprint);
      });
    },
  );

  it('keeps the kid a JWK file gives', async () => {
    await withMock({ keyFile: join(dir, 'key-with-kid.jwk.json') }, async (mock) => {
      expect((await servedJwks(mock)).keys[0]?.kid).toBe('partner-key-1');
      expect(await tokenKid(mock)).toBe('partner-key-1');
    });
  });

  it('generates a fresh key on request: the JWKS changes from the default and between starts', async () => {
    const defaultKid = await withMock({}, async (mock) => (await servedJwks(mock)).keys[0]?.kid);
    const first = await withMock({ generateKey: true }, async (mock) => {
      const kid = (await servedJwks(mock)).keys[0]?.kid;
      expect(await tokenKid(mock)).toBe(kid);
      return kid;
    });
    const second = await withMock(
      { generateKey: true },
      async (mock) => (await servedJwks(mock)).keys[0]?.kid,
    );
    expect(new Set([defaultKid, first, second]).size).toBe(3);
  });

  it.each([
    ['public.jwk.json', /is not an RSA private key in PEM or JWK format/],
    ['garbage.pem', /is not an RSA private key in PEM or JWK format/],
    ['small.pem', /at least 2048 bits, got 1024/],
    ['ec.pem', /must be an RSA private key, got ec/],
    ['missing.pem', /cannot read the key file \(ENOENT\)/],
  ])('refuses %s with a ConfigError naming the file', async (file, message) => {
    const attempt = createMockServer({ port: 0, keyFile: join(dir, file) });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toThrow(join(dir, file));
  });
});
