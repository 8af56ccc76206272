import type { Hono } from 'hono';
import { createControlGuard } from '../control/control-guard.js';
import { ClientExistsError, type ControlOperations } from '../control/control-operations.js';
import {
  parseClock,
  parseCreateClient,
  parseFault,
  parseRecordingsQuery,
  parseRevoke,
} from '../control/control-requests.js';
import { clientExists, invalidField, methodNotAllowed, noSuchEndpoint } from '../errors/control-error.js';
import { errorReply } from '../errors/error-reply.js';
import { MockError } from '../errors/mock-error.js';
import { incomingOf, replyResponse, type MockEnv, type MockHonoContext } from './bindings.js';
import { BodyTooLargeError, readBody } from '../wire/read-body.js';
import type { MockContext } from '../mock-context.js';
import { webhookControlRoutes } from '../control/webhook-control.js';
import type { ControlExchangeEvent, Writable } from '../recorder/recorded-event.js';

/** The control API's base path. */
export const CONTROL_BASE_PATH = '/__control';

type Handler = (c: MockHonoContext) => Promise<Response> | Response;

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json' });
const json = (status: number, body: unknown): Response =>
  replyResponse({ status, headers: JSON_HEADERS, body: JSON.stringify(body) });

/**
 * The control API under `/__control/` (openapi.yaml, DESIGN.md §4): a thin HTTP layer over the same
 * operations `createMockServer()` hands out. Every request passes the guard first, so a refused caller
 * learns nothing, not even which paths exist.
 */
export function registerControlRoutes(
  app: Hono<MockEnv>,
  context: MockContext,
  control: ControlOperations,
): void {
  const guard = createControlGuard(context.controlToken);

  async function jsonBody(c: MockHonoContext): Promise<unknown> {
    let raw: Buffer;
    try {
      raw = await readBody(c.req.raw, incomingOf(c), context.bodyLimitBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        throw invalidField('body', `must be at most ${error.limitBytes} bytes`);
      throw invalidField('body', 'could not be read');
    }
    if (raw.length === 0) return undefined;
    try {
      return JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      throw invalidField('body', 'is not valid JSON');
    }
  }

  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '/clients': {
      async POST(c) {
        const input = parseCreateClient(await jsonBody(c));
        try {
          const created = control.createClient(input);
          return json(201, {
            client_id: created.clientId,
            client_secret: created.clientSecret,
            expires_in: created.expiresIn,
          });
        } catch (error) {
          if (error instanceof ClientExistsError) throw clientExists();
          throw error;
        }
      },
    },
    '/tokens/revoke': {
      async POST(c) {
        const request = parseRevoke(await jsonBody(c));
        const revoked =
          'jti' in request ? control.revokeToken(request.jti) : control.revokeClient(request.client_id);
        return json(200, { revoked });
      },
    },
    '/faults': {
      GET: () => json(200, { faults: control.listFaults() }),
      async POST(c) {
        return json(201, control.addFault(parseFault(await jsonBody(c))));
      },
      DELETE() {
        control.clearFaults();
        return json(200, { faults: control.listFaults() });
      },
    },
    '/clock': {
      GET: () => json(200, control.clockState()),
      async POST(c) {
        const body = await jsonBody(c);
        const state = control.clockState();
        return json(
          200,
          control.setClock(parseClock(body, { nowMs: state.now_ms, offsetMs: state.offset_ms })),
        );
      },
    },
    '/recordings': {
      GET: (c) => json(200, control.recordingList(parseRecordingsQuery(new URL(c.req.url).searchParams))),
    },
    '/recordings.har': {
      GET(c) {
        const query = new URL(c.req.url).searchParams;
        for (const key of query.keys())
          if (key !== 'client_id') throw invalidField(key, 'is not a known query parameter');
        const clientId = query.get('client_id');
        return json(200, control.har(clientId === null ? {} : { clientId }));
      },
    },
    '/reset': {
      POST() {
        control.reset();
        return json(200, {});
      },
    },
  };

  // The webhook routes are transport-neutral (control/webhook-control.ts); here they get Hono's request.
  const webhookRoutes = webhookControlRoutes(control.webhooks);
  const webhookMethods = (path: string): Partial<Record<string, Handler>> | undefined => {
    const methods = webhookRoutes.match(path);
    if (methods === undefined) return undefined;
    const handlers: Partial<Record<string, Handler>> = {};
    for (const [method, handler] of Object.entries(methods))
      handlers[method] = async (c) => {
        const reply = await handler({ query: new URL(c.req.url).searchParams, json: () => jsonBody(c) });
        return json(reply.status, reply.body);
      };
    return handlers;
  };

  // Every control request is recorded as a control event, refused ones included; one that fails unexpectedly
  // is answered 500 by the app's onError.
  app.all(`${CONTROL_BASE_PATH}/*`, async function controlApi(c) {
    const url = new URL(c.req.url);
    const event: Writable<ControlExchangeEvent> = {
      kind: 'control',
      seq: 0,
      requestId: context.nextRequestId(),
      atMs: context.clock.now(),
      durationMs: 0,
      method: c.req.method,
      path: url.pathname,
      queryKeys: url.search === '' ? [] : [...new Set(url.searchParams.keys())],
      status: 0,
      error: null,
    };
    let response: Response | undefined;
    try {
      response = await answerControl(c, url, event);
      return response;
    } finally {
      event.status = response?.status ?? 500;
      if (response === undefined) event.error = 'api:unknown_error';
      context.recorder.keep(event, context.clock.now());
    }
  });

  async function answerControl(
    c: MockHonoContext,
    url: URL,
    event: Writable<ControlExchangeEvent>,
  ): Promise<Response> {
    try {
      const incoming = incomingOf(c);
      guard({
        // A socket that already closed has no address: refuse it rather than mistake it for in-process.
        remoteAddress: incoming === undefined ? undefined : (incoming.socket.remoteAddress ?? ''),
        authorization: c.req.header('authorization'),
      });
      const path = url.pathname.slice(CONTROL_BASE_PATH.length).replace(/\/$/, '');
      const methods = routes[path] ?? webhookMethods(path);
      if (methods === undefined) throw noSuchEndpoint();
      const handler = methods[c.req.method];
      if (handler === undefined) throw methodNotAllowed(Object.keys(methods));
      return await handler(c);
    } catch (error) {
      if (!(error instanceof MockError)) throw error;
      event.error = error.code;
      return replyResponse(errorReply(error));
    }
  }
}
