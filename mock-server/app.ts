import { Hono } from 'hono';
import { errorResponse, INTERNAL_ERROR_BODY } from './errors/error-response.js';
import { HubError } from './errors/hub-error.js';
import { createControlOperations, type ControlOperations } from './control/control-operations.js';
import type { MockEnv } from './http/bindings.js';
import { jsonResponse } from './http/json-response.js';
import type { MockContext } from './mock-context.js';
import { registerControlRoutes } from './routes/control-routes.js';
import { registerHubRoutes } from './routes/hub-routes.js';
import { registerTokenRoute } from './routes/token-route.js';
import { registerWellKnownRoutes } from './routes/well-known-routes.js';

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

  app.notFound(function notFound() {
    return errorResponse(HubError.of(404, 'api:not_found')) as Response;
  });
  app.onError(function onError(error) {
    const known = errorResponse(error);
    if (known !== undefined) return known;
    console.error('vectorcare-auth-mock: unexpected error:', error instanceof Error ? error.name : 'error');
    return jsonResponse(500, INTERNAL_ERROR_BODY);
  });
  return app;
}
