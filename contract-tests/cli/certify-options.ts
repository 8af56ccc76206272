import { parseArgs } from 'node:util';
import { ConfigError } from '../../shared/config-error.js';
import { isReceiverRuleId, type ReceiverRuleId } from '../rules/receiver-rule-catalogue.js';
import { isRuleId, type RuleId } from '../rules/rule-catalogue.js';
import { resolveProfile, type CertificationProfile } from '../runner/certification-profile.js';
import type { AdapterSpec } from '../runner/run-certification.js';
import type { ReceiverSpec } from '../runner/run-receiver-certification.js';

export const CERTIFY_USAGE = `Usage: vectorcare-auth-mock certify (--adapter "<command>" | --module <file>) [options]
       vectorcare-auth-mock certify (--receiver "<command>" | --receiver-module <file>) [options]

Runs a client against the mock and judges its token handling, rule by rule, from the mock's recordings;
or delivers VectorCare's webhooks to a receiver and judges how it handles them.

  --adapter "<command>"   start the client under test with this shell command; it speaks the stdio
                          adapter protocol (docs/adapters.md), once per scenario, in real time
  --module <file>         an in-process JavaScript adapter (default export createAdapter(env)), run
                          in virtual time: even the certification profile takes seconds
  --receiver "<command>"  start the webhook receiver under test with this shell command; it speaks the
                          receiver protocol (docs/adapters.md), once per scenario, in real time
  --receiver-module <file>
                          an in-process JavaScript receiver (default export createAdapter(env) with a
                          Fetch-style fetch(request)), run in virtual time
  --profile <name>        quick (default: 14 s token lifetime, the refresh model at 14 s and 28 s,
                          about 35 s; receivers: the 8/64 s retry schedule compressed to 2/16 s) or
                          certification (300 s, the model at 300 s and 600 s, about 10 minutes with
                          --adapter; receivers: VectorCare's 0/8/64 s schedule); with --module the
                          model adds 3600 s itself
  --lifetime <seconds>    the token lifetime to use instead of the profile's (clients only)
  --rules <ids>           comma-separated rule ids to run (default all); a partial run is never certified
  --timeout <seconds>     the longest wait for any one adapter answer (default 5 quick, 15 certification),
                          and for its ready message
  --json <file>           write the JSON report (docs/report-format.md)
  --junit <file>          write JUnit XML, one testcase per rule
  --html <file>           write the self-contained HTML report
  --check-adapter         only the handshake and one call (a receiver: one delivery and a state query),
                          with what the kit saw
  -h, --help              this help

Exit codes: 0 certified (every required rule passed), 1 a required rule failed or errored,
2 bad usage or an adapter that never became ready.`;

/** What is certified: a client through its adapter, or a webhook receiver. */
export type CertifyTarget =
  | { readonly kind: 'client'; readonly adapter: AdapterSpec; readonly rules: readonly RuleId[] | undefined }
  | {
      readonly kind: 'receiver';
      readonly receiver: ReceiverSpec;
      readonly rules: readonly ReceiverRuleId[] | undefined;
    };

export interface CertifyOptions {
  readonly help: boolean;
  readonly target: CertifyTarget;
  readonly profile: CertificationProfile;
  readonly json: string | undefined;
  readonly junit: string | undefined;
  readonly html: string | undefined;
  readonly checkAdapter: boolean;
}

const SOURCE = 'certify';

function positiveNumber(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > max)
    throw new ConfigError(
      SOURCE,
      flag,
      `must be a number of seconds above 0 and at most ${max}, got "${value}"`,
    );
  return number;
}

/** Parses and validates `certify`'s arguments; throws a ConfigError naming the flag on bad usage. */
export function parseCertifyOptions(args: readonly string[]): CertifyOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        adapter: { type: 'string' },
        module: { type: 'string' },
        receiver: { type: 'string' },
        'receiver-module': { type: 'string' },
        profile: { type: 'string' },
        lifetime: { type: 'string' },
        rules: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'string' },
        junit: { type: 'string' },
        html: { type: 'string' },
        'check-adapter': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ConfigError(SOURCE, 'arguments', error instanceof Error ? error.message : String(error));
  }
  const help = values.help === true;
  const given = (
    [
      ['--adapter', values.adapter],
      ['--module', values.module],
      ['--receiver', values.receiver],
      ['--receiver-module', values['receiver-module']],
    ] as const
  ).filter(([, value]) => value !== undefined);
  if (given.length > 1)
    throw new ConfigError(
      SOURCE,
      given[0]?.[0] ?? '--adapter',
      `give one of --adapter, --module, --receiver and --receiver-module, not both ${given.map(([flag]) => flag).join(' and ')}`,
    );
  const command = (flag: string, value: string): string => {
    if (value.trim() === '') throw new ConfigError(SOURCE, flag, 'the command is empty');
    return value;
  };
  let subject: { kind: 'client'; adapter: AdapterSpec } | { kind: 'receiver'; receiver: ReceiverSpec };
  if (values.adapter !== undefined)
    subject = { kind: 'client', adapter: { kind: 'stdio', command: command('--adapter', values.adapter) } };
  else if (values.module !== undefined)
    subject = { kind: 'client', adapter: { kind: 'module', file: values.module } };
  else if (values.receiver !== undefined)
    subject = {
      kind: 'receiver',
      receiver: { kind: 'stdio', command: command('--receiver', values.receiver) },
    };
  else if (values['receiver-module'] !== undefined)
    subject = { kind: 'receiver', receiver: { kind: 'module', file: values['receiver-module'] } };
  else if (help) subject = { kind: 'client', adapter: { kind: 'stdio', command: '' } };
  else
    throw new ConfigError(
      SOURCE,
      '--adapter',
      'give the client under test with --adapter "<command>" or --module <file>, or a webhook receiver with --receiver "<command>" or --receiver-module <file>',
    );
  const profileName = values.profile ?? 'quick';
  if (profileName !== 'quick' && profileName !== 'certification')
    throw new ConfigError(SOURCE, '--profile', `must be quick or certification, got "${profileName}"`);
  if (subject.kind === 'receiver' && values.lifetime !== undefined)
    throw new ConfigError(SOURCE, '--lifetime', 'applies to clients only: a webhook receiver gets no token');
  const lifetimeS = positiveNumber('--lifetime', values.lifetime, 86_400);
  if (lifetimeS !== undefined && (!Number.isInteger(lifetimeS) || lifetimeS < 3))
    throw new ConfigError(SOURCE, '--lifetime', 'must be a whole number of seconds, at least 3');
  const timeoutS = positiveNumber('--timeout', values.timeout, 3_600);
  let rules: string[] | undefined;
  if (values.rules !== undefined) {
    const known = subject.kind === 'client' ? isRuleId : isReceiverRuleId;
    const ids = values.rules
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const unknown = ids.filter((id) => !known(id));
    if (unknown.length > 0 || ids.length === 0)
      throw new ConfigError(
        SOURCE,
        '--rules',
        `unknown ${subject.kind === 'client' ? '' : 'receiver '}rule id(s): ${unknown.join(', ') || '(none given)'}`,
      );
    rules = ids;
  }
  const target: CertifyTarget =
    subject.kind === 'client'
      ? { ...subject, rules: rules as RuleId[] | undefined }
      : { ...subject, rules: rules as ReceiverRuleId[] | undefined };
  return {
    help,
    target,
    profile: resolveProfile(profileName, {
      ...(lifetimeS === undefined ? {} : { lifetimeS }),
      ...(timeoutS === undefined ? {} : { timeoutS }),
    }),
    json: values.json,
    junit: values.junit,
    html: values.html,
    checkAdapter: values['check-adapter'] === true,
  };
}
