import { systemNow } from '../../mock-server/index.js';
import { AdapterError } from './adapter-error.js';
import { BoundedLog } from './bounded-log.js';
import { FailureSignal } from './failure-signal.js';
import { loadAdapterModule } from './module-adapter.js';
import {
  appliedProblem,
  readState,
  receiverReadyProblem,
  type AppliedMessage,
  type ReceiverInfo,
  type ReceiverState,
} from './receiver-protocol-messages.js';
import {
  AppliedFeed,
  type ReceiverEnvironment,
  type ReceiverLauncher,
  type ReceiverSession,
  type StateOutcome,
} from './receiver-session.js';

/** What an in-process receiver module gets: the stdio environment, plus the kit's clock and log and `applied`. */
export interface ReceiverModuleEnvironment extends ReceiverEnvironment {
  /** The kit's clock: in virtual time it stands still until the kit moves it. */
  readonly clock: { now(): number };
  /** Tell the kit the application applied an event (the stdio protocol's `applied` message). */
  readonly applied: (message: AppliedMessage) => void;
  /** Appends a line to the scenario's log. */
  readonly log: (line: string) => void;
}

/** What a receiver module's `createAdapter(env)` returns. */
export interface ModuleReceiver {
  readonly name: string;
  readonly version: string;
  readonly library?: string;
  /**
   * The receiver as a Fetch-style handler (Hono's `app.fetch`, a worker's `fetch`): the kit's POST in, the
   * answer out. The request's `signal` aborts when the kit hangs up without reading the answer.
   */
  fetch(request: Request): Response | Promise<Response>;
  /** What the application holds for a request (`request_status: null` when nothing). */
  state(serviceRequestId: string): ReceiverState | Promise<ReceiverState>;
  close?(): void | Promise<void>;
}

/** The default export of an in-process receiver module. */
export type CreateReceiver = (env: ReceiverModuleEnvironment) => ModuleReceiver | Promise<ModuleReceiver>;

export interface ReceiverModuleOptions {
  readonly file: string;
  /** The kit's clock: the virtual clock, which applied messages are timed by. */
  readonly clock: { now(): number };
  /** Real time, for how long a state query waited; default the system's. */
  readonly realNow?: () => number;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs a webhook receiver module in this process: its default export `createAdapter(env)` is called once per
 * scenario, so each scenario starts with an empty receiver, and the kit hands it its deliveries as `Request`s
 * (no sockets), so it can run in virtual time.
 */
export function receiverModuleLauncher(options: ReceiverModuleOptions): ReceiverLauncher {
  let factory: Promise<CreateReceiver> | undefined;
  const realNow = options.realNow ?? systemNow;
  return async function launchModuleReceiver(environment): Promise<ReceiverSession> {
    factory ??= loadAdapterModule(options.file) as unknown as Promise<CreateReceiver>;
    const createAdapter = await factory;
    const log = new BoundedLog();
    const feed = new AppliedFeed();
    const failure = new FailureSignal();
    const breakSession = (error: AdapterError): void => {
      if (failure.fail(error)) log.append(`[kit] ${error.message}\n`);
    };
    let receiver: ModuleReceiver;
    try {
      receiver = await createAdapter({
        ...environment,
        clock: options.clock,
        log: (line) => log.append(`${line}\n`),
        applied(applied) {
          if (failure.error !== undefined) return;
          const candidate = (typeof applied === 'object' && applied !== null ? applied : {}) as Record<
            string,
            unknown
          >;
          const problem = appliedProblem(candidate);
          if (problem !== undefined) breakSession(new AdapterError('protocol', `env.applied(): ${problem}`));
          else
            feed.push(
              {
                event_id: applied.event_id,
                service_request_id: applied.service_request_id,
                action: applied.action,
                request_status: applied.request_status,
              },
              options.clock.now(),
            );
        },
      });
    } catch (error) {
      throw new AdapterError('not_ready', `createAdapter threw: ${message(error)}`);
    }
    const ready: Record<string, unknown> = {
      type: 'ready',
      role: 'webhook-receiver',
      name: receiver?.name,
      version: receiver?.version,
      ...(receiver?.library === undefined ? {} : { library: receiver.library }),
    };
    const problem =
      receiverReadyProblem(ready, false) ??
      (typeof receiver?.fetch !== 'function'
        ? 'no fetch(request) function'
        : typeof receiver.state !== 'function'
          ? 'no state(serviceRequestId) function'
          : undefined);
    if (problem !== undefined)
      throw new AdapterError('not_ready', `createAdapter returned an unusable receiver: ${problem}`);
    let closed = false;

    return {
      info: ready as unknown as ReceiverInfo,
      target: {
        kind: 'in-process',
        fetch: async (request) => {
          const answer = await receiver.fetch(request);
          if (!(answer instanceof Response))
            throw new TypeError(`fetch(request) resolved to ${typeof answer}, not a Response`);
          return answer;
        },
      },
      onApplied: (listener) => feed.subscribe(listener),
      async state(_id, serviceRequestId, timeoutMs): Promise<StateOutcome> {
        if (failure.error !== undefined) throw failure.error;
        const started = realNow();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<StateOutcome>((resolve) => {
          timer = setTimeout(() => resolve({ kind: 'timeout', afterMs: realNow() - started }), timeoutMs);
        });
        const answer = (async (): Promise<StateOutcome> => {
          let raw: unknown;
          try {
            raw = await receiver.state(serviceRequestId);
          } catch (error) {
            throw new AdapterError('protocol', `state() threw: ${message(error)}`);
          }
          const state = readState(
            (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>,
          );
          if (typeof state === 'string')
            throw new AdapterError('protocol', `state() resolved to an invalid state: ${state}`);
          return { kind: 'answered', reply: state, answeredAtMs: options.clock.now() };
        })();
        try {
          return await Promise.race([answer, timeout]);
        } catch (error) {
          if (error instanceof AdapterError) breakSession(error);
          throw error;
        } finally {
          clearTimeout(timer);
        }
      },
      failure: () => failure.error,
      onFailure: (listener) => failure.onFailure(listener),
      async close() {
        if (closed) return;
        closed = true;
        try {
          await receiver.close?.();
        } catch (error) {
          log.append(`[kit] close() threw: ${message(error)}\n`);
        }
      },
      log: () => log.toString(),
    };
  };
}
