import type { AdapterInfo } from '../report/report-types.js';
import type { LineMessage } from './line-session.js';

/** The ready message of a webhook receiver adapter (DESIGN.md §8): where the receiver listens. */
export interface ReceiverInfo extends AdapterInfo {
  readonly role: 'webhook-receiver';
  /** Where the kit POSTs deliveries; absent for an in-process receiver, which is handed them directly. */
  readonly url?: string;
}

/** The adapter's word that the application applied an event: its business effect happened. */
export interface AppliedMessage {
  readonly event_id: string;
  readonly service_request_id: string;
  readonly action: string;
  readonly request_status: string;
}

/** What the application holds for a request, as the adapter answers a state query. */
export interface ReceiverState {
  /** null when the application holds nothing for the request. */
  readonly request_status: string | null;
  readonly action: string | null;
  readonly event_id: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Checks a receiver's ready fields; `url` is required when `needsUrl` (a process listening on a socket).
 * Returns the problem, or undefined when it is valid.
 */
export function receiverReadyProblem(
  message: Record<string, unknown>,
  needsUrl: boolean,
): string | undefined {
  if (message['role'] !== 'webhook-receiver')
    return `ready needs "role":"webhook-receiver" (got ${JSON.stringify(message['role'] ?? null)}; a client adapter is certified with --adapter)`;
  if (!nonEmpty(message['name'])) return 'ready needs a non-empty "name"';
  if (typeof message['version'] !== 'string') return 'ready needs a string "version"';
  if (message['library'] !== undefined && typeof message['library'] !== 'string')
    return 'ready "library" must be a string';
  if (!needsUrl) return undefined;
  const url = message['url'];
  if (typeof url !== 'string') return 'ready needs the "url" the receiver listens on';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `ready "url" is not an absolute URL: ${JSON.stringify(url)}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `ready "url" must be http:// or https://, got ${JSON.stringify(url)}`;
  return undefined;
}

/** Checks an applied message's fields; returns the problem, or undefined when it is valid. */
export function appliedProblem(message: Record<string, unknown>): string | undefined {
  for (const field of ['event_id', 'service_request_id', 'action', 'request_status'])
    if (!nonEmpty(message[field])) return `applied needs a non-empty string "${field}"`;
  return undefined;
}

/** Reads a state answer's fields (without `type` and `id`); a problem, or the state. */
export function readState(message: Record<string, unknown>): ReceiverState | string {
  const status = message['request_status'];
  if (status !== null && !nonEmpty(status))
    return 'state needs "request_status": a string, or null when the application holds nothing';
  const optional = (field: string): string | null | { problem: string } => {
    const value = message[field];
    if (value === undefined || value === null) return null;
    return nonEmpty(value) ? value : { problem: `state "${field}" must be a string or null` };
  };
  const action = optional('action');
  const eventId = optional('event_id');
  if (typeof action === 'object' && action !== null) return action.problem;
  if (typeof eventId === 'object' && eventId !== null) return eventId.problem;
  return { request_status: status, action, event_id: eventId };
}

/**
 * Parses one stdout line of the webhook receiver protocol v1 (DESIGN.md §8): `ready`, `applied` (sent on
 * the adapter's own), and `state` answers by id.
 */
export function parseReceiverLine(line: string): LineMessage<ReceiverInfo, ReceiverState, AppliedMessage> {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return { kind: 'invalid', problem: 'not JSON' };
  }
  if (!isRecord(message)) return { kind: 'invalid', problem: 'not a JSON object' };
  const type = message['type'];
  if (type === 'ready') {
    const problem = receiverReadyProblem(message, true);
    return problem === undefined
      ? { kind: 'ready', info: { ...message, type: 'ready' } as ReceiverInfo }
      : { kind: 'invalid', problem };
  }
  if (type === 'applied') {
    const problem = appliedProblem(message);
    if (problem !== undefined) return { kind: 'invalid', problem };
    return {
      kind: 'note',
      note: {
        event_id: message['event_id'] as string,
        service_request_id: message['service_request_id'] as string,
        action: message['action'] as string,
        request_status: message['request_status'] as string,
      },
    };
  }
  if (type === 'state') {
    if (typeof message['id'] !== 'string')
      return { kind: 'invalid', problem: 'state needs the string "id" of its query' };
    const state = readState(message);
    return typeof state === 'string'
      ? { kind: 'invalid', problem: state }
      : { kind: 'reply', id: message['id'], reply: state };
  }
  return { kind: 'invalid', problem: `unknown message type ${JSON.stringify(type ?? null)}` };
}

/** The kit's state query, one line. */
export const stateQueryLine = (id: string, serviceRequestId: string): string =>
  `${JSON.stringify({ type: 'state', id, service_request_id: serviceRequestId })}\n`;
