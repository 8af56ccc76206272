import { parseArgs } from 'node:util';
import { loadConfigFile } from '../config/config-file.js';
import { ConfigError } from '../../shared/config-error.js';
import type { CreateMockServerOptions } from '../create-mock-server.js';
import { WebhookInputError } from '../webhooks/webhook-input-error.js';
import { checkWebhookUrl } from '../webhooks/webhook-url.js';

export const SERVE_USAGE = `Usage: vectorcare-auth-mock serve [options]

Starts the mock of auth.vectorcare.com and hub.vectorcare.com/openapi/v2.0.

Options (each also settable by the environment variable shown):
  --port <n>            port to listen on, 0 for any free one    VECTORCARE_MOCK_PORT      (4010)
  --host <addr>         interface to listen on                   VECTORCARE_MOCK_HOST      (127.0.0.1)
  --config <file>       JSON config: clients, expires_in, ...    VECTORCARE_MOCK_CONFIG
  --expires-in <s>      default token lifetime in seconds        VECTORCARE_MOCK_EXPIRES_IN (3600)
  --issuer <iss>        the tokens' iss claim                    VECTORCARE_MOCK_ISSUER    (the base URL)
  --key <file>          RSA signing key, PEM or JWK              VECTORCARE_MOCK_KEY       (test-only key)
  --generate-key        make a fresh signing key at start        VECTORCARE_MOCK_GENERATE_KEY=1
  --webhook-url <url>   send webhooks to this URL (repeatable;   VECTORCARE_MOCK_WEBHOOK_URL
                        replaces the config file's webhooks)       (space-separated)
  --webhook-key <file>  RSA key webhooks are signed with         VECTORCARE_MOCK_WEBHOOK_KEY (test-only key)
  --control-token <t>   allow the control API from any address,  VECTORCARE_MOCK_CONTROL_TOKEN
                        only with "Authorization: Bearer <t>"
  --keep-alive-timeout <s>
                        seconds an idle connection stays open    VECTORCARE_MOCK_KEEP_ALIVE_TIMEOUT (120)
  --shutdown-grace <s>  seconds requests in flight may take      VECTORCARE_MOCK_SHUTDOWN_GRACE (10)
                        after SIGINT/SIGTERM before exit code 1
  -h, --help            show this help
`;

type Env = Readonly<Record<string, string | undefined>>;

/** How long requests in flight may take once a signal came, before `serve` exits 1 anyway (default). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** What `serve` runs with: the mock's options, and how it shuts down. */
export interface ServeSettings {
  readonly help: false;
  readonly options: CreateMockServerOptions;
  readonly configFile?: string;
  /** After SIGINT or SIGTERM, how long requests in flight may take before the process exits 1. */
  readonly shutdownGraceMs: number;
}

function integer(value: string, source: string, min: number, max: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(source, 'value', `must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

/** An on/off environment variable: `1`/`true` on, `0`/`false`/empty/unset off; anything else is refused. */
function switchOn(env: Env, variable: string): boolean {
  const value = (env[variable] ?? '').trim().toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '' || value === '0' || value === 'false') return false;
  throw new ConfigError(variable, 'value', `must be 1, true, 0 or false, got "${env[variable] ?? ''}"`);
}

/** `serve`'s options from flags, environment and config file; flags win over environment over file. */
export async function resolveServeOptions(
  args: readonly string[],
  env: Env,
): Promise<{ help: true } | ServeSettings> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        'expires-in': { type: 'string' },
        issuer: { type: 'string' },
        key: { type: 'string' },
        'generate-key': { type: 'boolean' },
        'control-token': { type: 'string' },
        'webhook-url': { type: 'string', multiple: true },
        'webhook-key': { type: 'string' },
        'keep-alive-timeout': { type: 'string' },
        'shutdown-grace': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigError('serve', 'arguments', (error as Error).message);
  }
  const flags = parsed.values;
  if (flags.help === true) return { help: true };

  const pick = (flag: string | undefined, name: string): [string, string] | undefined => {
    if (flag !== undefined) return [flag, `--${name}`];
    const variable = `VECTORCARE_MOCK_${name.toUpperCase().replace(/-/g, '_')}`;
    const fromEnv = env[variable];
    return fromEnv === undefined || fromEnv === '' ? undefined : [fromEnv, variable];
  };

  const configFile = pick(flags.config, 'config')?.[0];
  const options: { -readonly [K in keyof CreateMockServerOptions]: CreateMockServerOptions[K] } =
    configFile === undefined ? {} : { ...(await loadConfigFile(configFile)) };

  const port = pick(flags.port, 'port');
  if (port !== undefined) options.port = integer(port[0], port[1], 0, 65_535);
  const host = pick(flags.host, 'host');
  if (host !== undefined) options.host = host[0];
  const expiresIn = pick(flags['expires-in'], 'expires-in');
  if (expiresIn !== undefined) options.defaultExpiresIn = integer(expiresIn[0], expiresIn[1], 1, 31_536_000);
  const issuer = pick(flags.issuer, 'issuer');
  if (issuer !== undefined) options.issuer = issuer[0];
  const key = pick(flags.key, 'key');
  if (key !== undefined) options.keyFile = key[0];
  const generate = flags['generate-key'] === true || switchOn(env, 'VECTORCARE_MOCK_GENERATE_KEY');
  if (generate && key !== undefined) {
    throw new ConfigError(key[1], 'key', 'cannot be combined with --generate-key: pick one signing key');
  }
  if (generate) options.generateKey = true;
  const controlToken = pick(flags['control-token'], 'control-token');
  if (controlToken !== undefined) options.controlToken = controlToken[0];
  const webhookKey = pick(flags['webhook-key'], 'webhook-key');
  if (webhookKey !== undefined) options.webhookKeyFile = webhookKey[0];
  const webhookUrls = webhookUrlsOf(flags['webhook-url'], env);
  if (webhookUrls !== undefined) options.webhookSubscriptions = webhookUrls.map((url) => ({ url }));
  const keepAlive = pick(flags['keep-alive-timeout'], 'keep-alive-timeout');
  if (keepAlive !== undefined)
    options.keepAliveTimeoutMs = integer(keepAlive[0], keepAlive[1], 1, 86_400) * 1000;
  const grace = pick(flags['shutdown-grace'], 'shutdown-grace');
  const shutdownGraceMs =
    grace === undefined ? DEFAULT_SHUTDOWN_GRACE_MS : integer(grace[0], grace[1], 0, 3_600) * 1000;
  return configFile === undefined
    ? { help: false, options, shutdownGraceMs }
    : { help: false, options, configFile, shutdownGraceMs };
}

/** `--webhook-url` (repeatable) or `VECTORCARE_MOCK_WEBHOOK_URL` (space-separated), each checked. */
function webhookUrlsOf(flags: readonly string[] | undefined, env: Env): string[] | undefined {
  const variable = 'VECTORCARE_MOCK_WEBHOOK_URL';
  const fromEnv = env[variable]?.trim();
  const [urls, source] =
    flags !== undefined && flags.length > 0
      ? [flags, '--webhook-url']
      : fromEnv === undefined || fromEnv === ''
        ? [undefined, '']
        : [fromEnv.split(/\s+/), variable];
  if (urls === undefined) return undefined;
  return urls.map((url) => {
    try {
      return checkWebhookUrl(url);
    } catch (error) {
      if (error instanceof WebhookInputError) throw new ConfigError(source, 'url', error.problem);
      throw error;
    }
  });
}
