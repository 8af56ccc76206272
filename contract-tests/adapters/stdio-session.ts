import type { AdapterInfo } from '../report/report-types.js';
import type { AdapterProcess, AdapterProcessEvents } from './adapter-process.js';
import type { AdapterCall, AdapterResult, AdapterSession, CallOutcome } from './adapter-session.js';
import { startLineSession, type LineMessage } from './line-session.js';
import { callLine, parseAdapterLine } from './protocol-messages.js';
import { redactSecretsInJson } from './secret-redactor.js';

export interface StdioSessionOptions {
  /** How long the adapter may take to print its ready message. */
  readonly readyTimeoutMs: number;
  /** What never leaves the session unredacted: the client secret the adapter was given. */
  readonly secrets: readonly string[];
  /** The time source for `answeredAtMs` and timeouts' `afterMs`. */
  readonly now: () => number;
}

/** The client protocol's lines as the line session reads them: ready, and results by call id. */
function clientLine(line: string): LineMessage<AdapterInfo, AdapterResult, never> {
  const message = parseAdapterLine(line);
  if (message.type === 'invalid') return { kind: 'invalid', problem: message.problem };
  if (message.type === 'ready') return { kind: 'ready', info: message.info };
  return { kind: 'reply', id: message.result.id, reply: message.result };
}

/**
 * The adapter protocol v1 (DESIGN.md §5) over a process's stdin and stdout: the ready message, calls and
 * their results, shutdown, on the line session (line-session.ts) that also carries the webhook receiver
 * protocol. Anything on stdout that is not a protocol message, an exit before shutdown, or no ready message
 * in time breaks the session: pending and later calls reject with an AdapterError, and a session that never
 * became ready rejects with it (its log attached) and stops the process.
 */
export async function startStdioSession(
  start: (events: AdapterProcessEvents) => AdapterProcess,
  options: StdioSessionOptions,
): Promise<AdapterSession> {
  const { secrets } = options;
  const lines = await startLineSession(start, {
    parse: clientLine,
    readyTimeoutMs: options.readyTimeoutMs,
    secrets,
    now: options.now,
    redact: (value) => redactSecretsInJson(value, secrets),
    names: { reply: 'result', id: 'call id' },
  });
  return {
    get info() {
      return lines.info;
    },
    async call(call: AdapterCall, timeoutMs: number): Promise<CallOutcome> {
      const outcome = await lines.request(call.id, callLine(call), timeoutMs);
      return outcome.kind === 'timeout'
        ? outcome
        : { kind: 'answered', result: outcome.reply, answeredAtMs: outcome.answeredAtMs };
    },
    close: () => lines.close(),
    log: () => lines.log(),
  };
}
