import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildWebhookEvent,
  loadTestOnlyWebhookKey,
  requestDataFixture,
  type WebhookEnvelope,
} from '../../mock-server/index.js';
import {
  compactBody,
  FORGERIES,
  forged,
  RESERIALIZATIONS,
  reserialized,
  withAccents,
} from './webhook-variants.js';

const at = Date.UTC(2026, 0, 15, 14, 30);
const envelope: WebhookEnvelope = buildWebhookEvent({
  eventId: '019bc2a1f5c0aaaaaaaaaaaaaaaaaaaa',
  eventTimestamp: new Date(at).toISOString(),
  serviceRequestId: 'VC-BSBBCY5Q',
  requestStatus: 'AVAILABLE',
  action: 'BROADCAST_RECEIVED',
  data: withAccents(requestDataFixture('VC-BSBBCY5Q', at)),
  createdAtMs: at,
}).envelope;
const key = await loadTestOnlyWebhookKey();
const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const verifies = (body: Buffer, signature: string | undefined): boolean =>
  signature !== undefined &&
  /^[A-Za-z0-9+/]+={0,2}$/.test(signature) &&
  verify('sha256', body, key.publicKey, Buffer.from(signature, 'base64'));

describe('the bodies of verifies-raw-bytes', () => {
  it.each(Object.keys(RESERIALIZATIONS))(
    '%s: the same JSON value in other bytes, signed over those bytes only',
    async (variant) => {
      const post = await reserialized(variant, envelope, key.privateKey);
      expect(JSON.parse(post.body.toString('utf8'))).toEqual(envelope);
      // What a receiver that re-serializes with JSON.stringify would compute instead:
      const reserializedByJs = Buffer.from(JSON.stringify(JSON.parse(post.body.toString('utf8'))), 'utf8');
      if (variant !== 'reordered-keys') expect(reserializedByJs.equals(post.body)).toBe(false);
      expect(post.body.equals(compactBody(envelope))).toBe(false);
      const signature = post.headers['X-VectorCare-Signature'];
      expect(verifies(post.body, signature)).toBe(true);
      expect(verifies(compactBody(envelope), signature)).toBe(false);
    },
  );

  it('writes names outside ASCII as \\u escapes in the unicode-escapes body, and as UTF-8 in the others', async () => {
    const escaped = (await reserialized('unicode-escapes', envelope, key.privateKey)).body.toString('utf8');
    expect(escaped).toContain('Th\\u00e9r\\u00e8se');
    expect([...escaped].every((character) => character.charCodeAt(0) < 0x80)).toBe(true);
    expect(compactBody(envelope).toString('utf8')).toContain('Thérèse');
  });
});

describe('the forgeries of rejects-bad-signature', () => {
  it.each(FORGERIES)("%s does not verify with VectorCare's key", async (forgery) => {
    const post = await forged(forgery, envelope, { vectorcare: key.privateKey, other });
    expect(verifies(post.body, post.headers['X-VectorCare-Signature'])).toBe(false);
    expect(post.headers['Content-Type']).toBe('application/json');
  });

  it('changes the tampered body after a genuine signature of the original bytes', async () => {
    const post = await forged('tampered-body', envelope, { vectorcare: key.privateKey, other });
    expect(verifies(compactBody(envelope), post.headers['X-VectorCare-Signature'])).toBe(true);
    expect(JSON.parse(post.body.toString('utf8'))).toMatchObject({
      request_status: 'ASSIGNED',
      action: 'BROADCAST_ACCEPTED',
    });
  });

  it('leaves the header out, or sends one with characters outside Base64', async () => {
    const keys = { vectorcare: key.privateKey, other };
    expect((await forged('missing-signature', envelope, keys)).headers).not.toHaveProperty(
      'X-VectorCare-Signature',
    );
    expect((await forged('not-base64', envelope, keys)).headers['X-VectorCare-Signature']).toMatch(
      /[^A-Za-z0-9+/=]/,
    );
  });
});
