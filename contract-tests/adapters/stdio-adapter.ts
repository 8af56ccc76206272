import { systemNow } from '../../mock-server/index.js';
import { commandStarter, type AdapterCommand } from './adapter-process.js';
import type { AdapterEnvironment, AdapterLauncher, AdapterSession } from './adapter-session.js';
import { startStdioSession } from './stdio-session.js';

export interface StdioAdapterOptions extends AdapterCommand {
  /** How long the adapter may take to print its ready message. */
  readonly readyTimeoutMs: number;
  /** The time source for `answeredAtMs`; default the system's. */
  readonly now?: () => number;
}

/**
 * Starts the client under test as a child process speaking the adapter protocol v1 (DESIGN.md §5) on
 * stdin/stdout: the process (adapter-process.ts) and the protocol over it (stdio-session.ts), once per
 * scenario.
 */
export function stdioAdapterLauncher(options: StdioAdapterOptions): AdapterLauncher {
  return function launchStdioAdapter(environment: AdapterEnvironment): Promise<AdapterSession> {
    return startStdioSession(commandStarter(options, { ...environment }), {
      readyTimeoutMs: options.readyTimeoutMs,
      secrets: [environment.VECTORCARE_CLIENT_SECRET],
      now: options.now ?? systemNow,
    });
  };
}
