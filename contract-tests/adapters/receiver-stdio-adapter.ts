import { systemNow } from '../../mock-server/index.js';
import { commandStarter, type AdapterCommand } from './adapter-process.js';
import { startLineSession } from './line-session.js';
import { parseReceiverLine, stateQueryLine } from './receiver-protocol-messages.js';
import { AppliedFeed, type ReceiverLauncher, type ReceiverSession } from './receiver-session.js';

export interface ReceiverStdioOptions extends AdapterCommand {
  /** How long it may take to print its ready message (its HTTP server listening). */
  readonly readyTimeoutMs: number;
  /** The kit's clock, for when applied messages and state answers arrive; default the system's. */
  readonly now?: () => number;
}

/**
 * Starts the webhook receiver under test as a child process speaking the receiver protocol v1 (DESIGN.md
 * §8) on stdin/stdout, once per scenario: the same process lifecycle (adapter-process.ts) and line session
 * (line-session.ts) as a client adapter, with the receiver's messages. Deliveries go to the URL of its
 * ready message.
 */
export function receiverStdioLauncher(options: ReceiverStdioOptions): ReceiverLauncher {
  return async function launchStdioReceiver(environment): Promise<ReceiverSession> {
    const now = options.now ?? systemNow;
    const feed = new AppliedFeed();
    const lines = await startLineSession(commandStarter(options, { ...environment }), {
      parse: parseReceiverLine,
      readyTimeoutMs: options.readyTimeoutMs,
      secrets: [],
      now,
      onNote: (message, atMs) => feed.push(message, atMs),
      names: { reply: 'state answer', id: 'query id' },
    });
    return {
      get info() {
        return lines.info;
      },
      // The ready message was checked to carry an http(s) URL.
      target: { kind: 'http', url: lines.info.url as string },
      onApplied: (listener) => feed.subscribe(listener),
      state: (id, serviceRequestId, timeoutMs) =>
        lines.request(id, stateQueryLine(id, serviceRequestId), timeoutMs),
      failure: () => lines.failure(),
      onFailure: (listener) => lines.onFailure(listener),
      close: () => lines.close(),
      log: () => lines.log(),
    };
  };
}
