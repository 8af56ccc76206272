import { createHash, timingSafeEqual } from 'node:crypto';
import { notLoopback, unauthorized } from '../errors/control-error.js';

/** What the guard knows about a control request. */
export interface ControlCaller {
  /** The socket's remote address (`''` when unknown); undefined for in-process `fetch`, which has no socket. */
  readonly remoteAddress: string | undefined;
  readonly authorization: string | undefined;
}

/** Whether an address is this machine's loopback: 127.0.0.0/8, ::1, or either mapped into IPv6. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares two secrets in constant time whatever their lengths (both are hashed to 32 bytes first). */
export function secretsEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Creates the control API's gate. Without a control token it admits only loopback callers (and in-process
 * `fetch`, which never left the process); with one, any address, but only with
 * `Authorization: Bearer <token>`, compared in constant time. Refusals carry no hint.
 */
export function createControlGuard(controlToken: string | undefined): (caller: ControlCaller) => void {
  if (controlToken === undefined) {
    return function loopbackOnly(caller) {
      if (caller.remoteAddress !== undefined && !isLoopbackAddress(caller.remoteAddress)) throw notLoopback();
    };
  }
  return function tokenRequired(caller) {
    const presented = /^bearer\s+(.+)$/i.exec(caller.authorization?.trim() ?? '')?.[1];
    // Compare even when nothing was presented, so a refusal takes the same time either way.
    const matches = secretsEqual(presented ?? '', controlToken);
    if (presented === undefined || !matches) throw unauthorized();
  };
}
