import { parseArgs } from 'node:util';
import { ConfigError } from '../../shared/config-error.js';
import { isRuleId, type RuleId } from '../rules/rule-catalogue.js';
import { resolveProfile, type CertificationProfile } from '../runner/certification-profile.js';
import type { AdapterSpec } from '../runner/run-certification.js';

export const CERTIFY_USAGE = `Usage: vectorcare-auth-mock certify (--adapter "<command>" | --module <file>) [options]

Runs a client against the mock and judges its token handling, rule by rule, from the mock's recordings.

  --adapter "<command>"   start the client under test with this shell command; it speaks the stdio
                          adapter protocol (docs/adapters.md), once per scenario, in real time
  --module <file>         an in-process JavaScript adapter (default export createAdapter(env)), run
                          in virtual time: even the certification profile takes seconds
  --profile <name>        quick (default: 14 s token lifetime, the refresh model at 14 s and 28 s,
                          about 35 s) or certification (300 s, the model at 300 s and 600 s, about
                          10 minutes with --adapter); with --module the model adds 3600 s itself
  --lifetime <seconds>    the token lifetime to use instead of the profile's
  --rules <ids>           comma-separated rule ids to run (default all); a partial run is never certified
  --timeout <seconds>     the longest wait for any one adapter answer (default 5 quick, 15 certification)
  --json <file>           write the JSON report (docs/report-format.md)
  --junit <file>          write JUnit XML, one testcase per rule
  --html <file>           write the self-contained HTML report
  --check-adapter         only the handshake and one call, with what the mock saw
  -h, --help              this help

Exit codes: 0 certified (every required rule passed), 1 a required rule failed or errored,
2 bad usage or an adapter that never became ready.`;

export interface CertifyOptions {
  readonly help: boolean;
  readonly adapter: AdapterSpec;
  readonly profile: CertificationProfile;
  readonly rules: readonly RuleId[] | undefined;
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
  if (values.adapter !== undefined && values.module !== undefined)
    throw new ConfigError(SOURCE, '--adapter', 'give either --adapter or --module, not both');
  let adapter: AdapterSpec;
  if (values.adapter !== undefined) {
    if (values.adapter.trim() === '') throw new ConfigError(SOURCE, '--adapter', 'the command is empty');
    adapter = { kind: 'stdio', command: values.adapter };
  } else if (values.module !== undefined) {
    adapter = { kind: 'module', file: values.module };
  } else if (help) {
    adapter = { kind: 'stdio', command: '' };
  } else {
    throw new ConfigError(
      SOURCE,
      '--adapter',
      'give the client under test with --adapter "<command>" or --module <file>',
    );
  }
  const profileName = values.profile ?? 'quick';
  if (profileName !== 'quick' && profileName !== 'certification')
    throw new ConfigError(SOURCE, '--profile', `must be quick or certification, got "${profileName}"`);
  const lifetimeS = positiveNumber('--lifetime', values.lifetime, 86_400);
  if (lifetimeS !== undefined && (!Number.isInteger(lifetimeS) || lifetimeS < 3))
    throw new ConfigError(SOURCE, '--lifetime', 'must be a whole number of seconds, at least 3');
  const timeoutS = positiveNumber('--timeout', values.timeout, 3_600);
  let rules: RuleId[] | undefined;
  if (values.rules !== undefined) {
    const ids = values.rules
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const unknown = ids.filter((id) => !isRuleId(id));
    if (unknown.length > 0 || ids.length === 0)
      throw new ConfigError(SOURCE, '--rules', `unknown rule id(s): ${unknown.join(', ') || '(none given)'}`);
    rules = ids as RuleId[];
  }
  return {
    help,
    adapter,
    profile: resolveProfile(profileName, {
      ...(lifetimeS === undefined ? {} : { lifetimeS }),
      ...(timeoutS === undefined ? {} : { timeoutS }),
    }),
    rules,
    json: values.json,
    junit: values.junit,
    html: values.html,
    checkAdapter: values['check-adapter'] === true,
  };
}
