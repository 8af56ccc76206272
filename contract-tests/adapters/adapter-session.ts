import type { AdapterInfo } from '../report/report-types.js';

/** What the kit asks an adapter to do: one API call through the client under test (DESIGN.md §5). */
export interface AdapterCall {
  readonly id: string;
  readonly method: string;
  /** Relative to VECTORCARE_API_URL, e.g. `/requests/KP-ABCD1234/state/`. */
  readonly path: string;
  readonly body?: unknown;
}

/** What the adapter said its client gave the application. */
export type AdapterResult =
  | { readonly id: string; readonly status: number; readonly body?: unknown }
  | { readonly id: string; readonly error: string };

/** How a call ended, from the kit's side. */
export type CallOutcome =
  | { readonly kind: 'answered'; readonly result: AdapterResult; readonly answeredAtMs: number }
  | { readonly kind: 'timeout'; readonly afterMs: number };

/** The credentials and URLs an adapter is started with, named as the stdio environment names them. */
export interface AdapterEnvironment {
  readonly VECTORCARE_TOKEN_URL: string;
  readonly VECTORCARE_API_URL: string;
  readonly VECTORCARE_CLIENT_ID: string;
  readonly VECTORCARE_CLIENT_SECRET: string;
  readonly VECTORCARE_SCENARIO: string;
}

/** One running adapter: a child process or an in-process module, seen the same way by scenarios. */
export interface AdapterSession {
  /** The ready message. */
  readonly info: AdapterInfo;
  /** Sends one call and waits at most `timeoutMs` for its result. Rejects with an AdapterError when the adapter broke. */
  call(call: AdapterCall, timeoutMs: number): Promise<CallOutcome>;
  /** Asks the adapter to stop, and makes sure it has. Never rejects. */
  close(): Promise<void>;
  /** The adapter's log so far (stderr for a child process), secrets removed. */
  log(): string;
}

/** Starts an adapter for one scenario; rejects with an AdapterError when it never becomes ready. */
export type AdapterLauncher = (environment: AdapterEnvironment) => Promise<AdapterSession>;
