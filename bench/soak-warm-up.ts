import type { MockStructures } from './server-process.js';
import type { ServerHandle } from './server-handle.js';
import type { SoakError } from './soak-client.js';

/** A client the soak created through the control API. */
export interface SoakCredentials {
  readonly id: string;
  readonly secret: string;
}

/** What the warm-up did before the measuring window. */
export interface WarmUpResult {
  readonly tokens: number;
  readonly hubCalls: number;
  readonly seconds: number;
  readonly structures: MockStructures;
}

/** Every `HUB_EVERY`th token is presented to the hub: twice the verifier's cache over a full ledger. */
const HUB_EVERY = 5;
/** Concurrent requests: enough to keep libuv's four signing threads busy, few enough to share 2 cores. */
const CONCURRENCY = 4;
const CHECK_EVERY = 2_000;

const isFull = (structures: MockStructures): boolean =>
  Object.values(structures).every((bound) => bound.size >= bound.capacity);

/**
 * Fills every bounded structure of the mock to its cap before the soak measures: the token ledger (by
 * issuing as many tokens as it keeps), the verifier's cache (by presenting a share of them to the hub) and
 * the recorder. At the soak's own pace the ledger would take hours to fill, so a soak that measured from
 * the start would report caches filling as growth.
 */
export async function fillBoundedStructures(
  server: ServerHandle,
  clients: readonly SoakCredentials[],
  onError: (error: SoakError) => void,
  onProgress: (structures: MockStructures) => void,
): Promise<WarmUpResult> {
  const started = Date.now();
  let tokens = 0;
  let hubCalls = 0;
  let structures = await readStructures(server);
  let nextCheck = CHECK_EVERY;
  let full = isFull(structures);

  async function worker(): Promise<void> {
    while (!full) {
      tokens += 1;
      const index = tokens;
      const client = clients[index % clients.length] as SoakCredentials;
      const token = await issueToken(server.tokenUrl, client, onError);
      if (token !== undefined && index % HUB_EVERY === 0) {
        hubCalls += 1;
        await presentToken(server.url, token, onError);
      }
      if (tokens >= nextCheck) {
        nextCheck += CHECK_EVERY;
        structures = await readStructures(server);
        full = isFull(structures);
        onProgress(structures);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { tokens, hubCalls, seconds: (Date.now() - started) / 1000, structures };
}

async function readStructures(server: ServerHandle): Promise<MockStructures> {
  const { structures } = await server.stats();
  if (structures === null) throw new Error('the server reports no bounded structures');
  return structures;
}

async function issueToken(
  tokenUrl: string,
  client: SoakCredentials,
  onError: (error: SoakError) => void,
): Promise<string | undefined> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: client.secret,
    }),
  });
  const text = await response.text();
  if (response.status !== 200) {
    onError({ what: `warm-up token ${response.status}`, detail: text.slice(0, 200) });
    return undefined;
  }
  return (JSON.parse(text) as { access_token: string }).access_token;
}

async function presentToken(
  baseUrl: string,
  token: string,
  onError: (error: SoakError) => void,
): Promise<void> {
  const response = await fetch(`${baseUrl}/openapi/v2.0/requests/KP-SOAK0001/state/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'en_route', timestamp: new Date(Date.now() - 60_000).toISOString() }),
  });
  const text = await response.text();
  if (response.status !== 201)
    onError({ what: `warm-up hub ${response.status}`, detail: text.slice(0, 200) });
}
