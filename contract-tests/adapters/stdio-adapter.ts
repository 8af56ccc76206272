import { systemNow } from '../../mock-server/index.js';
import { spawnAdapterProcess } from './adapter-process.js';
import type { AdapterEnvironment, AdapterLauncher, AdapterSession } from './adapter-session.js';
import { startStdioSession } from './stdio-session.js';

export interface StdioAdapterOptions {
  /** The shell command that starts the adapter. */
  readonly command: string;
  /** How long the adapter may take to print its ready message. */
  readonly readyTimeoutMs: number;
  /** After shutdown, how long it may take to exit before SIGTERM, and after SIGTERM before SIGKILL. */
  readonly exitGraceMs?: number;
  /** Working directory; default the current one. */
  readonly cwd?: string;
  /** The rest of the child's environment; default this process's. */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>;
  /** The time source for `answeredAtMs`; default the system's. */
  readonly now?: () => number;
  /** Real time, for the exit grace; default the system's. */
  readonly realNow?: () => number;
}

/**
 * Starts the client under test as a child process speaking the adapter protocol v1 (DESIGN.md §5) on
 * stdin/stdout: the process (adapter-process.ts) and the protocol over it (stdio-session.ts), once per
 * scenario.
 */
export function stdioAdapterLauncher(options: StdioAdapterOptions): AdapterLauncher {
  return function launchStdioAdapter(environment: AdapterEnvironment): Promise<AdapterSession> {
    return startStdioSession(
      (events) =>
        spawnAdapterProcess(
          {
            command: options.command,
            ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
            env: { ...(options.baseEnv ?? process.env), ...environment },
            exitGraceMs: options.exitGraceMs ?? 2_000,
            ...(options.realNow === undefined ? {} : { now: options.realNow }),
          },
          events,
        ),
      {
        readyTimeoutMs: options.readyTimeoutMs,
        secrets: [environment.VECTORCARE_CLIENT_SECRET],
        now: options.now ?? systemNow,
      },
    );
  };
}
