import { createApp, type MockServer } from '../mock-server/index.js';

/**
 * `GET path` on the mock's app as the Node server calls it, with the socket's remote address the control
 * guard reads: how a test asks "and from another machine?" without one.
 */
export function fetchFromAddress(
  mock: MockServer,
  path: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const app = createApp(mock.context, mock.control);
  return Promise.resolve(
    app.fetch(new Request(`${mock.url}${path}`, { headers }), {
      incoming: { socket: { remoteAddress } },
    } as never),
  );
}
