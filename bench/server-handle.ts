import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerKind, ServerMessage, ServerRequest } from './server-process.js';

const SERVER_PROCESS = fileURLToPath(new URL('./server-process.js', import.meta.url));

/** What the server process reports about itself (CPU, memory, and the mock's bounded structures). */
export type ServerStats = Omit<Extract<ServerMessage, { readonly type: 'stats' }>, 'type'>;

/** A server under load, running in a child process so the load generator never shares its CPU time. */
export interface ServerHandle {
  readonly kind: ServerKind;
  readonly url: string;
  readonly tokenUrl: string;
  readonly pid: number;
  /** The child's own CPU time (µs, all its threads) and memory (bytes; after a full GC if asked). */
  stats(collectGarbage?: boolean): Promise<ServerStats>;
  close(): Promise<void>;
}

function nextMessage(child: ChildProcess, type: ServerMessage['type']): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage): void => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`server process exited (${code ?? 'signal'}) before "${type}"`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Starts a server of `kind` in a child process and resolves once it listens. */
export async function startServer(kind: ServerKind): Promise<ServerHandle> {
  const child = fork(SERVER_PROCESS, [kind], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'ready');
  if (ready.type !== 'ready') throw new Error('unexpected message');
  const request = (message: ServerRequest): void => void child.send(message);
  return {
    kind,
    url: ready.url,
    tokenUrl: ready.tokenUrl,
    pid: child.pid ?? 0,
    async stats(collectGarbage = false) {
      const reply = nextMessage(child, 'stats');
      request({ type: 'stats', collectGarbage });
      const message = await reply;
      if (message.type !== 'stats') throw new Error('unexpected message');
      const { type: _type, ...stats } = message;
      return stats;
    },
    close() {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(forced);
          resolve();
        });
        request({ type: 'close' });
      });
    },
  };
}
