import { Hono } from 'hono';
import { errorReply } from '../errors/error-reply.js';
import { notFound, unknownError } from '../errors/hub-error.js';
import { MockError } from '../errors/mock-error.js';
import { createControlOperations, type ControlOperations } from '../control/control-operations.js';
import { replyResponse, type MockEnv } from './bindings.js';
import type { MockContext } from '../mock-context.js';
import { registerControlRoutes } from './control-routes.js';
import { registerDashboardRoutes } from './dashboard-routes.js';
import { registerHubRoutes } from './hub-routes.js';
import { registerTokenRoute } from './token-route.js';
import { registerWellKnownRoutes } from './well-known-routes.js';

/**
 * The whole mock as one Hono app: auth server, hub and control API on one origin. Unknown paths get
 * VectorCare's 404; anything unexpected a 500 with no stack or message in the body.
 */
export function createApp(
  context: MockContext,
  control: ControlOperations = createControlOperations(context),
): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  registerTokenRoute(app, context);
  registerWellKnownRoutes(app, context);
  registerHubRoutes(app, context);
  registerControlRoutes(app, context, control);
  registerDashboardRoutes(app, context, control);

  app.notFound(function notFoundHandler() {
    return replyResponse(errorReply(notFound()));
  });
  app.onError(function onError(error) {
    if (error instanceof MockError) return replyResponse(errorReply(error));
    console.error('vectorcare-auth-mock: unexpected error:', error instanceof Error ? error.name : 'error');
    return replyResponse(errorReply(unknownError()));
  });
  return app;
}
