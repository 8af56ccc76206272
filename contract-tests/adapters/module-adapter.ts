import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemNow } from '../../mock-server/index.js';
import type { AdapterInfo } from '../report/report-types.js';
import { AdapterError } from './adapter-error.js';
import type {
  AdapterCall,
  AdapterEnvironment,
  AdapterLauncher,
  AdapterResult,
  AdapterSession,
  CallOutcome,
} from './adapter-session.js';
import { BoundedLog } from './bounded-log.js';
import { readyProblem, resultProblem } from './protocol-messages.js';
import { redactSecrets, redactSecretsInJson } from './secret-redactor.js';

/** What an in-process adapter module gets: the stdio environment, plus the kit's fetch, clock and log. */
export interface ModuleAdapterEnvironment extends AdapterEnvironment {
  /** Reaches the mock; use it instead of the global fetch so calls stay in-process. */
  readonly fetch: typeof fetch;
  /** The mock's clock: in virtual time it stands still until the kit moves it. Give it to the client. */
  readonly clock: { now(): number };
  /** Appends a line to the scenario's log. */
  readonly log: (line: string) => void;
}

/** What `createAdapter(env)` returns (DESIGN.md §5). */
export interface ModuleAdapter {
  readonly name: string;
  readonly version: string;
  readonly library?: string;
  readonly concurrent?: boolean;
  call(
    request: AdapterCall,
  ): Promise<Omit<AdapterResult, 'id'> | { status: number; body?: unknown } | { error: string }>;
  close?(): void | Promise<void>;
}

/** The default export of an in-process adapter module. */
export type CreateAdapter = (env: ModuleAdapterEnvironment) => ModuleAdapter | Promise<ModuleAdapter>;

export interface ModuleAdapterOptions {
  /** The module's file. */
  readonly file: string;
  readonly fetch: typeof fetch;
  readonly clock: { now(): number };
  /** Real time, for how long a call that timed out waited; default the system's. */
  readonly realNow?: () => number;
}

/** Loads `file` and returns its default export; rejects with an AdapterError when it is not a createAdapter. */
export async function loadAdapterModule(file: string): Promise<CreateAdapter> {
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
  } catch (error) {
    throw new AdapterError(
      'bad_module',
      `could not load ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof loaded.default !== 'function')
    throw new AdapterError('bad_module', `${file} has no default export createAdapter(env)`);
  return loaded.default as CreateAdapter;
}

/**
 * Runs an adapter module in this process (DESIGN.md §5): its default export `createAdapter(env)` is called
 * once per scenario, so each scenario starts with a cold client.
 */
export function moduleAdapterLauncher(options: ModuleAdapterOptions): AdapterLauncher {
  let factory: Promise<CreateAdapter> | undefined;
  const realNow = options.realNow ?? systemNow;
  return async function launchModuleAdapter(environment: AdapterEnvironment): Promise<AdapterSession> {
    factory ??= loadAdapterModule(options.file);
    const createAdapter = await factory;
    const secrets = [environment.VECTORCARE_CLIENT_SECRET];
    const log = new BoundedLog();
    let adapter: ModuleAdapter;
    try {
      adapter = await createAdapter({
        ...environment,
        fetch: options.fetch,
        clock: options.clock,
        log: (line) => log.append(`${line}\n`),
      });
    } catch (error) {
      throw new AdapterError(
        'not_ready',
        `createAdapter threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const ready: Record<string, unknown> = {
      type: 'ready',
      name: adapter?.name,
      version: adapter?.version,
      ...(adapter?.library === undefined ? {} : { library: adapter.library }),
      ...(adapter?.concurrent === undefined ? {} : { concurrent: adapter.concurrent }),
    };
    const problem =
      readyProblem(ready) ?? (typeof adapter?.call === 'function' ? undefined : 'no call(request) function');
    if (problem !== undefined)
      throw new AdapterError('not_ready', `createAdapter returned an unusable adapter: ${problem}`);
    let closed = false;

    return {
      info: redactSecretsInJson(ready as unknown as AdapterInfo, secrets),
      async call(call: AdapterCall, timeoutMs: number): Promise<CallOutcome> {
        const started = realNow();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<CallOutcome>((resolveTimeout) => {
          timer = setTimeout(
            () => resolveTimeout({ kind: 'timeout', afterMs: realNow() - started }),
            timeoutMs,
          );
        });
        const answer = (async (): Promise<CallOutcome> => {
          let raw: unknown;
          try {
            raw = await adapter.call({ ...call });
          } catch (error) {
            raw = { error: error instanceof Error ? error.message : String(error) };
          }
          const result = { ...(raw as Record<string, unknown>), id: call.id };
          const resultIssue = resultProblem(result);
          if (resultIssue !== undefined)
            throw new AdapterError('protocol', `call() resolved to an invalid result: ${resultIssue}`);
          return {
            kind: 'answered',
            result: redactSecretsInJson(result as unknown as AdapterResult, secrets),
            answeredAtMs: options.clock.now(),
          };
        })();
        try {
          return await Promise.race([answer, timeout]);
        } finally {
          clearTimeout(timer);
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        try {
          await adapter.close?.();
        } catch (error) {
          log.append(`[kit] close() threw: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      },
      log: () => redactSecrets(log.toString(), secrets),
    };
  };
}
