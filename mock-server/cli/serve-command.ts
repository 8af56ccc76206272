import type { CommandIo } from '../../shared/command-io.js';
import { PACKAGE_INFO } from '../../shared/package-info.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';
import { DEMO_CLIENT } from '../options.js';
import { redactedUrl } from '../webhooks/redacted-url.js';
import { resolveServeOptions, SERVE_USAGE } from './serve-options.js';

function banner(server: MockServer, usesDemoClient: boolean, controlLocked: boolean): string[] {
  const key = server.context.key;
  const clients = server.context.clients.list();
  const lines = [
    `${PACKAGE_INFO.name} ${PACKAGE_INFO.version} listening on ${server.url}`,
    `  token endpoint   ${server.tokenUrl}`,
    `  hub API          ${server.apiUrl}`,
    `  JWKS             ${server.jwksUrl}`,
    `  metadata         ${server.url}/.well-known/oauth-authorization-server`,
    `  control API      ${server.url}/__control/ (${controlLocked ? 'requires the control token' : 'loopback only'})`,
    `  dashboard        ${server.url}/__dashboard/ (${controlLocked ? 'asks for the control token' : 'loopback only'})`,
  ];
  for (const client of clients) {
    // Only the embedded demo client's secret is public; secrets from a config file are never printed.
    const secret =
      usesDemoClient && client.clientId === DEMO_CLIENT.clientId
        ? ` client_secret=${DEMO_CLIENT.clientSecret}`
        : '';
    lines.push(`  client           client_id=${client.clientId}${secret} (expires_in ${client.expiresIn} s)`);
  }
  lines.push(
    key.isTestOnly
      ? `  signing key      TEST-ONLY key ${key.origin} (public, committed: for tests only) kid=${key.kid}`
      : `  signing key      ${key.origin} kid=${key.kid}`,
  );
  const webhookKey = server.context.webhookKey;
  lines.push(
    webhookKey.isTestOnly
      ? `  webhook key      TEST-ONLY key ${webhookKey.origin} (public, committed: for tests only)`
      : `  webhook key      ${webhookKey.origin}`,
    `  webhook PEM      ${server.webhookPublicKeyUrl} (verify X-VectorCare-Signature with it):`,
    ...webhookKey.publicKeyPem
      .trimEnd()
      .split('\n')
      .map((line) => `    ${line}`),
  );
  for (const subscription of server.context.webhooks.subscriptions.list())
    lines.push(
      `  webhooks to      ${redactedUrl(subscription.url)} (${subscription.subscriptionId}${subscription.clientId === null ? '' : `, client ${subscription.clientId}`})`,
    );
  lines.push('Press Ctrl+C to stop.');
  return lines;
}

/** `vectorcare-auth-mock serve`: starts the mock and runs until SIGINT or SIGTERM. Resolves to the exit code. */
export async function runServe(args: readonly string[], io: CommandIo): Promise<number> {
  const resolved = await resolveServeOptions(args, io.env);
  if (resolved.help) {
    io.out(SERVE_USAGE);
    return 0;
  }
  const server = await createMockServer(resolved.options);
  // Signals are handled before the banner says the server is up, so a supervisor that stops it as soon as
  // it reads the banner still gets a clean close.
  const closed = closeOnSignal(server, io, resolved.shutdownGraceMs);
  const usesDemoClient = resolved.options.clients === undefined;
  for (const line of banner(server, usesDemoClient, resolved.options.controlToken !== undefined))
    io.out(line);
  return closed;
}

/**
 * Closes the server on the first SIGINT or SIGTERM and resolves to 0 once it is closed. A connection that
 * does not finish within `graceMs` (a client stalled halfway through its body) would keep the process alive
 * until Node's 30 s request timeout, so the process then exits with 1; a second Ctrl+C kills it at once.
 * The default grace is 10 s (`--shutdown-grace`): 2 s was too short for requests in flight on a busy machine.
 */
function closeOnSignal(server: MockServer, io: CommandIo, graceMs: number): Promise<number> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.err(`${signal}: closing`);
      const forced = setTimeout(() => {
        io.err(`connections still open after ${graceMs} ms: exiting`);
        process.exit(1);
      }, graceMs);
      // Pending webhook retries are cancelled at once (and said so); attempts under way get a moment.
      const webhooks = server.context.webhooks.close().then((stopped) => {
        io.err(
          `webhooks: cancelled ${stopped.pendingRetries} pending ${stopped.pendingRetries === 1 ? 'retry' : 'retries'}` +
            (stopped.inFlight === 0
              ? ''
              : `; ${stopped.inFlight} attempt(s) under way were given 1 s to finish`),
        );
      });
      Promise.all([webhooks, server.close()]).then(
        () => {
          clearTimeout(forced);
          resolve(0);
        },
        () => {
          clearTimeout(forced);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
