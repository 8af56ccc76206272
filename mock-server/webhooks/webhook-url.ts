import { WebhookInputError } from './webhook-input-error.js';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Checks a subscription URL: absolute, `http:` or `https:`, with a host, at most 2048 characters, and no
 * `user:password@` (the URL is shown in recordings, the HAR and the banner, where a password must not be).
 * Returns it normalized (`new URL().href`); throws a `WebhookInputError` naming `field` otherwise.
 */
export function checkWebhookUrl(value: unknown, field = 'url'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_WEBHOOK_URL_LENGTH)
    throw new WebhookInputError(field, `must be a URL of 1 to ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WebhookInputError(field, 'is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookInputError(field, 'must be an http:// or https:// URL');
  if (url.hostname === '') throw new WebhookInputError(field, 'has no host');
  if (url.username !== '' || url.password !== '')
    throw new WebhookInputError(field, 'must not carry user:password@ (it would be shown in recordings)');
  return url.href;
}
