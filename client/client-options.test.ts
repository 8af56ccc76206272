import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLIENT_OPTIONS,
  resolveClientOptions,
  type VectorCareClientOptions,
} from './client-options.js';
import { CLIENT_ID, CLIENT_SECRET } from './test-support/fake-vectorcare.js';

const base: VectorCareClientOptions = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

function messageOf(options: unknown): string {
  try {
    resolveClientOptions(options as VectorCareClientOptions);
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  return 'no error';
}

describe('resolveClientOptions', () => {
  it("defaults to VectorCare's production URLs and the 80% rule", () => {
    const resolved = resolveClientOptions(base);
    expect(resolved.tokenUrl).toBe('https://auth.vectorcare.com/v2.0/oauth2/token');
    expect(resolved.apiUrl).toBe('https://hub.vectorcare.com/openapi/v2.0');
    expect(resolved.refreshRatio).toBe(0.8);
    expect(DEFAULT_CLIENT_OPTIONS).toEqual({
      tokenUrl: resolved.tokenUrl,
      apiUrl: resolved.apiUrl,
      refreshRatio: 0.8,
    });
    expect(Object.isFrozen(DEFAULT_CLIENT_OPTIONS)).toBe(true);
  });

  it('drops trailing slashes from apiUrl, as the docs write it with one', () => {
    expect(resolveClientOptions({ ...base, apiUrl: 'https://hub.vectorcare.com/openapi/v2.0/' }).apiUrl).toBe(
      'https://hub.vectorcare.com/openapi/v2.0',
    );
  });

  it.each([
    [{ clientId: CLIENT_ID }, 'TypeError: createVectorCareClient: clientSecret must be a non-empty string'],
    [
      { ...base, clientSecret: '' },
      'TypeError: createVectorCareClient: clientSecret must be a non-empty string',
    ],
    [{ ...base, clientId: 42 }, 'TypeError: createVectorCareClient: clientId must be a non-empty string'],
    [
      undefined,
      'TypeError: createVectorCareClient: options must be an object with clientId and clientSecret',
    ],
    [{ ...base, tokenUrl: 'auth.vectorcare.com/token' }, 'tokenUrl must be an absolute http or https URL'],
    [{ ...base, tokenUrl: 'ftp://auth.vectorcare.com/' }, 'tokenUrl must be an absolute http or https URL'],
    [
      { ...base, tokenUrl: 'https://id:pw@auth.test/token' },
      'tokenUrl must not contain a user name or password',
    ],
    [{ ...base, apiUrl: 'not a url' }, 'apiUrl must be an absolute http or https URL'],
    [{ ...base, apiUrl: 'https://hub.test/openapi/v2.0?x=1' }, 'apiUrl must not contain a query'],
    [{ ...base, apiUrl: 'https://hub.test/openapi/v2.0#top' }, 'apiUrl must not contain a fragment'],
    [{ ...base, fetch: 'fetch' }, 'TypeError: createVectorCareClient: fetch must be a function'],
    [{ ...base, clock: Date.now }, 'clock must be an object with a now() method'],
    [{ ...base, clock: {} }, 'clock must be an object with a now() method'],
    [
      { ...base, refreshRatio: 0 },
      'RangeError: createVectorCareClient: refreshRatio must be a number greater than 0',
    ],
    [{ ...base, refreshRatio: -0.5 }, 'refreshRatio must be a number greater than 0 and at most 1'],
    [{ ...base, refreshRatio: 1.01 }, 'refreshRatio must be a number greater than 0 and at most 1'],
    [{ ...base, refreshRatio: Number.NaN }, 'refreshRatio must be a number greater than 0 and at most 1'],
    [{ ...base, refreshRatio: '0.8' }, 'refreshRatio must be a number greater than 0 and at most 1'],
  ])('refuses %o with a message naming the field', (options, expected) => {
    expect(messageOf(options)).toContain(expected);
  });

  it('accepts refreshRatio at the top of its range and just above 0', () => {
    expect(resolveClientOptions({ ...base, refreshRatio: 1 }).refreshRatio).toBe(1);
    expect(resolveClientOptions({ ...base, refreshRatio: 0.001 }).refreshRatio).toBe(0.001);
  });

  it('never echoes a value it refuses, since a misplaced secret would end up in a log', () => {
    expect(messageOf({ ...base, tokenUrl: CLIENT_SECRET })).not.toContain(CLIENT_SECRET);
    expect(messageOf({ ...base, apiUrl: `https://${CLIENT_SECRET}` })).not.toContain(CLIENT_SECRET);
    expect(
      messageOf({ ...base, tokenUrl: `https://u:${encodeURIComponent(CLIENT_SECRET)}@auth.test/` }),
    ).not.toMatch(/s3cr3t/);
  });
});
