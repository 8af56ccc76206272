import { describe, expect, it } from 'vitest';
import { parseBasicCredentials } from './basic-credentials.js';

const basic = (pair: string): string => `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;

describe('parseBasicCredentials', () => {
  it('is undefined without a header or for another scheme', () => {
    expect(parseBasicCredentials(null)).toBeUndefined();
    expect(parseBasicCredentials('Bearer abc')).toBeUndefined();
    expect(parseBasicCredentials('Basicabc')).toBeUndefined();
  });

  it('is null for a Basic credential that cannot be read', () => {
    expect(parseBasicCredentials('Basic')).toBeNull();
    expect(parseBasicCredentials('Basic !!!')).toBeNull();
    expect(parseBasicCredentials('Basic a')).toBeNull();
    expect(parseBasicCredentials(basic('no-colon'))).toBeNull();
  });

  it('reads the scheme in any case, with extra spaces, and unpadded base64', () => {
    const expected = { candidates: [{ clientId: 'id', clientSecret: 'secret' }] };
    expect(parseBasicCredentials(`bAsIc   ${Buffer.from('id:secret').toString('base64')}  `)).toStrictEqual(
      expected,
    );
    expect(
      parseBasicCredentials(`Basic ${Buffer.from('id:secret1').toString('base64').replace(/=+$/, '')}`),
    ).toStrictEqual({ candidates: [{ clientId: 'id', clientSecret: 'secret1' }] });
  });

  it('splits at the first colon: the secret may hold colons', () => {
    expect(parseBasicCredentials(basic('id:a:b:c'))).toStrictEqual({
      candidates: [{ clientId: 'id', clientSecret: 'a:b:c' }],
    });
  });

  it('offers the form-decoded pair first, then the pair as sent (RFC 6749 §2.3.1 or not)', () => {
    expect(parseBasicCredentials(basic('urn%3Aacme:p%40ss+word'))).toStrictEqual({
      candidates: [
        { clientId: 'urn:acme', clientSecret: 'p@ss word' },
        { clientId: 'urn%3Aacme', clientSecret: 'p%40ss+word' },
      ],
    });
  });

  it('offers only the pair as sent when it cannot be form-decoded', () => {
    expect(parseBasicCredentials(basic('id:100% sure'))).toStrictEqual({
      candidates: [{ clientId: 'id', clientSecret: '100% sure' }],
    });
  });

  it('keeps UTF-8 secrets', () => {
    expect(parseBasicCredentials(basic('id:pässwörd'))).toStrictEqual({
      candidates: [{ clientId: 'id', clientSecret: 'pässwörd' }],
    });
  });
});
