import { isJsonObject } from './json-body.js';
import { VECTORCARE_SIGNATURE_HEADER, verifyVectorCareSignature } from './webhook-signature.js';
import type { VectorCareWebhookEvent } from './webhook-types.js';

/** Where an event stands against what the application already holds for its request. */
export interface AppliedMark {
  readonly eventId: string;
  readonly eventTimestamp: string;
}

/**
 * What the receiver remembers: which events were applied (by `event_id` + `service_request_id`, as
 * VectorCare advises) and the newest one applied per request. The default keeps it in memory; give one
 * backed by your database to survive restarts and to share it between instances.
 */
export interface WebhookReceiverStore {
  /** Whether this event was applied already. */
  applied(eventId: string, serviceRequestId: string): boolean | Promise<boolean>;
  /** The newest event applied for this request, if any. */
  latest(serviceRequestId: string): AppliedMark | undefined | Promise<AppliedMark | undefined>;
  /** Remembers an event as applied (and, if it is the newest, as the request's latest). */
  markApplied(event: VectorCareWebhookEvent): void | Promise<void>;
}

/** How the receiver answered one delivery. */
export type ReceiveResult =
  /** Verified, new and newer than what the application held: handed to `onEvent`. */
  | 'applied'
  /** Verified, but this event was applied before (a retry or a redelivery): acknowledged, not applied again. */
  | 'duplicate'
  /** Verified, but older than the request's latest (it arrived out of order): acknowledged, not applied. */
  | 'stale'
  /** No signature, not Base64, or not VectorCare's over these bytes: 401, never parsed. */
  | 'bad_signature'
  /** Signed, but not a JSON webhook envelope: 400. */
  | 'invalid'
  /** Over `maxBodyBytes`: 413. */
  | 'too_large'
  /** `onEvent` threw: 500, so VectorCare retries; nothing is remembered. */
  | 'failed';

export interface ReceiveOutcome {
  readonly status: 200 | 400 | 401 | 413 | 500;
  readonly result: ReceiveResult;
  /** The event, once verified and parsed. */
  readonly event?: VectorCareWebhookEvent;
}

export interface WebhookReceiverOptions {
  /** VectorCare's webhook public key, PEM, from Settings > Open API (or the mock's `/.well-known/...pem`). */
  readonly publicKeyPem: string;
  /**
   * Your application's handler: called once per new event, one at a time per request, never with an event
   * older than one already applied for that request. Keep it quick (queue the work): VectorCare counts an
   * answer after 10 s as a failure. A throw answers 500, so VectorCare sends the event again.
   */
  readonly onEvent: (event: VectorCareWebhookEvent) => void | Promise<void>;
  /** Default: in memory, the last 100,000 events and requests. */
  readonly store?: WebhookReceiverStore;
  /** Bodies over this are refused with 413; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** How a signature is checked; default `verifyVectorCareSignature` (WebCrypto). */
  readonly verifySignature?: (
    rawBody: Uint8Array,
    signatureHeader: string | null | undefined,
    publicKeyPem: string,
  ) => Promise<boolean>;
}

/** The bits of a node:http request the receiver reads (an `IncomingMessage` fits). */
export interface NodeRequestLike {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'error', listener: (error?: unknown) => void): unknown;
}

/** The bits of a node:http response the receiver writes (a `ServerResponse` fits). */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: string): unknown;
}

export interface WebhookReceiver {
  /** For Fetch-style servers (Deno, Bun, workers, Next.js route handlers, Hono): a `Request` in, a `Response` out. */
  handle(request: Request): Promise<Response>;
  /** For node:http (and Express, with no body parser before it on this route): `server.on('request', ...)`. */
  readonly nodeHandler: (request: NodeRequestLike, response: NodeResponseLike) => void;
  /** The core, for any other framework: the raw body and the signature header in, the answer to send out. */
  receive(rawBody: Uint8Array, signatureHeader: string | null | undefined): Promise<ReceiveOutcome>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const MEMORY_CAPACITY = 100_000;
const SIGNATURE = VECTORCARE_SIGNATURE_HEADER.toLowerCase();

/** Whether `a` is older than `b`: an earlier `event_timestamp`, or the same and a smaller `event_id`. */
function isOlder(a: AppliedMark, b: AppliedMark): boolean {
  const at = Date.parse(a.eventTimestamp);
  const bt = Date.parse(b.eventTimestamp);
  if (at !== bt) return at < bt;
  return a.eventId < b.eventId;
}

/** The default store: bounded maps, the oldest entries forgotten first. */
export function createMemoryReceiverStore(capacity = MEMORY_CAPACITY): WebhookReceiverStore {
  const applied = new Set<string>();
  const latest = new Map<string, AppliedMark>();
  const key = (eventId: string, serviceRequestId: string): string => `${eventId}\u0000${serviceRequestId}`;
  return {
    applied: (eventId, serviceRequestId) => applied.has(key(eventId, serviceRequestId)),
    latest: (serviceRequestId) => latest.get(serviceRequestId),
    markApplied(event) {
      applied.add(key(event.event_id, event.service_request_id));
      if (applied.size > capacity) applied.delete(applied.values().next().value as string);
      const mark = { eventId: event.event_id, eventTimestamp: event.event_timestamp };
      const held = latest.get(event.service_request_id);
      if (held === undefined || isOlder(held, mark)) {
        latest.delete(event.service_request_id);
        latest.set(event.service_request_id, mark);
        if (latest.size > capacity) latest.delete(latest.keys().next().value as string);
      }
    },
  };
}

/** The envelope, if the parsed body is one: the six fields with the right types. */
function envelopeOf(value: unknown): VectorCareWebhookEvent | undefined {
  if (!isJsonObject(value)) return undefined;
  const text = (name: string): boolean => typeof value[name] === 'string' && value[name] !== '';
  if (!text('event_id') || !text('service_request_id') || !text('action') || !text('request_status'))
    return undefined;
  if (typeof value['event_timestamp'] !== 'string' || Number.isNaN(Date.parse(value['event_timestamp'])))
    return undefined;
  const data = value['data'];
  if (data !== null && !isJsonObject(data)) return undefined;
  return value as VectorCareWebhookEvent;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

const answerBody = (outcome: ReceiveOutcome): string => JSON.stringify({ result: outcome.result });

/**
 * Creates a receiver for VectorCare's webhooks that does what VectorCare's docs ask of one: it verifies
 * the signature over the raw bytes before parsing anything (401 if it fails), de-duplicates on `event_id`
 * + `service_request_id`, and hands your application each event once, in order per request, ignoring one
 * older than the request's latest (it still answers 200, so VectorCare stops retrying it).
 *
 * @example
 * const receiver = createWebhookReceiver({ publicKeyPem, onEvent: (event) => queue.push(event) });
 * http.createServer(receiver.nodeHandler).listen(3000); // node:http
 * // or, Fetch-style: export default { fetch: (request) => receiver.handle(request) };
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const store = options.store ?? createMemoryReceiverStore();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const verify = options.verifySignature ?? verifyVectorCareSignature;
  // One chain per request: its events reach the application one at a time, in the order they arrived.
  const chains = new Map<string, Promise<unknown>>();

  async function apply(event: VectorCareWebhookEvent): Promise<ReceiveOutcome> {
    if (await store.applied(event.event_id, event.service_request_id))
      return { status: 200, result: 'duplicate', event };
    const held = await store.latest(event.service_request_id);
    if (
      held !== undefined &&
      isOlder({ eventId: event.event_id, eventTimestamp: event.event_timestamp }, held)
    )
      return { status: 200, result: 'stale', event };
    try {
      await options.onEvent(event);
    } catch {
      return { status: 500, result: 'failed', event };
    }
    await store.markApplied(event);
    return { status: 200, result: 'applied', event };
  }

  function inOrder(event: VectorCareWebhookEvent): Promise<ReceiveOutcome> {
    const id = event.service_request_id;
    const previous = chains.get(id) ?? Promise.resolve();
    const next = previous.then(() => apply(event));
    const tail = next.catch(() => undefined);
    chains.set(id, tail);
    void tail.then(() => {
      if (chains.get(id) === tail) chains.delete(id);
    });
    return next;
  }

  // Signatures are checked side by side, but their results are taken in arrival order, so events reach
  // their request's queue in the order they arrived, however the checks finish.
  let arrivals: Promise<unknown> = Promise.resolve();

  async function receive(
    rawBody: Uint8Array,
    signatureHeader: string | null | undefined,
  ): Promise<ReceiveOutcome> {
    if (rawBody.byteLength > maxBodyBytes) return { status: 413, result: 'too_large' };
    const check = verify(rawBody, signatureHeader, options.publicKeyPem);
    const inTurn = arrivals.then(() => check);
    arrivals = inTurn.catch(() => undefined);
    if (!(await inTurn)) return { status: 401, result: 'bad_signature' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(rawBody));
    } catch {
      return { status: 400, result: 'invalid' };
    }
    const event = envelopeOf(parsed);
    if (event === undefined) return { status: 400, result: 'invalid' };
    return inOrder(event);
  }

  async function readLimited(request: Request): Promise<Uint8Array | undefined> {
    const declared = Number(request.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBodyBytes) return undefined;
    if (request.body === null) return new Uint8Array(0);
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBodyBytes) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
    return concat(chunks, total);
  }

  return {
    receive,
    async handle(request) {
      const body = await readLimited(request);
      const outcome =
        body === undefined
          ? ({ status: 413, result: 'too_large' } as const)
          : await receive(body, request.headers.get(SIGNATURE));
      return new Response(answerBody(outcome), {
        status: outcome.status,
        headers: { 'content-type': 'application/json' },
      });
    },
    nodeHandler(request, response) {
      const chunks: Uint8Array[] = [];
      let total = 0;
      let answered = false;
      const send = (outcome: ReceiveOutcome): void => {
        if (answered) return;
        answered = true;
        response.writeHead(outcome.status, { 'content-type': 'application/json' });
        response.end(answerBody(outcome));
      };
      request.on('data', (chunk) => {
        total += chunk.byteLength;
        if (total > maxBodyBytes) send({ status: 413, result: 'too_large' });
        else chunks.push(chunk);
      });
      request.on('error', () => {
        answered = true; // the connection is gone: nothing to answer
      });
      request.on('end', () => {
        if (answered) return;
        const header = request.headers[SIGNATURE];
        void receive(concat(chunks, total), typeof header === 'string' ? header : undefined).then(send, () =>
          send({ status: 500, result: 'failed' }),
        );
      });
    },
  };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
