import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { forgeToken, mockClaims } from '../../../test-support/forge-token.js';

/** One forged or mangled bearer token and what it tries. */
export interface JwtAttack {
  readonly name: string;
  readonly token: string;
}

/** What the corpus is built from: the mock's own key and issuer, and a token it really issued. */
export interface JwtAttackInputs {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid: string;
  readonly issuer: string;
  readonly clientId: string;
  /** The mock clock's current time, epoch ms. */
  readonly nowMs: number;
  /** A live token the mock issued to `clientId`. */
  readonly validToken: string;
  /** A second live token, for splicing signatures. */
  readonly otherValidToken: string;
  /** A URL on a loopback server the test runs, to prove `jku`/`x5u` are never fetched. */
  readonly keyServerUrl: string;
}

const segment = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const raw = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** A foreign RSA key of the mock's size, made once per process (key generation is slow). */
let foreignKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
function foreignKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  foreignKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return foreignKeys;
}

/**
 * The table of tokens the hub must refuse with 401 members:authentication_failed: forged algorithms,
 * foreign and embedded keys, key URLs, critical headers, mistyped and out-of-range claims, truncation,
 * padding, splicing and sheer size. Each entry names the attack it stands for.
 */
export function buildJwtAttacks(inputs: JwtAttackInputs): JwtAttack[] {
  const { privateKey, publicKey, kid, issuer, clientId, nowMs, validToken, otherValidToken } = inputs;
  const claims = mockClaims(clientId, issuer, nowMs - 1_000);
  const own = { alg: 'RS256', key: privateKey } as const;
  const foreign = foreignKey();
  const foreignSigner = { alg: 'RS256', key: foreign.privateKey } as const;
  const foreignJwk = {
    ...foreign.publicKey.export({ format: 'jwk' }),
    kid: 'attacker-key',
    alg: 'RS256',
    use: 'sig',
  };
  const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const publicDer = publicKey.export({ format: 'der', type: 'spki' });
  const [header = '', payload = '', signature = ''] = validToken.split('.');
  const otherSignature = otherValidToken.split('.')[2] ?? '';
  const nowS = nowMs / 1000;

  const signedWith = (
    alg: string,
    hash: string,
    body: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): string => {
    const input = `${segment({ typ: 'JWT', alg, kid, ...extra })}.${segment(body)}`;
    return `${input}.${sign(hash, Buffer.from(input), privateKey).toString('base64url')}`;
  };

  return [
    { name: 'alg none, no signature', token: forgeToken(claims, { alg: 'none' }, { kid }) },
    {
      name: 'alg none with the real signature kept',
      token: `${segment({ typ: 'JWT', alg: 'none', kid })}.${payload}.${signature}`,
    },
    { name: 'alg "None" (case variant)', token: forgeToken(claims, { alg: 'none' }, { alg: 'None', kid }) },
    { name: 'alg missing', token: `${segment({ typ: 'JWT', kid })}.${payload}.${signature}` },
    {
      name: 'duplicate alg key, last one none',
      token: `${raw(`{"typ":"JWT","alg":"RS256","kid":"${kid}","alg":"none"}`)}.${payload}.`,
    },
    {
      name: 'HS256 signed with the public key PEM as secret',
      token: forgeToken(claims, { alg: 'HS256', secret: publicPem }, { kid }),
    },
    {
      name: 'HS256 signed with the public key DER as secret',
      token: forgeToken(claims, { alg: 'HS256', secret: publicDer }, { kid }),
    },
    {
      name: 'HS256 signed with an empty secret',
      token: forgeToken(claims, { alg: 'HS256', secret: '' }, { kid }),
    },
    { name: 'RS512 signed by the mock key', token: signedWith('RS512', 'sha512', claims) },
    { name: 'PS256 label on an RS256 signature', token: forgeToken(claims, own, { alg: 'PS256', kid }) },
    {
      name: 'RS256 from a foreign key under the mock kid',
      token: forgeToken(claims, foreignSigner, { kid }),
    },
    { name: 'RS256 from a foreign key, no kid', token: forgeToken(claims, foreignSigner) },
    {
      name: 'kid naming no key, signed by the mock key',
      token: forgeToken(claims, own, { kid: 'no-such-key' }),
    },
    {
      name: 'kid with path traversal and HS256',
      token: forgeToken(claims, { alg: 'HS256', secret: '' }, { kid: '../../../../dev/null' }),
    },
    {
      name: 'embedded jwk of the signing foreign key',
      token: forgeToken(claims, foreignSigner, { kid: 'attacker-key', jwk: foreignJwk }),
    },
    {
      name: 'embedded jwk under the mock kid',
      token: forgeToken(claims, foreignSigner, { kid, jwk: foreignJwk }),
    },
    {
      name: 'jku pointing at an attacker JWKS',
      token: forgeToken(claims, foreignSigner, {
        kid: 'attacker-key',
        jku: `${inputs.keyServerUrl}/jwks.json`,
      }),
    },
    {
      name: 'x5u pointing at an attacker certificate',
      token: forgeToken(claims, foreignSigner, {
        kid: 'attacker-key',
        x5u: `${inputs.keyServerUrl}/cert.pem`,
      }),
    },
    {
      name: 'x5c with an attacker chain',
      token: forgeToken(claims, foreignSigner, {
        x5c: [foreign.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')],
      }),
    },
    {
      name: 'crit naming exp, signed by the mock key',
      token: forgeToken(claims, own, { kid, crit: ['exp'] }),
    },
    {
      name: 'crit b64 false, signed by the mock key',
      token: forgeToken(claims, own, { kid, b64: false, crit: ['b64'] }),
    },
    { name: 'exp as a string', token: forgeToken({ ...claims, exp: String(nowS + 3600) }, own, { kid }) },
    { name: 'nbf as a string', token: forgeToken({ ...claims, nbf: String(nowS - 60) }, own, { kid }) },
    { name: 'iat as a string', token: forgeToken({ ...claims, iat: String(nowS - 60) }, own, { kid }) },
    { name: 'exp missing', token: forgeToken({ ...claims, exp: undefined }, own, { kid }) },
    {
      name: 'exp overflowing to Infinity',
      token: signedWithRaw(privateKey, kid, JSON.stringify(claims).replace(/"exp":[0-9.]+/, '"exp":1e400')),
    },
    { name: 'expired a second ago', token: forgeToken({ ...claims, exp: nowS - 1 }, own, { kid }) },
    {
      name: 'expiring exactly now (exp is exclusive)',
      token: forgeToken({ ...claims, exp: nowS }, own, { kid }),
    },
    {
      name: 'not yet valid (nbf in a minute)',
      token: forgeToken({ ...claims, nbf: nowS + 60 }, own, { kid }),
    },
    {
      name: 'wrong iss',
      token: forgeToken({ ...claims, iss: 'https://auth.vectorcare.com.evil.example' }, own, { kid }),
    },
    { name: 'iss missing', token: forgeToken({ ...claims, iss: undefined }, own, { kid }) },
    {
      name: 'sub of a client the mock does not know',
      token: forgeToken({ ...claims, sub: 'ghost-client', aud: 'ghost-client' }, own, { kid }),
    },
    {
      name: 'payload tampered, signature kept',
      token: `${header}.${segment({ ...claims, sub: 'someone-else' })}.${signature}`,
    },
    { name: 'signature spliced from another token', token: `${header}.${payload}.${otherSignature}` },
    { name: 'truncated by one character', token: validToken.slice(0, -1) },
    { name: 'truncated to header and payload', token: `${header}.${payload}` },
    { name: 'truncated to header and payload with a trailing dot', token: `${header}.${payload}.` },
    { name: 'header only', token: header },
    { name: 'padded with =', token: `${validToken}=` },
    { name: 'padded with ==', token: `${validToken}==` },
    {
      name: 'signature in standard base64 with padding',
      token: `${header}.${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`,
    },
    { name: 'a fourth segment appended', token: `${validToken}.${signature}` },
    {
      name: 'JWE-shaped five segments',
      token: `${header}.${payload}.${signature}.${signature}.${signature}`,
    },
    { name: 'header not JSON', token: `${raw('not json')}.${payload}.${signature}` },
    { name: 'header a JSON array', token: `${raw('["RS256"]')}.${payload}.${signature}` },
    { name: 'payload not JSON', token: signedWithRaw(privateKey, kid, 'not json') },
    { name: 'payload JSON null', token: signedWithRaw(privateKey, kid, 'null') },
    { name: 'empty segments', token: '..' },
    {
      name: '100 KB token signed by a foreign key',
      token: forgeToken({ ...claims, pad: 'x'.repeat(100 * 1024) }, foreignSigner, { kid }),
    },
    { name: '100 KB of base64url', token: 'A'.repeat(100 * 1024) },
  ];
}

/** An RS256 JWS over an arbitrary payload text, signed by the mock key. */
function signedWithRaw(privateKey: KeyObject, kid: string, payloadText: string): string {
  const input = `${segment({ typ: 'JWT', alg: 'RS256', kid })}.${raw(payloadText)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}
