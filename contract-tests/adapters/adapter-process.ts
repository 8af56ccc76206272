import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { systemNow } from '../../mock-server/index.js';
import { BoundedLog } from './bounded-log.js';

export interface AdapterProcessOptions {
  /** The shell command that starts the adapter. */
  readonly command: string;
  /** Working directory; default the current one. */
  readonly cwd?: string;
  /** The child's whole environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** After the last words, how long it may take to exit before SIGTERM, and after SIGTERM before SIGKILL. */
  readonly exitGraceMs: number;
  /** Real time, for the grace deadlines; default the system's. */
  readonly now?: () => number;
}

/** What happens to the process, as the protocol session learns of it. */
export interface AdapterProcessEvents {
  /** One line the adapter wrote on stdout. */
  readonly line: (line: string) => void;
  /** The process could not be started. */
  readonly spawnError: (error: Error) => void;
  /** The process exited before `stop()` was called: `code 3` or `signal SIGKILL`. */
  readonly exit: (how: string) => void;
}

/** A running adapter process: its stdout lines, its stdin, its stderr kept as the log, and how to end it. */
export interface AdapterProcess {
  /** Writes to the adapter's stdin; a process that already exited is not written to. */
  write(text: string): void;
  /** The adapter's stderr so far (bounded), with anything the kit appended; secrets are not removed here. */
  readonly stderr: BoundedLog;
  /**
   * Ends the process: writes `lastWords` and closes stdin, waits for the whole process group to exit,
   * then SIGTERM, then SIGKILL, each after the grace. Resolves once it is gone (or SIGKILL's grace passed).
   */
  stop(lastWords: string): Promise<void>;
  /** True once `stop()` was called. */
  readonly stopping: boolean;
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
 * Starts an adapter command in a shell, in a process group of its own, with piped stdio: the process side
 * of the stdio adapter, knowing nothing of the protocol its lines carry.
 */
export function spawnAdapterProcess(
  options: AdapterProcessOptions,
  events: AdapterProcessEvents,
): AdapterProcess {
  const now = options.now ?? systemNow;
  const stderr = new BoundedLog();
  let stopping = false;

  const child = spawn(options.command, {
    shell: true,
    detached: true,
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => stderr.append(chunk));
  // A child that exits while we write gets EPIPE; the exit handler reports it.
  child.stdin.on('error', () => undefined);
  child.once('error', (error) => events.spawnError(error));
  child.once('exit', (code, signal) => {
    if (!stopping) events.exit(signal === null ? `code ${code}` : `signal ${signal}`);
  });
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  lines.on('line', (line) => events.line(line));

  /** Resolves true once no process of the group is left, false when `ms` passed first. */
  async function groupGone(ms: number): Promise<boolean> {
    const deadline = now() + ms;
    while (signalGroup(child, 0)) {
      if (now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return true;
  }

  return {
    write(text) {
      child.stdin.write(text);
    },
    stderr,
    get stopping() {
      return stopping;
    },
    // Last words, then SIGTERM, then SIGKILL, each to the whole group: the shell may exit and leave what
    // it started running.
    async stop(lastWords) {
      stopping = true;
      if (child.stdin.writable) {
        child.stdin.write(lastWords);
        child.stdin.end();
      }
      if (!(await groupGone(options.exitGraceMs))) {
        signalGroup(child, 'SIGTERM');
        if (!(await groupGone(options.exitGraceMs))) {
          signalGroup(child, 'SIGKILL');
          await groupGone(options.exitGraceMs);
        }
      }
      running.delete(child);
      lines.close();
    },
  };
}
