import type { Hono } from 'hono';
import type { MockEnv } from './bindings.js';
import type { MockContext } from '../mock-context.js';
import { TOKEN_PATH } from '../options.js';
import type { components } from '../../generated/openapi.js';

type Metadata = components['schemas']['AuthorizationServerMetadata'];

/** Where the public key that verifies webhook signatures is served (DESIGN §7). */
export const WEBHOOK_PUBLIC_KEY_PATH = '/.well-known/vectorcare-webhook-public-key.pem';

/**
 * `GET /.well-known/jwks.json`, `GET /.well-known/oauth-authorization-server` (RFC 8414), and the webhook
 * public key, PEM.
 */
export function registerWellKnownRoutes(app: Hono<MockEnv>, context: MockContext): void {
  const jwks = JSON.stringify({ keys: [context.key.publicJwk] });

  app.get('/.well-known/jwks.json', function jwksDocument(c) {
    return c.body(jwks, 200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' });
  });

  const webhookPem = context.webhookKey.publicKeyPem;
  app.get(WEBHOOK_PUBLIC_KEY_PATH, function webhookPublicKey(c) {
    return c.body(webhookPem, 200, {
      'content-type': 'application/x-pem-file',
      'cache-control': 'public, max-age=300',
    });
  });

  app.get('/.well-known/oauth-authorization-server', function metadataDocument(c) {
    const origin = new URL(c.req.url).origin;
    const metadata: Metadata = {
      issuer: context.issuer,
      token_endpoint: `${origin}${TOKEN_PATH}`,
      jwks_uri: `${origin}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      // RFC 8414 §2 requires the member; with no authorization endpoint the server supports no response type.
      response_types_supported: [],
    };
    return c.json(metadata);
  });
}
