import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../../shared/config-error.js';
import {
  DEFAULTS,
  type ClientConfig,
  type MockServerOptions,
  type WebhookSubscriptionConfig,
} from '../options.js';
import { WebhookInputError } from '../webhooks/webhook-input-error.js';
import { checkWebhookUrl } from '../webhooks/webhook-url.js';

/** What a config file may set (snake_case, like the wire format). */
export type FileOptions = Pick<
  MockServerOptions,
  | 'host'
  | 'port'
  | 'issuer'
  | 'defaultExpiresIn'
  | 'keyFile'
  | 'clients'
  | 'recorderCapacity'
  | 'webhookKeyFile'
  | 'webhookSubscriptions'
>;

const TOP_LEVEL = [
  'host',
  'port',
  'issuer',
  'default_expires_in',
  'key_file',
  'clients',
  'recorder_capacity',
  'webhook_key_file',
  'webhooks',
];
const CLIENT_FIELDS = ['client_id', 'client_secret', 'expires_in'];
const WEBHOOK_FIELDS = ['url', 'client_id'];
const MAX_LIFETIME = 31_536_000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validation of one file: every problem is named by the file and the field. */
class FieldReader {
  constructor(readonly file: string) {}

  fail(field: string, problem: string): never {
    throw new ConfigError(this.file, field, problem);
  }

  unknownFields(object: Json, allowed: readonly string[], prefix: string): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key))
        this.fail(`${prefix}${key}`, `unknown field (allowed: ${allowed.join(', ')})`);
    }
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string' || value === '') this.fail(field, 'must be a non-empty string');
    return value;
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `must be a whole number from ${min} to ${max}`);
    }
    return value;
  }
}

/** Parses a config object already read from `file`. */
export function parseConfig(raw: unknown, file: string): FileOptions {
  const reader: FieldReader = new FieldReader(file);
  if (!isObject(raw)) reader.fail('(root)', 'must be a JSON object');
  reader.unknownFields(raw, TOP_LEVEL, '');
  const options: { -readonly [K in keyof FileOptions]: FileOptions[K] } = {};
  if (raw['host'] !== undefined) options.host = reader.string(raw['host'], 'host');
  if (raw['port'] !== undefined) options.port = reader.integer(raw['port'], 'port', 0, 65_535);
  if (raw['issuer'] !== undefined) options.issuer = reader.string(raw['issuer'], 'issuer');
  if (raw['default_expires_in'] !== undefined) {
    options.defaultExpiresIn = reader.integer(
      raw['default_expires_in'],
      'default_expires_in',
      1,
      MAX_LIFETIME,
    );
  }
  if (raw['recorder_capacity'] !== undefined) {
    options.recorderCapacity = reader.integer(raw['recorder_capacity'], 'recorder_capacity', 1, 10_000_000);
  }
  if (raw['key_file'] !== undefined) {
    options.keyFile = resolve(dirname(file), reader.string(raw['key_file'], 'key_file'));
  }
  if (raw['webhook_key_file'] !== undefined) {
    options.webhookKeyFile = resolve(
      dirname(file),
      reader.string(raw['webhook_key_file'], 'webhook_key_file'),
    );
  }
  if (raw['clients'] !== undefined) {
    const list = raw['clients'];
    if (!Array.isArray(list)) reader.fail('clients', 'must be an array of clients');
    const seen = new Set<string>();
    options.clients = (list as unknown[]).map((entry: unknown, index: number): ClientConfig => {
      const at = `clients[${index}]`;
      if (!isObject(entry)) reader.fail(at, 'must be an object with client_id and client_secret');
      reader.unknownFields(entry, CLIENT_FIELDS, `${at}.`);
      const clientId = reader.string(entry['client_id'], `${at}.client_id`);
      if (seen.has(clientId)) reader.fail(`${at}.client_id`, 'is used by an earlier client');
      seen.add(clientId);
      const clientSecret = reader.string(entry['client_secret'], `${at}.client_secret`);
      return entry['expires_in'] === undefined
        ? { clientId, clientSecret }
        : {
            clientId,
            clientSecret,
            expiresIn: reader.integer(entry['expires_in'], `${at}.expires_in`, 1, MAX_LIFETIME),
          };
    });
  }
  if (raw['webhooks'] !== undefined) {
    const list = raw['webhooks'];
    if (!Array.isArray(list)) reader.fail('webhooks', 'must be an array of {url, client_id?}');
    const known = new Set((options.clients ?? DEFAULTS.clients).map((client) => client.clientId));
    options.webhookSubscriptions = (list as unknown[]).map((entry, index): WebhookSubscriptionConfig => {
      const at = `webhooks[${index}]`;
      if (!isObject(entry)) reader.fail(at, 'must be an object with url (and client_id)');
      reader.unknownFields(entry, WEBHOOK_FIELDS, `${at}.`);
      let url: string;
      try {
        url = checkWebhookUrl(entry['url']);
      } catch (error) {
        if (error instanceof WebhookInputError) reader.fail(`${at}.url`, error.problem);
        throw error;
      }
      if (entry['client_id'] === undefined) return { url };
      const clientId = reader.string(entry['client_id'], `${at}.client_id`);
      // Clients created later through the control API cannot be named here: only those known at start.
      if (!known.has(clientId))
        reader.fail(`${at}.client_id`, 'is not one of the clients in this file (or the demo client)');
      return { url, clientId };
    });
  }
  return options;
}

/** Reads and validates a JSON config file; a problem throws a `ConfigError` naming the file and field. */
export async function loadConfigFile(file: string): Promise<FileOptions> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      path,
      '(file)',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, '(root)', `is not valid JSON${jsonErrorLocation(text, error)}`);
  }
  return parseConfig(raw, path);
}

/**
 * Where JSON.parse failed, as " at line L, column C" when it says so. Its message itself is never shown:
 * V8 quotes the text around the error, which in a config file may be a client secret.
 */
function jsonErrorLocation(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined)
    return message.includes('end of JSON input') ? ' (it ends too early)' : ' (a token is out of place)';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}
