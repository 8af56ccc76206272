import type { components } from '../../generated/openapi.js';
import { invalidField } from '../errors/control-error.js';
import type { FaultRequest } from '../faults/fault-queue.js';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../wire/json-depth.js';
import type { CreateClientInput } from './control-operations.js';
import { objectWith, type JsonObject } from './object-with.js';

type Schemas = components['schemas'];
export type ClockRequest = Schemas['ClockRequest'];
export type RevokeRequest = { readonly jti: string } | { readonly client_id: string };

function optionalString(body: JsonObject, field: string, maxLength: number): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength)
    throw invalidField(field, `must be a string of 1 to ${maxLength} characters`);
  return value;
}

function optionalInteger(body: JsonObject, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalidField(field, `must be an integer from ${min} to ${max}`);
  return value;
}

function optionalFinite(body: JsonObject, field: string, min = -Number.MAX_VALUE): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
    throw invalidField(field, min === 0 ? 'must be a finite number, 0 or more' : 'must be a finite number');
  return value;
}

/** `POST /__control/clients`. */
export function parseCreateClient(body: unknown): CreateClientInput {
  const fields = objectWith(body ?? {}, ['client_id', 'client_secret', 'expires_in']);
  const clientId = optionalString(fields, 'client_id', 200);
  const clientSecret = optionalString(fields, 'client_secret', 500);
  const expiresIn = optionalInteger(fields, 'expires_in', 1, 31_536_000);
  return {
    ...(clientId === undefined ? {} : { clientId }),
    ...(clientSecret === undefined ? {} : { clientSecret }),
    ...(expiresIn === undefined ? {} : { expiresIn }),
  };
}

/** `POST /__control/tokens/revoke`: exactly one of `jti` and `client_id`. */
export function parseRevoke(body: unknown): RevokeRequest {
  const fields = objectWith(body, ['jti', 'client_id']);
  const jti = optionalString(fields, 'jti', 500);
  const clientId = optionalString(fields, 'client_id', 200);
  if ((jti === undefined) === (clientId === undefined))
    throw invalidField(jti === undefined ? 'jti' : 'client_id', 'give exactly one of jti and client_id');
  return jti !== undefined ? { jti } : { client_id: clientId as string };
}

const FAULT_KINDS: readonly Schemas['FaultKind'][] = [
  'token_response',
  'delay',
  'drop_connection',
  'hub_unauthorized',
  'rate_limit',
  'lifetime',
];

/** Which optional fields each kind takes, and which targets it applies to. */
const FAULT_RULES: Record<Schemas['FaultKind'], { targets: readonly string[]; fields: readonly string[] }> = {
  token_response: { targets: ['token'], fields: ['status', 'body'] },
  delay: { targets: ['token', 'hub'], fields: ['delay_ms'] },
  drop_connection: { targets: ['token', 'hub'], fields: [] },
  hub_unauthorized: { targets: ['hub'], fields: [] },
  rate_limit: { targets: ['token', 'hub'], fields: ['retry_after'] },
  lifetime: { targets: ['token'], fields: ['expires_in'] },
};

/** `POST /__control/faults`: a kind valid for its target, with only the fields that kind uses. */
export function parseFault(body: unknown): FaultRequest {
  const fields = objectWith(body, [
    'target',
    'kind',
    'client_id',
    'count',
    'status',
    'body',
    'delay_ms',
    'retry_after',
    'expires_in',
  ]);
  const { target, kind } = fields;
  if (target !== 'token' && target !== 'hub') throw invalidField('target', 'must be "token" or "hub"');
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind))
    throw invalidField('kind', `must be one of ${FAULT_KINDS.join(', ')}`);
  const rule = FAULT_RULES[kind as Schemas['FaultKind']];
  if (!rule.targets.includes(target))
    throw invalidField('kind', `${kind} applies only to target ${rule.targets.join(' or ')}`);
  for (const field of ['status', 'body', 'delay_ms', 'retry_after', 'expires_in'])
    if (fields[field] !== undefined && !rule.fields.includes(field))
      throw invalidField(field, `is not used by a ${kind} fault`);
  if (kind === 'delay' && fields['delay_ms'] === undefined)
    throw invalidField('delay_ms', 'is required with delay');
  if (kind === 'lifetime' && fields['expires_in'] === undefined)
    throw invalidField('expires_in', 'is required with lifetime');
  if (exceedsJsonDepth(fields['body']))
    throw invalidField('body', `nests deeper than ${MAX_JSON_DEPTH} levels`);

  const clientId = optionalString(fields, 'client_id', 200);
  const count = optionalInteger(fields, 'count', 1, 1_000_000);
  const status = optionalInteger(fields, 'status', 100, 599);
  const delayMs = optionalInteger(fields, 'delay_ms', 0, 600_000);
  const retryAfter = optionalInteger(fields, 'retry_after', 0, 86_400);
  const expiresIn = optionalInteger(fields, 'expires_in', 1, 31_536_000);
  return {
    target,
    kind: kind as Schemas['FaultKind'],
    ...(clientId === undefined ? {} : { client_id: clientId }),
    ...(count === undefined ? {} : { count }),
    ...(status === undefined ? {} : { status }),
    ...(fields['body'] === undefined ? {} : { body: fields['body'] }),
    ...(delayMs === undefined ? {} : { delay_ms: delayMs }),
    ...(retryAfter === undefined ? {} : { retry_after: retryAfter }),
    ...(expiresIn === undefined ? {} : { expires_in: expiresIn }),
  };
}

/** The latest instant the clock may show: beyond it dates stop printing as ISO 8601 with four-digit years. */
export const MAX_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function instant(frozenAt: unknown): number | undefined {
  if (typeof frozenAt === 'number') return frozenAt;
  if (typeof frozenAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(frozenAt)) return Date.parse(frozenAt);
  return undefined;
}

/**
 * `POST /__control/clock`: exactly one of offset_ms, frozen_at, advance_ms, real. The clock must stay
 * between 1970 and the end of year 9999, judged from its current state (`nowMs`, `offsetMs` from real time).
 */
export function parseClock(body: unknown, current: { nowMs: number; offsetMs: number }): ClockRequest {
  const fields = objectWith(body, ['offset_ms', 'frozen_at', 'advance_ms', 'real']);
  const given = Object.keys(fields).filter((key) => fields[key] !== undefined);
  if (given.length !== 1)
    throw invalidField(given[1] ?? 'body', 'give exactly one of offset_ms, frozen_at, advance_ms, real');
  const outOfRange = (field: string): never => {
    throw invalidField(field, 'would move the clock outside 1970 to 9999');
  };
  const realNowMs = current.nowMs - current.offsetMs;
  const offsetMs = optionalFinite(fields, 'offset_ms');
  if (offsetMs !== undefined) {
    if (realNowMs + offsetMs < 0 || realNowMs + offsetMs > MAX_CLOCK_MS) outOfRange('offset_ms');
    return { offset_ms: offsetMs };
  }
  const advanceMs = optionalFinite(fields, 'advance_ms', 0);
  if (advanceMs !== undefined) {
    if (current.nowMs + advanceMs > MAX_CLOCK_MS) outOfRange('advance_ms');
    return { advance_ms: advanceMs };
  }
  if (fields['real'] !== undefined) {
    if (fields['real'] !== true) throw invalidField('real', 'must be true');
    return { real: true };
  }
  const frozenAtMs = instant(fields['frozen_at']);
  if (frozenAtMs === undefined || !Number.isFinite(frozenAtMs))
    throw invalidField('frozen_at', 'must be an ISO 8601 date-time or epoch milliseconds');
  if (frozenAtMs < 0 || frozenAtMs > MAX_CLOCK_MS) outOfRange('frozen_at');
  return { frozen_at: fields['frozen_at'] as string | number };
}

/** `GET /__control/recordings` query: `client_id`, `since_seq`. */
export function parseRecordingsQuery(query: URLSearchParams): { clientId?: string; sinceSeq?: number } {
  for (const key of query.keys())
    if (key !== 'client_id' && key !== 'since_seq') throw invalidField(key, 'is not a known query parameter');
  const clientId = query.get('client_id') ?? undefined;
  const since = query.get('since_seq');
  if (since !== null && !/^\d{1,15}$/.test(since))
    throw invalidField('since_seq', 'must be a non-negative integer');
  return {
    ...(clientId === undefined ? {} : { clientId }),
    ...(since === null ? {} : { sinceSeq: Number(since) }),
  };
}
