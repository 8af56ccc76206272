import { STATUS_CODES } from 'node:http';
import type { WebhookHarEntry } from '../webhooks/delivery-har.js';
import type { Recording } from './recording-json.js';

/** A name/value pair, as HAR 1.2 lists headers, query parameters and form fields. */
export interface HarPair {
  readonly name: string;
  readonly value: string;
}

/** The HAR 1.2 entry the mock writes; `_vectorcare` carries what HAR has no field for. */
export interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly httpVersion: string;
    readonly cookies: readonly HarPair[];
    readonly headers: readonly HarPair[];
    readonly queryString: readonly HarPair[];
    readonly postData?: {
      readonly mimeType: string;
      readonly text?: string;
      readonly params?: readonly HarPair[];
    };
    readonly headersSize: number;
    readonly bodySize: number;
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly cookies: readonly HarPair[];
    readonly headers: readonly HarPair[];
    readonly content: { readonly size: number; readonly mimeType: string; readonly comment?: string };
    readonly redirectURL: string;
    readonly headersSize: number;
    readonly bodySize: number;
  };
  readonly cache: Record<string, never>;
  readonly timings: { readonly send: number; readonly wait: number; readonly receive: number };
  readonly comment?: string;
  readonly _vectorcare: Omit<Recording, 'time' | 'time_ms' | 'duration_ms' | 'method' | 'path' | 'status'>;
}

export interface Har {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    /** Exchanges with the mock, and the mock's webhook delivery attempts (`_vectorcare.kind`). */
    readonly entries: readonly (HarEntry | WebhookHarEntry)[];
    readonly comment?: string;
  };
}

export interface HarOptions {
  /** The origin the exchanges were served on, e.g. `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  readonly creator: { readonly name: string; readonly version: string };
}

/** What stands in for a secret: HAR viewers show the header or field was sent, not its value. */
export const REDACTED = '[redacted]';

function requestHeaders(recording: Recording): HarPair[] {
  const headers: HarPair[] = [];
  const auth = recording.auth_method;
  if (auth === 'client_secret_basic' || auth === 'both')
    headers.push({ name: 'Authorization', value: `Basic ${REDACTED}` });
  if (auth === 'bearer') headers.push({ name: 'Authorization', value: `Bearer ${REDACTED}` });
  if (auth === 'other') headers.push({ name: 'Authorization', value: REDACTED });
  if (recording.content_type !== null) headers.push({ name: 'Content-Type', value: recording.content_type });
  return headers;
}

function postData(recording: Recording): HarEntry['request']['postData'] {
  const mimeType = recording.content_type ?? '';
  if (recording.endpoint === 'token') {
    const params: HarPair[] = [];
    if (recording.grant_type !== null && recording.grant_type !== undefined)
      params.push({ name: 'grant_type', value: recording.grant_type });
    if (recording.auth_method === 'client_secret_post' || recording.auth_method === 'both') {
      if (recording.client_id !== null) params.push({ name: 'client_id', value: recording.client_id });
      params.push({ name: 'client_secret', value: REDACTED });
    }
    return params.length === 0 ? undefined : { mimeType, params };
  }
  if (recording.request_body === null || recording.request_body === undefined) return undefined;
  return {
    mimeType: mimeType === '' ? 'application/json' : mimeType,
    text: JSON.stringify(recording.request_body),
  };
}

function toEntry(recording: Recording, baseUrl: string): HarEntry {
  const { time, time_ms: _timeMs, duration_ms, method, path, status, ...facts } = recording;
  const queryKeys = recording.query_keys ?? [];
  // Query values are never recorded (they may hold credentials); the names are kept.
  const queryString = queryKeys.map((name) => ({ name, value: REDACTED }));
  const search =
    queryString.length === 0
      ? ''
      : `?${queryString.map(({ name }) => `${encodeURIComponent(name)}=${REDACTED}`).join('&')}`;
  const body = postData(recording);
  return {
    startedDateTime: time,
    time: duration_ms,
    request: {
      method,
      url: `${baseUrl}${path}${search}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: requestHeaders(recording),
      queryString,
      ...(body === undefined ? {} : { postData: body }),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status,
      statusText: status === 0 ? '' : (STATUS_CODES[status] ?? ''),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'application/json', comment: 'Response bodies are not recorded.' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: duration_ms, receive: 0 },
    ...(status === 0 ? { comment: 'The connection was dropped without an answer (fault).' } : {}),
    _vectorcare: facts,
  };
}

/**
 * Exports recordings as HAR 1.2 for any HAR viewer. Secrets never appear: Basic credentials, client
 * secrets and query values are replaced by `[redacted]`; tokens are identified by their `jti` only.
 */
export function toHar(recordings: readonly Recording[], options: HarOptions): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: options.creator.name, version: options.creator.version },
      entries: recordings.map((recording) => toEntry(recording, options.baseUrl)),
    },
  };
}
