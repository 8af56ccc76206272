import type { components } from '../../generated/openapi.js';
import { PACKAGE_INFO } from '../../shared/package-info.js';
import type { Clock } from '../clock.js';
import type { Fault, FaultRequest } from '../faults/fault-queue.js';
import type { MockContext } from '../mock-context.js';
import type { RecorderQuery } from '../recorder/recorder.js';
import { deliveryHarEntry } from '../webhooks/delivery-har.js';
import { toHar, type Har } from './har.js';
import { toRecordings, type Recording } from './recording-json.js';
import { createWebhookOperations, type WebhookOperations } from './webhook-operations.js';

/** The clock as `GET /__control/clock` serves it. */
export type ClockStateBody = components['schemas']['ClockState'];
/** One clock change, as `POST /__control/clock` takes it: exactly one field. */
export type ClockChange = components['schemas']['ClockRequest'];
/** Recordings with the ring buffer's bookkeeping, as `GET /__control/recordings` serves them. */
export type RecordingList = components['schemas']['RecordingList'];

export interface CreateClientInput {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Token lifetime in seconds; default the server's default. */
  readonly expiresIn?: number;
}

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresIn: number;
}

/** The client id asked for is taken. */
export class ClientExistsError extends Error {
  constructor(readonly clientId: string) {
    super(`a client with this client_id already exists`);
    this.name = 'ClientExistsError';
  }
}

/** Steering and inspection, the same operations the HTTP control API exposes. */
export interface ControlOperations {
  readonly clock: Clock;
  /** Creates an isolated client; id and secret are random unless given. */
  createClient(input?: CreateClientInput): ClientCredentials;
  /** Revokes one token by its `jti`; returns how many live tokens were revoked (0 or 1). */
  revokeToken(jti: string): number;
  /** Revokes every token issued to the client so far; returns how many were live. */
  revokeClient(clientId: string): number;
  addFault(fault: FaultRequest): Fault;
  listFaults(): Fault[];
  clearFaults(): void;
  /** The recorded token requests and hub calls in the wire shape (`mock.recorder` has them as domain events). */
  recordings(query?: RecorderQuery): Recording[];
  /** The recordings with how many were pushed out of the buffer and its capacity. */
  recordingList(query?: RecorderQuery): RecordingList;
  /** The recordings as HAR 1.2, secrets redacted, with every webhook delivery attempt among them. */
  har(query?: Pick<RecorderQuery, 'clientId'>): Har;
  /** The clock's state in the wire shape. */
  clockState(): ClockStateBody;
  /**
   * Changes the clock: `{offset_ms}` runs at an offset from real time, `{frozen_at}` (ISO 8601 or epoch ms)
   * stops it, `{advance_ms}` moves it forward, `{real: true}` follows real time again. Returns the new state.
   */
  setClock(change: ClockChange): ClockStateBody;
  /**
   * Forgets created clients, revocations, faults, recordings, webhook events, deliveries and the
   * subscriptions made at run time (configured ones stay); cancels pending retries; the clock follows
   * real time again.
   */
  reset(): void;
  /** The webhook sender: subscriptions, events, redelivery, deliveries. */
  readonly webhooks: WebhookOperations;
}

export interface ControlOperationsOptions {
  /** The origin HAR entries name; default the issuer (the server's base URL unless configured). */
  readonly baseUrl?: () => string;
}

/** The steering and inspection operations over one mock's shared state. */
export function createControlOperations(
  context: MockContext,
  options: ControlOperationsOptions = {},
): ControlOperations {
  const baseUrl = options.baseUrl ?? (() => context.issuer);
  const clockState = (): ClockStateBody => {
    const state = context.clock.state();
    return {
      mode: state.mode,
      now: new Date(state.nowMs).toISOString(),
      now_ms: state.nowMs,
      offset_ms: state.offsetMs,
    };
  };
  return {
    clock: context.clock,
    createClient(input = {}) {
      const credentials: ClientCredentials = {
        clientId: input.clientId ?? `client-${context.randomId()}`,
        clientSecret: input.clientSecret ?? context.randomSecret(),
        expiresIn: input.expiresIn ?? context.defaultExpiresIn,
      };
      if (!context.clients.add(credentials)) throw new ClientExistsError(credentials.clientId);
      return credentials;
    },
    revokeToken: (jti) => context.ledger.revokeJti(jti),
    revokeClient: (clientId) => context.ledger.revokeClient(clientId),
    addFault: (fault) => context.faults.add(fault),
    listFaults: () => context.faults.list(),
    clearFaults: () => context.faults.clear(),
    recordings: (query) => toRecordings(context.recorder.list(query)),
    recordingList: (query) => ({
      recordings: toRecordings(context.recorder.list(query)),
      dropped: context.recorder.dropped,
      capacity: context.recorder.capacity,
    }),
    har(query = {}) {
      const har = toHar(toRecordings(context.recorder.list(query)), {
        baseUrl: baseUrl(),
        creator: { name: PACKAGE_INFO.name, version: PACKAGE_INFO.version },
      });
      const attempts = context.recorder
        .deliveries()
        .filter((attempt) => query.clientId === undefined || attempt.clientId === query.clientId);
      if (attempts.length === 0) return har;
      return { log: { ...har.log, entries: mergeByTime(har.log.entries, attempts.map(deliveryHarEntry)) } };
    },
    clockState,
    setClock(change) {
      if (change.offset_ms !== undefined) context.clock.setOffset(change.offset_ms);
      else if (change.advance_ms !== undefined) context.clock.advance(change.advance_ms);
      else if (change.real === true) context.clock.useReal();
      else if (change.frozen_at !== undefined)
        context.clock.freeze(
          typeof change.frozen_at === 'number' ? change.frozen_at : Date.parse(change.frozen_at),
        );
      return clockState();
    },
    reset() {
      context.clients.reset();
      context.ledger.clear();
      context.faults.clear();
      context.recorder.clear();
      context.webhooks.reset();
      context.clock.useReal();
    },
    webhooks: createWebhookOperations(context),
  };
}

/**
 * Two lists each in its own order, merged by start time (the exchanges first on a tie), so the HAR reads as
 * a timeline without reordering either list.
 */
function mergeByTime<A extends { startedDateTime: string }, B extends { startedDateTime: string }>(
  first: readonly A[],
  second: readonly B[],
): (A | B)[] {
  const out: (A | B)[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    const a = first[i];
    const b = second[j];
    if (
      b === undefined ||
      (a !== undefined && Date.parse(a.startedDateTime) <= Date.parse(b.startedDateTime))
    ) {
      out.push(a as A);
      i += 1;
    } else {
      out.push(b);
      j += 1;
    }
  }
  return out;
}
