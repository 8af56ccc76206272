import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { DEMO_CLIENT, TOKEN_PATH } from '../../../mock-server/options.js';

type Fetch = (request: Request) => Promise<Response>;

/**
 * Throws unless the mock still does its job: the demo client gets a 200 token that verifies against the
 * mock's own JWKS at `now()` (the mock clock, when a test pinned it). Fuzz and fault tests end
 * with this, so a run that left the server broken fails.
 */
export async function assertServesValidToken(
  fetchFn: Fetch,
  origin: string,
  now: () => number = Date.now,
): Promise<void> {
  const response = await fetchFn(
    new Request(`${origin}${TOKEN_PATH}`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO_CLIENT.clientId,
        client_secret: DEMO_CLIENT.clientSecret,
      }),
    }),
  );
  if (response.status !== 200)
    throw new Error(`token request got ${response.status}: ${await response.text()}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  const jwks = (await (
    await fetchFn(new Request(`${origin}/.well-known/jwks.json`))
  ).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
    algorithms: ['RS256'],
    currentDate: new Date(now()),
    // nbf is the fractional issue time and jose floors the current time (docs/fidelity.md).
    clockTolerance: 1,
  });
  if (payload.sub !== DEMO_CLIENT.clientId) throw new Error(`token for ${String(payload.sub)}`);
}
