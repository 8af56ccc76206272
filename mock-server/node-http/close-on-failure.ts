import type { ServerResponse } from 'node:http';

/**
 * The last resort of a handler that answers on the raw Node response (the fast paths): when it fails in a
 * way it did not answer itself (a bug or a throwing recorder listener, never bad input), the answer may be
 * half-written, so the connection is closed. One line goes to stderr naming the kind of error only: its
 * message could carry a token or a secret.
 */
export function closeOnFailure(outgoing: ServerResponse, what: string): (error: unknown) => void {
  return (error) => {
    console.error(
      `vectorcare-auth-mock: ${what} failed, connection closed:`,
      error instanceof Error ? error.name : 'error',
    );
    outgoing.destroy();
  };
}
