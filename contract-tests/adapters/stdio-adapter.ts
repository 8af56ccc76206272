import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { AdapterInfo } from '../report/report-types.js';
import { AdapterError } from './adapter-error.js';
import type {
  AdapterCall,
  AdapterEnvironment,
  AdapterLauncher,
  AdapterSession,
  CallOutcome,
} from './adapter-session.js';
import { BoundedLog } from './bounded-log.js';
import { callLine, parseAdapterLine, SHUTDOWN_LINE } from './protocol-messages.js';
import { redactSecrets, redactSecretsInJson } from './secret-redactor.js';

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
  /** The time source for `answeredAtMs`; default `Date.now`. */
  readonly now?: () => number;
}

interface PendingCall {
  readonly resolve: (outcome: CallOutcome) => void;
  readonly reject: (error: AdapterError) => void;
}

/**
 * Adapters still running. They run in their own process groups (so the kit can end what their shell
 * started), which also means a Ctrl+C on the kit does not reach them: `killRunningAdapters` does.
 */
const running = new Set<ChildProcess>();

/** Ends every adapter process group still running, at once (SIGKILL). For the kit's own shutdown. */
export function killRunningAdapters(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
  running.clear();
}

const quote = (line: string): string => JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}...` : line);

/**
 * Sends a signal (0: none, only the check) to the adapter's whole process group: the shell and what it
 * started. False when no process of the group is left.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the client under test as a child process speaking the adapter protocol v1 (DESIGN.md §5) on
 * stdin/stdout. Anything on stdout that is not a protocol message, an exit before shutdown, or no ready
 * message in time breaks the session: pending and later calls reject with an AdapterError.
 */
export function stdioAdapterLauncher(options: StdioAdapterOptions): AdapterLauncher {
  return function launchStdioAdapter(environment: AdapterEnvironment): Promise<AdapterSession> {
    return startStdioAdapter(options, environment);
  };
}

function startStdioAdapter(
  options: StdioAdapterOptions,
  environment: AdapterEnvironment,
): Promise<AdapterSession> {
  const now = options.now ?? Date.now;
  const exitGraceMs = options.exitGraceMs ?? 2_000;
  const secrets = [environment.VECTORCARE_CLIENT_SECRET];
  const stderr = new BoundedLog();
  const pending = new Map<string, PendingCall>();
  // A result that arrives after its call timed out is late, not a protocol error.
  const timedOut = new Set<string>();
  let info: AdapterInfo | undefined;
  let broken: AdapterError | undefined;
  let shuttingDown = false;

  const child = spawn(options.command, {
    shell: true,
    detached: true,
    cwd: options.cwd,
    env: { ...(options.baseEnv ?? process.env), ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => stderr.append(chunk));
  // A child that exits while we write gets EPIPE; the exit handler reports it.
  child.stdin.on('error', () => undefined);

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
      stderr.append(`\n[kit] ${error.message}\n`);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
      if (info === undefined) {
        error.log = redactSecrets(stderr.toString(), secrets);
        rejectReady(error);
        void stop();
      }
    }

    child.once('error', (error) =>
      breakSession(new AdapterError('spawn_failed', `could not start the adapter: ${error.message}`)),
    );
    child.once('exit', (code, signal) => {
      if (shuttingDown) return;
      const how = signal === null ? `code ${code}` : `signal ${signal}`;
      const when = info === undefined ? 'before its ready message' : 'before shutdown';
      breakSession(
        new AdapterError(
          info === undefined ? 'not_ready' : 'exited',
          `the adapter exited with ${how} ${when}`,
        ),
      );
    });

    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
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
    });

    /** Resolves true once no process of the group is left, false when `ms` passed first. */
    async function groupGone(ms: number): Promise<boolean> {
      const deadline = Date.now() + ms;
      while (signalGroup(child, 0)) {
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return true;
    }

    // Shutdown, then SIGTERM, then SIGKILL, each to the whole group: the shell may exit and leave what
    // it started running.
    async function stop(): Promise<void> {
      shuttingDown = true;
      if (child.stdin.writable) {
        child.stdin.write(SHUTDOWN_LINE);
        child.stdin.end();
      }
      if (!(await groupGone(exitGraceMs))) {
        signalGroup(child, 'SIGTERM');
        if (!(await groupGone(exitGraceMs))) {
          signalGroup(child, 'SIGKILL');
          await groupGone(exitGraceMs);
        }
      }
      running.delete(child);
      lines.close();
    }

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
          child.stdin.write(callLine(call));
        });
      },
      async close() {
        if (!shuttingDown) await stop();
      },
      log: () => redactSecrets(stderr.toString(), secrets),
    };
  });
}
