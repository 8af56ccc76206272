import type { ExchangeEvent } from '../../mock-server/index.js';
import type { Evidence } from '../report/report-types.js';
import type { KitCall } from './kit-call.js';

/** A token request the mock recorded for the scenario's client. */
export interface ObservedToken {
  /** T1, T2, ... in order of request, for evidence. */
  readonly label: string;
  readonly seq: number;
  /** When the mock received the request, epoch ms by its clock. */
  readonly atMs: number;
  /** When the mock sent its answer (a held-back answer: once released), epoch ms by its clock. */
  readonly answeredAtMs: number;
  readonly status: number;
  readonly jti: string | null;
  readonly expiresIn: number | null;
  /** When the token issued expires; null when none was issued. */
  readonly expiresAtMs: number | null;
  readonly method: string;
  /** The Content-Type header as sent, or null. */
  readonly contentType: string | null;
  /** How the client authenticated: client_secret_post, client_secret_basic, both, none. */
  readonly authMethod: string | null;
  readonly grantType: string | null;
  /** The names of the query parameters (values are never recorded). */
  readonly queryKeys: readonly string[];
  /** True when client credentials were in the query string. */
  readonly credentialsInQuery: boolean;
  /** The OAuth2 error answered, or null. */
  readonly error: string | null;
  /** The fault the kit injected into this request, or null. */
  readonly fault: string | null;
}

/** A hub call the mock recorded on the scenario's paths or with its client's token. */
export interface ObservedApiCall {
  readonly seq: number;
  readonly atMs: number;
  /** The kit's call this request was made for (by its unique path); null when unknown. */
  readonly callId: string | null;
  readonly status: number;
  readonly jti: string | null;
  readonly tokenCheck: string | null;
  readonly method: string;
  readonly path: string;
  /** The names of the query parameters (values are never recorded). */
  readonly queryKeys: readonly string[];
  /** The JSON body as the mock recorded it (secret-looking keys redacted), or null. */
  readonly requestBody: unknown;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const shortJti = (jti: string | null): string => (jti === null ? 'none' : `${jti.slice(0, 8)}`);

/**
 * What the mock recorded for one scenario, and only that: token requests of its client, and hub calls on
 * its paths (or presenting its tokens). Verdicts are judged from this, never from what the adapter says.
 */
export class Observation {
  readonly tokens: readonly ObservedToken[];
  readonly apiCalls: readonly ObservedApiCall[];
  readonly calls: readonly KitCall[];
  /** Scenario start, epoch ms by the mock's clock; timeline times are relative to it. */
  readonly t0: number;

  constructor(events: readonly ExchangeEvent[], calls: readonly KitCall[], t0: number) {
    this.calls = calls;
    this.t0 = t0;
    const callIdByRequestId = new Map(calls.map((call) => [call.requestId, call.id]));
    let label = 0;
    const tokens: ObservedToken[] = [];
    const apiCalls: ObservedApiCall[] = [];
    for (const event of events) {
      if (event.kind === 'token') {
        label += 1;
        tokens.push({
          label: `T${label}`,
          seq: event.seq,
          atMs: event.atMs,
          answeredAtMs: event.atMs + event.durationMs,
          status: event.status,
          jti: event.jtiIssued,
          expiresIn: event.expiresIn,
          expiresAtMs:
            event.jtiIssued === null || event.expiresIn === null ? null : event.atMs + event.expiresIn * 1000,
          method: event.method,
          contentType: event.contentType,
          authMethod: event.authMethod,
          grantType: event.grantType,
          queryKeys: event.queryKeys,
          credentialsInQuery: event.credentialsInQuery,
          error: event.error,
          fault: event.fault,
        });
      } else {
        apiCalls.push({
          seq: event.seq,
          atMs: event.atMs,
          callId: callIdByRequestId.get(requestIdOf(event.path) ?? '') ?? null,
          status: event.status,
          jti: event.jtiPresented,
          tokenCheck: event.tokenCheck,
          method: event.method,
          path: event.path,
          queryKeys: event.queryKeys,
          requestBody: event.requestBody,
        });
      }
    }
    this.tokens = tokens;
    this.apiCalls = apiCalls;
  }

  /** Tokens actually issued (status 200). */
  get issued(): readonly ObservedToken[] {
    return this.tokens.filter((token) => token.jti !== null);
  }

  /** True when the adapter's client reached the mock at all. */
  get anyTraffic(): boolean {
    return this.tokens.length > 0 || this.apiCalls.length > 0;
  }

  tokenOf(jti: string | null): ObservedToken | undefined {
    return jti === null ? undefined : this.tokens.find((token) => token.jti === jti);
  }

  /** The hub requests made for one of the kit's calls, in order. */
  requestsFor(call: KitCall): readonly ObservedApiCall[] {
    return this.apiCalls.filter((apiCall) => apiCall.callId === call.id);
  }

  /** Token requests recorded after `first` and before `second` (by order, which holds in virtual time too). */
  tokensBetween(first: { readonly seq: number }, second: { readonly seq: number }): readonly ObservedToken[] {
    return this.tokens.filter((token) => token.seq > first.seq && token.seq < second.seq);
  }

  /** Evidence for a token request, its time relative to the scenario start. */
  tokenEvidence(token: ObservedToken): Evidence {
    const outcome =
      token.jti === null
        ? `answered ${token.status}${token.error === null ? '' : ` ${token.error}`}${token.fault === null ? '' : ` (fault ${token.fault})`}`
        : `issued jti ${shortJti(token.jti)} (expires_in ${token.expiresIn} s)`;
    return {
      at_ms: token.atMs - this.t0,
      text: `token request ${token.label}: ${token.method} ${token.contentType ?? 'no content type'}, auth ${token.authMethod ?? 'none'}${token.credentialsInQuery ? ', credentials in the query string' : ''}; ${outcome}`,
    };
  }

  /** Where `atMs` falls in a token's life: "2.41 s (40%) into T1". */
  lifePosition(token: ObservedToken, atMs: number): string {
    const age = atMs - token.atMs;
    const percent =
      token.expiresIn === null ? '' : ` (${Math.round((age / (token.expiresIn * 1000)) * 100)}%)`;
    return `${seconds(age)}${percent} into ${token.label}`;
  }

  /** Evidence for a hub call: which token it carried, where in that token's life, and the mock's answer. */
  apiCallEvidence(apiCall: ObservedApiCall, note = ''): Evidence {
    const token = this.tokenOf(apiCall.jti);
    const carried =
      apiCall.jti === null
        ? 'no token'
        : token === undefined
          ? `jti ${shortJti(apiCall.jti)} (not issued to this client)`
          : `${token.label} (jti ${shortJti(apiCall.jti)}) at ${this.lifePosition(token, apiCall.atMs)}`;
    const call = apiCall.callId === null ? 'hub call' : `call ${apiCall.callId}`;
    const check =
      apiCall.tokenCheck === null || apiCall.tokenCheck === 'valid' ? '' : `, token ${apiCall.tokenCheck}`;
    return {
      at_ms: apiCall.atMs - this.t0,
      text: `${call}: ${apiCall.method} ${apiCall.path} carried ${carried} → ${apiCall.status}${check}${note === '' ? '' : `; ${note}`}`,
    };
  }

  /** Every recorded exchange as evidence, in order. */
  allEvidence(): Evidence[] {
    const items: { seq: number; evidence: Evidence }[] = [
      ...this.tokens.map((token) => ({ seq: token.seq, evidence: this.tokenEvidence(token) })),
      ...this.apiCalls.map((apiCall) => ({ seq: apiCall.seq, evidence: this.apiCallEvidence(apiCall) })),
    ];
    return items.sort((a, b) => a.seq - b.seq).map((item) => item.evidence);
  }
}

/** The request id in a hub path such as `/openapi/v2.0/requests/KP-X-1/state/`. */
export function requestIdOf(path: string): string | undefined {
  return /\/requests\/([^/]+)\//.exec(path)?.[1];
}
