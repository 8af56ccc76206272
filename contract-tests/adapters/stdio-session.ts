import type { AdapterInfo } from '../report/report-types.js';
import { AdapterError } from './adapter-error.js';
import type { AdapterProcess, AdapterProcessEvents } from './adapter-process.js';
import type { AdapterCall, AdapterSession, CallOutcome } from './adapter-session.js';
import { callLine, parseAdapterLine, SHUTDOWN_LINE } from './protocol-messages.js';
import { redactSecrets, redactSecretsInJson } from './secret-redactor.js';

export interface StdioSessionOptions {
  /** How long the adapter may take to print its ready message. */
  readonly readyTimeoutMs: number;
  /** What never leaves the session unredacted: the client secret the adapter was given. */
  readonly secrets: readonly string[];
  /** The time source for `answeredAtMs` and timeouts' `afterMs`. */
  readonly now: () => number;
}

interface PendingCall {
  readonly resolve: (outcome: CallOutcome) => void;
  readonly reject: (error: AdapterError) => void;
}

const quote = (line: string): string => JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}...` : line);

/**
 * The adapter protocol v1 (DESIGN.md §5) over a process's stdin and stdout: the ready message, calls and
 * their results, shutdown. `start` starts the process with the session's handlers for its lines and exit.
 * Anything on stdout that is not a protocol message, an exit before shutdown, or no ready message in time
 * breaks the session: pending and later calls reject with an AdapterError, and a session that never became
 * ready rejects with it (its log attached) and stops the process.
 */
export function startStdioSession(
  start: (events: AdapterProcessEvents) => AdapterProcess,
  options: StdioSessionOptions,
): Promise<AdapterSession> {
  const { now, secrets } = options;
  const pending = new Map<string, PendingCall>();
  // A result that arrives after its call timed out is late, not a protocol error.
  const timedOut = new Set<string>();
  let info: AdapterInfo | undefined;
  let broken: AdapterError | undefined;

  return new Promise<AdapterSession>((resolveReady, rejectReady) => {
    const readyTimer = setTimeout(
      () =>
        breakSession(new AdapterError('not_ready', `no ready message within ${options.readyTimeoutMs} ms`)),
      options.readyTimeoutMs,
    );

    function breakSession(error: AdapterError): void {
      if (broken !== undefined) return;
      broken = error;
      clearTimeout(readyTimer);
      adapter.stderr.append(`\n[kit] ${error.message}\n`);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
      if (info === undefined) {
        error.log = redactSecrets(adapter.stderr.toString(), secrets);
        rejectReady(error);
        void adapter.stop(SHUTDOWN_LINE);
      }
    }

    function onLine(line: string): void {
      if (broken !== undefined || line.trim() === '') return;
      const message = parseAdapterLine(line);
      if (message.type === 'invalid') {
        const code = info === undefined ? 'not_ready' : 'protocol';
        breakSession(
          new AdapterError(
            code,
            `non-protocol output on stdout (${message.problem}): ${quote(redactSecrets(line, secrets))}`,
          ),
        );
        return;
      }
      if (message.type === 'ready') {
        if (info !== undefined) {
          breakSession(new AdapterError('protocol', 'a second ready message'));
          return;
        }
        info = redactSecretsInJson(message.info, secrets);
        clearTimeout(readyTimer);
        resolveReady(session);
        return;
      }
      if (info === undefined) {
        breakSession(new AdapterError('not_ready', 'a result before the ready message'));
        return;
      }
      const call = pending.get(message.result.id);
      if (call === undefined && timedOut.delete(message.result.id)) return;
      if (call === undefined) {
        breakSession(
          new AdapterError('protocol', `a result for unknown call id ${quote(message.result.id)}`),
        );
        return;
      }
      pending.delete(message.result.id);
      call.resolve({
        kind: 'answered',
        result: redactSecretsInJson(message.result, secrets),
        answeredAtMs: now(),
      });
    }

    const adapter = start({
      line: onLine,
      spawnError: (error) =>
        breakSession(new AdapterError('spawn_failed', `could not start the adapter: ${error.message}`)),
      exit(how) {
        const when = info === undefined ? 'before its ready message' : 'before shutdown';
        breakSession(
          new AdapterError(
            info === undefined ? 'not_ready' : 'exited',
            `the adapter exited with ${how} ${when}`,
          ),
        );
      },
    });

    const session: AdapterSession = {
      get info() {
        return info as AdapterInfo;
      },
      call(call: AdapterCall, timeoutMs: number): Promise<CallOutcome> {
        if (broken !== undefined) return Promise.reject(broken);
        return new Promise<CallOutcome>((resolve, reject) => {
          const sentAt = now();
          const timer = setTimeout(() => {
            pending.delete(call.id);
            timedOut.add(call.id);
            resolve({ kind: 'timeout', afterMs: now() - sentAt });
          }, timeoutMs);
          pending.set(call.id, {
            resolve: (outcome) => {
              clearTimeout(timer);
              resolve(outcome);
            },
            reject: (error) => {
              clearTimeout(timer);
              reject(error);
            },
          });
          adapter.write(callLine(call));
        });
      },
      async close() {
        if (!adapter.stopping) await adapter.stop(SHUTDOWN_LINE);
      },
      log: () => redactSecrets(adapter.stderr.toString(), secrets),
    };
  });
}
