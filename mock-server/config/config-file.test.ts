import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/config-error.js';
import { loadConfigFile } from './config-file.js';

const SECRET = 'n0t-for-logs-7Qx';

describe('loadConfigFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vectorcare-config-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function load(name: string, text: string) {
    const file = join(dir, name);
    await writeFile(file, text);
    return { file, result: loadConfigFile(file) };
  }

  /** Loads `text` and returns the ConfigError it must raise. */
  async function problem(text: string): Promise<{ file: string; error: ConfigError }> {
    const { file, result } = await load(`config-${Math.random().toString(36).slice(2)}.json`, text);
    const error = await result.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return { file, error: error as ConfigError };
  }

  it('reads every field of a full example, snake_case on disk, camelCase in the options', async () => {
    const { file, result } = await load(
      'full.json',
      JSON.stringify({
        host: '0.0.0.0',
        port: 4011,
        issuer: 'https://auth.vectorcare.com',
        default_expires_in: 1800,
        key_file: 'keys/partner.pem',
        recorder_capacity: 500,
        clients: [
          { client_id: 'acme-dispatch', client_secret: SECRET, expires_in: 300 },
          { client_id: 'acme-billing', client_secret: 'other' },
        ],
      }),
    );
    expect(await result).toStrictEqual({
      host: '0.0.0.0',
      port: 4011,
      issuer: 'https://auth.vectorcare.com',
      defaultExpiresIn: 1800,
      keyFile: join(dir, 'keys/partner.pem'),
      recorderCapacity: 500,
      clients: [
        { clientId: 'acme-dispatch', clientSecret: SECRET, expiresIn: 300 },
        { clientId: 'acme-billing', clientSecret: 'other' },
      ],
    });
    expect(file.startsWith(dir)).toBe(true);
  });

  it('accepts an empty object: every default applies', async () => {
    expect(await (await load('empty.json', '{}')).result).toStrictEqual({});
  });

  it.each([
    ['an unknown top-level field', { clients: [], expires_in: 60 }, 'expires_in', /unknown field/],
    [
      'an unknown client field',
      { clients: [{ client_id: 'a', client_secret: SECRET, secret: 'x' }] },
      'clients[0].secret',
      /unknown field \(allowed: client_id, client_secret, expires_in\)/,
    ],
    ['a port of the wrong type', { port: '4010' }, 'port', /whole number from 0 to 65535/],
    ['a port out of range', { port: 70000 }, 'port', /whole number from 0 to 65535/],
    ['a fractional lifetime', { default_expires_in: 1.5 }, 'default_expires_in', /whole number/],
    ['a zero lifetime', { default_expires_in: 0 }, 'default_expires_in', /from 1 to 31536000/],
    ['clients not an array', { clients: { client_id: 'a' } }, 'clients', /must be an array/],
    ['a client that is not an object', { clients: ['a'] }, 'clients[0]', /must be an object/],
    [
      'a missing client_id',
      { clients: [{ client_secret: SECRET }] },
      'clients[0].client_id',
      /non-empty string/,
    ],
    [
      'a client_secret of the wrong type',
      { clients: [{ client_id: 'a', client_secret: 12345 }] },
      'clients[0].client_secret',
      /non-empty string/,
    ],
    [
      'an empty client_secret',
      { clients: [{ client_id: 'a', client_secret: '' }] },
      'clients[0].client_secret',
      /non-empty string/,
    ],
    [
      'a per-client expires_in of the wrong type',
      { clients: [{ client_id: 'a', client_secret: SECRET, expires_in: '60' }] },
      'clients[0].expires_in',
      /whole number/,
    ],
    [
      'a duplicate client',
      {
        clients: [
          { client_id: 'a', client_secret: SECRET },
          { client_id: 'a', client_secret: SECRET },
        ],
      },
      'clients[1].client_id',
      /is used by an earlier client/,
    ],
    ['an issuer that is not a string', { issuer: 42 }, 'issuer', /non-empty string/],
    ['a root that is not an object', [1, 2], '(root)', /must be a JSON object/],
  ])('refuses %s, naming the file and the field', async (_, config, field, reason) => {
    const { file, error } = await problem(JSON.stringify(config, null, 2));
    expect(error.source).toBe(file);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${file}: ${field}: `)).toBe(true);
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain(SECRET);
  });

  it.each([
    [
      'a trailing comma',
      `{\n  "clients": [\n    { "client_id": "a", "client_secret": "${SECRET}", }\n  ]\n}`,
    ],
    ['an unquoted value', `{\n  "clients": [{ "client_id": "a", "client_secret": ${SECRET} }]\n}`],
    ['a stray token after the object', `{ "clients": [] }\n"${SECRET}"`],
    ['a truncated file', `{ "clients": [{ "client_id": "a", "client_secret": "${SECRET}"`],
  ])('refuses bad JSON (%s) without quoting the file, which may hold secrets', async (_, text) => {
    const { file, error } = await problem(text);
    expect(error.message.startsWith(`${file}: (root): is not valid JSON`)).toBe(true);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(SECRET.slice(0, 6));
  });

  it('gives the line and column of a JSON error when the parser knows it', async () => {
    const { error } = await problem(
      `{\n  "clients": [\n    { "client_id": "a", "client_secret": "x", }\n  ]\n}`,
    );
    expect(error.message).toMatch(/at line 3, column 47$/);
  });

  it('refuses a file it cannot read, naming it', async () => {
    const missing = join(dir, 'nope.json');
    await expect(loadConfigFile(missing)).rejects.toThrow(`${missing}: (file): cannot be read (ENOENT)`);
  });
});
