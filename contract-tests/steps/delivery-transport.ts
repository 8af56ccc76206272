import {
  attemptDelivery,
  type AttemptOptions,
  type AttemptResult,
  type WebhookPost,
} from '../../mock-server/index.js';
import type { DeliveryTarget } from '../adapters/receiver-session.js';

/** How one POST is made. */
export interface PostOptions {
  /** Hang up as soon as the request is sent, without reading the answer (as VectorCare does on a timeout). */
  readonly drop?: boolean;
  /** The sender's own timing (its answer limit on its clock), when the sender makes the attempt. */
  readonly attempt?: AttemptOptions;
}

/** Carries the kit's POSTs to the receiver: over HTTP to its URL, or to its in-process handler. */
export interface DeliveryTransport {
  post(post: WebhookPost, options?: PostOptions): Promise<AttemptResult>;
  /** Resolves once no in-process handler is still running (a dropped delivery's included). At once over HTTP. */
  idle(): Promise<void>;
}

export interface TransportOptions {
  readonly target: DeliveryTarget;
  /** How long a receiver has for its whole answer: VectorCare's 10 s. */
  readonly answerLimitMs: number;
  /** The kit's clock (virtual in virtual time): what HTTP attempts are timed by. */
  readonly now: () => number;
  /** Real time: what an in-process handler is timed by (it runs in real time even when the clock stands still). */
  readonly realNow: () => number;
  /** The scenario's log, for what the kit alone sees (an in-process handler that threw). */
  readonly log: (line: string) => void;
}

/** The most answer body read, as the sender reads at most (webhook-attempt.ts). */
const MAX_ANSWER_BYTES = 64 * 1024;

/** The URL an in-process receiver sees its deliveries addressed to. */
export const IN_PROCESS_URL = 'http://127.0.0.1/vectorcare-webhook';

const failed = (error: AttemptResult['error'], status: number | null, durationMs: number): AttemptResult => ({
  delivered: false,
  status,
  error,
  durationMs,
  timeToAnswerMs: null,
  answerBytes: 0,
});

/**
 * The transport for a receiver session. Over HTTP it is the sender's own one attempt (`attemptDelivery`); in
 * process it builds the `Request` the receiver would have read off the wire (the same bytes and headers),
 * aborts its signal to hang up, and times the answer in real time against the same limit.
 */
export function createDeliveryTransport(options: TransportOptions): DeliveryTransport {
  const { target } = options;
  if (target.kind === 'http') {
    return {
      post: (post, { drop = false, attempt } = {}) =>
        attemptDelivery(
          { ...post, url: target.url },
          {
            timeoutMs: options.answerLimitMs,
            now: options.now,
            ...attempt,
            dropAfterSend: drop,
          },
        ),
      idle: () => Promise.resolve(),
    };
  }
  const running = new Set<Promise<unknown>>();
  return {
    async post(post, { drop = false } = {}) {
      const hangUp = new AbortController();
      const request = new Request(IN_PROCESS_URL, {
        method: 'POST',
        headers: post.headers,
        body: Buffer.from(post.body),
        signal: hangUp.signal,
      });
      const started = options.realNow();
      const answered = (async () => {
        const response = await target.fetch(request);
        const timeToAnswerMs = options.realNow() - started;
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { status: response.status, timeToAnswerMs, bytes: bytes.byteLength };
      })();
      const handled = answered.catch((error: unknown) => {
        options.log(
          `[kit] the receiver's fetch(request) threw: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      });
      running.add(handled);
      void handled.finally(() => running.delete(handled));
      if (drop) {
        hangUp.abort();
        return failed('dropped', null, 0);
      }
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.answerLimitMs);
      });
      const outcome = await Promise.race([handled, limit]);
      clearTimeout(timer);
      const durationMs = options.realNow() - started;
      if (outcome === 'timeout') {
        hangUp.abort();
        return failed('timeout', null, durationMs);
      }
      if (outcome === undefined) return failed('connection_reset', null, durationMs);
      if (outcome.bytes > MAX_ANSWER_BYTES) return failed('response_too_large', outcome.status, durationMs);
      return {
        delivered: outcome.status >= 200 && outcome.status < 300,
        status: outcome.status,
        error: null,
        durationMs,
        timeToAnswerMs: outcome.timeToAnswerMs,
        answerBytes: outcome.bytes,
      };
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
