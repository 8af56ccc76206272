import { homedir, tmpdir } from 'node:os';
import { PACKAGE_ROOT } from '../../../shared/package-root.js';
import {
  assertMatchesSchema,
  assertMatchesSpec,
  documentedMethods,
} from '../../../test-support/openapi-validator.js';

/** What came back for one fuzzed request. */
export interface ObservedResponse {
  readonly method: string;
  /** The path as the app routed it (percent-decoded the way Hono decodes it). */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly bodyText: string;
}

/** Signs that internals escaped into a body: stack frames, source paths, error class names. */
const LEAK_PATTERNS: readonly RegExp[] = [
  /\bat [\w$.<>]+ \(/,
  /\n\s+at\s/,
  /node:internal/,
  /node_modules/,
  /[\w-]+\.(?:ts|js|mjs|cjs):\d+/,
  /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|AssertionError)\b/,
  /\bERR_[A-Z_]+\b/,
];

const INTERNAL_PATHS = [PACKAGE_ROOT, process.cwd(), homedir(), tmpdir()].filter((path) => path.length > 4);

/** Hono routes on the path decoded by `decodeURI`, falling back to the raw path when that fails. */
export function routedPath(pathname: string): string {
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}

/**
 * The leak markers found in `bodyText` that the request itself did not contain: an endpoint that echoes
 * a field value (the hub's choice errors do) is not leaking what it was sent.
 */
export function leaksIn(bodyText: string, sent: string): string[] {
  const found: string[] = [];
  for (const pattern of LEAK_PATTERNS)
    if (pattern.test(bodyText) && !pattern.test(sent)) found.push(String(pattern));
  for (const path of INTERNAL_PATHS) if (bodyText.includes(path) && !sent.includes(path)) found.push(path);
  return found;
}

function parseJson(observed: ObservedResponse): unknown {
  const type = (observed.contentType ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new Error(
      `${observed.method} ${observed.path} ${observed.status}: content type ${observed.contentType}, not JSON`,
    );
  try {
    return JSON.parse(observed.bodyText);
  } catch {
    throw new Error(
      `${observed.method} ${observed.path} ${observed.status}: body is not JSON: ${observed.bodyText.slice(0, 200)}`,
    );
  }
}

/**
 * The invariants every answer must keep, whatever was sent: no 5xx, nothing internal in the body, and a
 * body of the shape openapi.yaml documents for that method, path and status. A method the path does not
 * document must get that path's documented 405 (or 401, where authentication comes first); a path the spec does not list, VectorCare's 404 (or,
 * under /__control/, the control API's 404 or its guard's refusal).
 */
export function assertSafeResponse(observed: ObservedResponse, sent: string): void {
  const where = `${observed.method} ${observed.path.slice(0, 120)} → ${observed.status}`;
  if (observed.status >= 500) throw new Error(`${where}: server error ${observed.bodyText.slice(0, 300)}`);
  const leaks = leaksIn(observed.bodyText, sent);
  if (leaks.length > 0)
    throw new Error(`${where}: body leaks ${leaks.join(', ')}: ${observed.bodyText.slice(0, 300)}`);
  if (observed.method === 'HEAD') {
    if (observed.bodyText !== '') throw new Error(`${where}: HEAD answered with a body`);
    return;
  }
  const body = parseJson(observed);
  // The control API reads `/__control/clock/` as `/__control/clock` (docs/control-api.md).
  const path = /^\/__control\/.+\/$/.test(observed.path) ? observed.path.slice(0, -1) : observed.path;
  const methods = documentedMethods(path);
  if (methods === undefined) {
    // The control API answers for its whole prefix (its guard first, so a refused caller learns no
    // paths); everything else is VectorCare's 404.
    const control = /^\/__control(?:\/|$)/.test(path);
    const allowed = control ? [401, 403, 404] : [404];
    if (!allowed.includes(observed.status)) throw new Error(`${where}: an undocumented path must get 404`);
    assertMatchesSchema(control ? 'ControlError' : 'HubError', body);
    return;
  }
  if (!methods.includes(observed.method)) {
    // 405 normally; the hub checks the bearer token first (as Django REST framework does), so an
    // unauthenticated call with the wrong method gets the path's documented 401 instead.
    if (observed.status !== 405 && observed.status !== 401)
      throw new Error(`${where}: an undocumented method must get 405 (or 401 before it)`);
    assertMatchesSpec(methods[0] as string, path, observed.status, body);
    return;
  }
  assertMatchesSpec(observed.method, path, observed.status, body);
}

/**
 * Whether a socket answer came from the HTTP layer, not the app: Node's parser (an unknown method, a bad
 * header, a header section over 16 KiB → 431) or the Node adapter (a bad Host, an absolute URL) refuse the
 * request before any route sees it, with an empty body and the connection closed. The app never sends an
 * empty 400 or 431, and callers also check the recorder saw nothing.
 */
export function isTransportRejection(status: number, bodyText: string): boolean {
  return (status === 400 || status === 431) && bodyText === '';
}

/** Node's default limit on a request's header section (`--max-http-header-size`); beyond it, 431. */
export const NODE_MAX_HEADER_BYTES = 16 * 1024;
