import { connect, type Socket } from 'node:net';

/** A connection handed out for one request, and whether it was used before (a stale one may fail at once). */
export interface LeasedConnection {
  readonly socket: Socket;
  readonly reused: boolean;
}

/** Idle connections are closed after this, before the usual 5 s keep-alive of a Node server closes them. */
export const IDLE_CONNECTION_MS = 4_000;

/**
 * Keep-alive connections for plain HTTP/1.1 webhook posts, per `host:port`, newest first. An idle connection
 * holds no reference on the event loop (it never keeps a process alive), closes itself after 4 s idle or
 * when bytes arrive on it unasked, and leaves the pool if the receiver closes it.
 */
export class Http1Connections {
  readonly #idle = new Map<string, Socket[]>();
  #destroyed = false;

  /** A connection to `host:port`: an idle one if there is, else a new one (connecting). */
  lease(host: string, port: number): LeasedConnection {
    const key = `${host}:${port}`;
    const idle = this.#idle.get(key);
    while (idle !== undefined && idle.length > 0) {
      const socket = idle.pop() as Socket;
      if (socket.destroyed || !socket.writable) continue;
      socket.removeListener('close', forgetIdle);
      socket.removeListener('error', ignoreIdleError);
      socket.removeListener('timeout', closeIdle);
      socket.removeListener('data', closeIdle);
      socket.setTimeout(0);
      socket.ref();
      return { socket, reused: true };
    }
    const socket = connect({ host, port, noDelay: true });
    return { socket, reused: false };
  }

  /** Takes a connection back after a complete answer that allows reuse; anything else is destroyed. */
  release(host: string, port: number, socket: Socket): void {
    if (this.#destroyed || socket.destroyed) {
      socket.destroy();
      return;
    }
    const key = `${host}:${port}`;
    let idle = this.#idle.get(key);
    if (idle === undefined) {
      idle = [];
      this.#idle.set(key, idle);
    }
    const list = idle;
    (socket as Socket & { poolList?: Socket[] }).poolList = list;
    socket.on('close', forgetIdle);
    socket.on('error', ignoreIdleError);
    socket.on('timeout', closeIdle);
    // Bytes on an idle connection answer nothing we asked: its state is unknown, as with bytes left over
    // after an answer (http1-response.ts), so it is not reused.
    socket.on('data', closeIdle);
    socket.setTimeout(IDLE_CONNECTION_MS);
    socket.unref();
    list.push(socket);
  }

  /** Closes every idle connection; connections in use are closed by their requests. */
  destroy(): void {
    this.#destroyed = true;
    for (const list of this.#idle.values()) for (const socket of list.splice(0)) socket.destroy();
    this.#idle.clear();
  }
}

/** A pooled connection closed while idle leaves its list. */
function forgetIdle(this: Socket): void {
  const list = (this as Socket & { poolList?: Socket[] }).poolList;
  const at = list?.indexOf(this) ?? -1;
  if (at >= 0) list?.splice(at, 1);
}

/** An idle connection closes itself after a while, or when it gets bytes nobody asked for. */
function closeIdle(this: Socket): void {
  this.destroy();
}

/** An idle connection's error (a reset by the receiver) only closes it. */
function ignoreIdleError(): void {}
