import { AdapterError } from './adapter-error.js';
import type { AdapterProcess, AdapterProcessEvents } from './adapter-process.js';
import { FailureSignal } from './failure-signal.js';
import { SHUTDOWN_LINE } from './protocol-messages.js';
import { redactSecrets } from './secret-redactor.js';

/**
 * One stdout line of a line protocol, understood: the ready message, the answer to one of the kit's
 * requests (by id), a message the adapter sends on its own (a receiver's `applied`), or not protocol.
 */
export type LineMessage<Ready, Reply, Note> =
  | { readonly kind: 'ready'; readonly info: Ready }
  | { readonly kind: 'reply'; readonly id: string; readonly reply: Reply }
  | { readonly kind: 'note'; readonly note: Note }
  | { readonly kind: 'invalid'; readonly problem: string };

/** How a request ended, from the kit's side. */
export type LineOutcome<Reply> =
  | { readonly kind: 'answered'; readonly reply: Reply; readonly answeredAtMs: number }
  | { readonly kind: 'timeout'; readonly afterMs: number };

export interface LineSessionOptions<Ready, Reply, Note> {
  /** Reads one line; secrets are removed from what it returns by the session. */
  readonly parse: (line: string) => LineMessage<Ready, Reply, Note>;
  /** How long the adapter may take to print its ready message. */
  readonly readyTimeoutMs: number;
  /** What never leaves the session unredacted (a client secret). */
  readonly secrets: readonly string[];
  /** The time source for `answeredAtMs`, timeouts' `afterMs` and notes. */
  readonly now: () => number;
  /** Called with each note, as it arrives, with the time it arrived. */
  readonly onNote?: (note: Note, atMs: number) => void;
  /** Removes secrets from a parsed message part; default: none to remove. */
  readonly redact?: <T>(value: T) => T;
  /** How errors name a reply and its id: `result` and `call id` for clients. */
  readonly names: { readonly reply: string; readonly id: string };
}

/** A running adapter speaking a line protocol, seen through its messages. */
export interface LineSession<Ready, Reply> {
  readonly info: Ready;
  /** Writes `line` and waits at most `timeoutMs` for the reply with this id. Rejects once the session broke. */
  request(id: string, line: string, timeoutMs: number): Promise<LineOutcome<Reply>>;
  /** Why the session broke (non-protocol output, an exit before shutdown), or undefined while it is sound. */
  failure(): AdapterError | undefined;
  /** Calls `listener` once if the session breaks; returns the function that stops it. */
  onFailure(listener: (error: AdapterError) => void): () => void;
  /** Sends shutdown, and makes sure the process has ended. Never rejects. */
  close(): Promise<void>;
  /** The adapter's log so far (stderr), secrets removed. */
  log(): string;
}

interface Pending<Reply> {
  readonly resolve: (outcome: LineOutcome<Reply>) => void;
  readonly reject: (error: AdapterError) => void;
}

const quote = (line: string): string => JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}...` : line);

/**
 * A line protocol over a process's stdin and stdout (the client adapter protocol of DESIGN.md §5, the
 * webhook receiver protocol of §8): the ready message first, then requests answered by id and messages the
 * adapter sends on its own, then shutdown. `start` starts the process with the session's handlers. Anything
 * on stdout that is not protocol, an exit before shutdown, or no ready message in time breaks the session:
 * pending and later requests reject with an AdapterError, and a session that never became ready rejects
 * with it (its log attached) and stops the process.
 */
export function startLineSession<Ready, Reply, Note>(
  start: (events: AdapterProcessEvents) => AdapterProcess,
  options: LineSessionOptions<Ready, Reply, Note>,
): Promise<LineSession<Ready, Reply>> {
  const { now, secrets } = options;
  const redact = options.redact ?? (<T>(value: T): T => value);
  const pending = new Map<string, Pending<Reply>>();
  // A reply that arrives after its request timed out is late, not a protocol error.
  const timedOut = new Set<string>();
  const failure = new FailureSignal();
  let info: Ready | undefined;

  return new Promise<LineSession<Ready, Reply>>((resolveReady, rejectReady) => {
    const readyTimer = setTimeout(
      () =>
        breakSession(new AdapterError('not_ready', `no ready message within ${options.readyTimeoutMs} ms`)),
      options.readyTimeoutMs,
    );

    function breakSession(error: AdapterError): void {
      if (failure.error !== undefined) return;
      clearTimeout(readyTimer);
      adapter.stderr.append(`\n[kit] ${error.message}\n`);
      for (const request of pending.values()) request.reject(error);
      pending.clear();
      failure.fail(error);
      if (info === undefined) {
        error.log = redactSecrets(adapter.stderr.toString(), secrets);
        rejectReady(error);
        void adapter.stop(SHUTDOWN_LINE);
      }
    }

    function onLine(line: string): void {
      if (failure.error !== undefined || line.trim() === '') return;
      const message = options.parse(line);
      if (message.kind === 'invalid') {
        breakSession(
          new AdapterError(
            info === undefined ? 'not_ready' : 'protocol',
            `non-protocol output on stdout (${message.problem}): ${quote(redactSecrets(line, secrets))}`,
          ),
        );
        return;
      }
      if (message.kind === 'ready') {
        if (info !== undefined) {
          breakSession(new AdapterError('protocol', 'a second ready message'));
          return;
        }
        info = redact(message.info);
        clearTimeout(readyTimer);
        resolveReady(session);
        return;
      }
      if (info === undefined) {
        const what = message.kind === 'note' ? 'message' : options.names.reply;
        breakSession(new AdapterError('not_ready', `a ${what} before the ready message`));
        return;
      }
      if (message.kind === 'note') {
        options.onNote?.(redact(message.note), now());
        return;
      }
      const request = pending.get(message.id);
      if (request === undefined && timedOut.delete(message.id)) return;
      if (request === undefined) {
        breakSession(
          new AdapterError(
            'protocol',
            `a ${options.names.reply} for unknown ${options.names.id} ${quote(message.id)}`,
          ),
        );
        return;
      }
      pending.delete(message.id);
      request.resolve({ kind: 'answered', reply: redact(message.reply), answeredAtMs: now() });
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

    const session: LineSession<Ready, Reply> = {
      get info() {
        return info as Ready;
      },
      request(id, line, timeoutMs) {
        if (failure.error !== undefined) return Promise.reject(failure.error);
        return new Promise<LineOutcome<Reply>>((resolve, reject) => {
          const sentAt = now();
          const timer = setTimeout(() => {
            pending.delete(id);
            timedOut.add(id);
            resolve({ kind: 'timeout', afterMs: now() - sentAt });
          }, timeoutMs);
          pending.set(id, {
            resolve: (outcome) => {
              clearTimeout(timer);
              resolve(outcome);
            },
            reject: (error) => {
              clearTimeout(timer);
              reject(error);
            },
          });
          adapter.write(line);
        });
      },
      failure: () => failure.error,
      onFailure: (listener) => failure.onFailure(listener),
      async close() {
        if (!adapter.stopping) await adapter.stop(SHUTDOWN_LINE);
      },
      log: () => redactSecrets(adapter.stderr.toString(), secrets),
    };
  });
}
