import { expect } from 'vitest';
import type { MockServer, Recording } from '../../../mock-server/index.js';
import { requestText, toWebRequest, type FuzzRequest } from './fuzz-request.js';
import { assertSafeResponse, isTransportRejection, routedPath } from './response-invariants.js';

/** Where fuzz cases go: the app in-process, or the listening server over loopback. */
export interface FuzzTransport {
  readonly mock: MockServer;
  readonly name: 'in-process' | 'socket';
  readonly send: (request: Request) => Promise<Response>;
}

export const inProcess = (mock: MockServer): FuzzTransport => ({
  mock,
  name: 'in-process',
  send: mock.fetch,
});
export const overSocket = (mock: MockServer): FuzzTransport => ({
  mock,
  name: 'socket',
  send: (request) => fetch(request),
});

/** Counts answers by status and error code, so a test can prove its generators reached them all. */
export class OutcomeTally {
  readonly counts = new Map<string, number>();

  add(status: number, bodyText: string): void {
    const code = /"(?:error|code)":"([^"]+)"/.exec(bodyText)?.[1];
    const key = code === undefined ? String(status) : `${status} ${code}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  keys(): string[] {
    return [...this.counts.keys()];
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** One checked exchange, for the surface-specific checks that follow the shared ones. */
export interface CheckedExchange {
  readonly request: Request;
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  readonly bodyText: string;
  /** What the recorder gained during this exchange. */
  readonly recorded: Recording[];
}

/**
 * Sends one fuzz case and checks the invariants every surface shares (no 5xx, no leak, a documented
 * body). Returns undefined when the HTTP layer refused the request before the app saw it; then the
 * recorder must have gained nothing.
 */
export async function sendAndCheck(
  transport: FuzzTransport,
  fuzz: FuzzRequest,
  tally: OutcomeTally,
): Promise<CheckedExchange | undefined> {
  const { mock } = transport;
  const request = toWebRequest(mock.url, fuzz);
  const path = routedPath(new URL(request.url).pathname);
  const before = mock.recorder.list().at(-1)?.seq ?? 0;
  const response = await transport.send(request);
  const bodyText = await response.text();
  const recorded = mock.control.recordings({ sinceSeq: before });
  if (transport.name === 'socket' && isTransportRejection(response.status, bodyText)) {
    expect(recorded).toEqual([]);
    tally.add(response.status, '"code":"transport"');
    return undefined;
  }
  assertSafeResponse(
    {
      method: request.method,
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      bodyText,
    },
    requestText(fuzz),
  );
  tally.add(response.status, bodyText);
  return { request, path, status: response.status, headers: response.headers, bodyText, recorded };
}
