import { createHash, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClock,
  loadTestOnlyWebhookKey,
  RETRY_SCHEDULE_MS,
  systemNow,
  type Clock,
} from '../../mock-server/index.js';
import { PACKAGE_INFO } from '../../shared/package-info.js';
import { AdapterError } from '../adapters/adapter-error.js';
import type { ReceiverInfo } from '../adapters/receiver-protocol-messages.js';
import { receiverModuleLauncher } from '../adapters/receiver-module-adapter.js';
import type { ReceiverLauncher } from '../adapters/receiver-session.js';
import { receiverStdioLauncher } from '../adapters/receiver-stdio-adapter.js';
import type {
  ReceiverCertificationReport,
  ReceiverRuleResult,
  WebhookRunFacts,
} from '../report/receiver-report-types.js';
import {
  RECEIVER_RULES,
  RECEIVER_RULE_IDS,
  RECEIVER_SCENARIOS,
  type ReceiverRuleId,
} from '../rules/receiver-rule-catalogue.js';
import type { ReceiverKeys } from '../steps/receiver-context.js';
import { realTimeDriver, virtualTimeDriver, type TimeDriver } from '../steps/time-driver.js';
import type { CertificationProfile } from './certification-profile.js';
import { receiverMargins, receiverProfile, type ReceiverProfile } from './receiver-profile.js';
import type { KitSources } from './run-certification.js';
import { runReceiverScenario } from './run-receiver-scenario.js';

/** The receiver under test: a command speaking the stdio receiver protocol, or an in-process module. */
export type ReceiverSpec =
  | { readonly kind: 'stdio'; readonly command: string; readonly cwd?: string }
  | { readonly kind: 'module'; readonly file: string };

export interface ReceiverCertifyOptions {
  readonly receiver: ReceiverSpec;
  /** The profile, as for a client (`--profile`, `--timeout`); the receiver timing is derived from it. */
  readonly profile: CertificationProfile;
  /** The rules to run; default all of them. */
  readonly rules?: readonly ReceiverRuleId[];
  readonly onResult?: (result: ReceiverRuleResult) => void;
  /** The instant a virtual-time run starts at; default now. */
  readonly virtualStartMs?: number;
  readonly sources?: KitSources;
}

export interface ReceiverCertificationRun {
  readonly report: ReceiverCertificationReport;
  /** False when the receiver never became ready: a usage problem rather than a verdict (exit code 2). */
  readonly adapterReady: boolean;
  readonly readyError?: string;
  readonly readyLog?: string;
}

/** The time a scenario runs in: its clock, how it moves, and the launcher of receivers reading that clock. */
export interface ScenarioTime {
  readonly clock: Clock;
  readonly driver: TimeDriver;
  readonly launch: ReceiverLauncher;
}

export interface ReceiverHarness {
  readonly mode: TimeDriver['mode'];
  /**
   * A scenario's time. In real time every scenario follows the system clock. In virtual time each gets a
   * clock of its own, frozen at the run's start, so scenarios run side by side and one moving its clock to a
   * retry never fires another's.
   */
  scenarioTime(): ScenarioTime;
  readonly keys: ReceiverKeys;
  readonly profile: ReceiverProfile;
  readonly randomBytes: (size: number) => Buffer;
  readonly realNow: () => number;
  /** Removes the public key file. */
  close(): Promise<void>;
}

const otherKey = (): Promise<KeyObject> =>
  new Promise((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, _publicKey, privateKey) =>
      error === null ? resolve(privateKey) : reject(error),
    ),
  );

/**
 * Sets up a receiver run: the kit's clocks (frozen for an in-process receiver, which then runs in virtual
 * time), VectorCare's webhook key (the mock's TEST-ONLY key) with its public half in a file, another RSA key
 * for forgeries, and the launcher.
 */
export async function startReceiverHarness(
  spec: ReceiverSpec,
  base: CertificationProfile,
  virtualStartMs?: number,
  sources: KitSources = {},
): Promise<ReceiverHarness> {
  const realNow = sources.now ?? systemNow;
  const startMs = virtualStartMs ?? realNow();
  const profile = receiverProfile(base);
  const [vectorcare, other] = await Promise.all([loadTestOnlyWebhookKey(), otherKey()]);
  const dir = await mkdtemp(join(tmpdir(), 'vectorcare-receiver-kit-'));
  const publicKeyFile = join(dir, 'vectorcare-webhook-public-key.pem');
  await writeFile(publicKeyFile, vectorcare.publicKeyPem, 'utf8');
  let scenarioTime: () => ScenarioTime;
  if (spec.kind === 'module') {
    scenarioTime = () => {
      const clock = createClock({ frozenAt: startMs, realNow });
      return {
        clock,
        driver: virtualTimeDriver(clock),
        launch: receiverModuleLauncher({ file: spec.file, clock: { now: () => clock.now() }, realNow }),
      };
    };
  } else {
    const clock = createClock({ realNow });
    const shared: ScenarioTime = {
      clock,
      driver: realTimeDriver(clock),
      launch: receiverStdioLauncher({
        command: spec.command,
        readyTimeoutMs: profile.readyTimeoutMs,
        now: () => clock.now(),
        realNow,
        ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
      }),
    };
    scenarioTime = () => shared;
  }
  return {
    mode: spec.kind === 'module' ? 'virtual' : 'real',
    scenarioTime,
    keys: { vectorcare, publicKeyFile, other },
    profile,
    randomBytes: sources.randomBytes ?? randomBytes,
    realNow,
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Starts the receiver once to read its ready message, then stops it. */
export async function receiverHandshake(harness: ReceiverHarness): Promise<ReceiverInfo> {
  const session = await harness.scenarioTime().launch({
    VECTORCARE_WEBHOOK_PUBLIC_KEY: harness.keys.vectorcare.publicKeyPem,
    VECTORCARE_WEBHOOK_PUBLIC_KEY_FILE: harness.keys.publicKeyFile,
    VECTORCARE_SCENARIO: 'handshake',
  });
  const info = session.info;
  await session.close();
  return info;
}

function webhookFacts(harness: ReceiverHarness): WebhookRunFacts {
  const der = harness.keys.vectorcare.publicKey.export({ type: 'spki', format: 'der' });
  return {
    retry_schedule_ms: [...harness.profile.scheduleMs],
    vectorcare_schedule_ms: [...RETRY_SCHEDULE_MS],
    schedule_compressed: harness.profile.compressed,
    answer_limit_ms: harness.profile.answerLimitMs,
    fast_answer_ms: harness.profile.fastAnswerMs,
    signature: 'X-VectorCare-Signature: Base64 of RSA-SHA256 (PKCS#1 v1.5) over the exact body bytes',
    public_key_sha256: createHash('sha256').update(der).digest('hex'),
    test_only_key: harness.keys.vectorcare.isTestOnly,
  };
}

function notRunResult(ruleId: ReceiverRuleId, summary: string, log: string): ReceiverRuleResult {
  const scenario = RECEIVER_SCENARIOS[ruleId];
  return {
    rule: ruleId,
    level: scenario.level,
    verdict: 'ERROR',
    statement: scenario.statement,
    summary,
    evidence: [],
    duration_ms: 0,
    timeline: { lifetime_s: 0, refresh_mark: 0.8, end_ms: 0, tokens: [], calls: [], actions: [] },
    deliveries: { end_ms: 0, events: [], attempts: [], applied: [], states: [] },
    adapter_log: log,
  };
}

/**
 * Certifies a webhook receiver: checks it becomes ready, runs each rule's scenario with a receiver of its
 * own, side by side (in virtual time each on a clock of its own), and
 * assembles the report, in the client report's format with the receiver additions.
 */
export async function runReceiverCertification(
  options: ReceiverCertifyOptions,
): Promise<ReceiverCertificationRun> {
  const ruleIds = RECEIVER_RULE_IDS.filter((id) => options.rules === undefined || options.rules.includes(id));
  const now = options.sources?.now ?? systemNow;
  const startedAt = now();
  const harness = await startReceiverHarness(
    options.receiver,
    options.profile,
    options.virtualStartMs,
    options.sources,
  );
  try {
    let adapter: ReceiverInfo | null = null;
    let readyError: string | undefined;
    let readyLog = '';
    try {
      adapter = await receiverHandshake(harness);
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      readyError = error.message;
      readyLog = error.log;
    }
    let results: ReceiverRuleResult[];
    if (adapter === null) {
      results = ruleIds.map((id) =>
        notRunResult(id, `The receiver never became ready: ${readyError}.`, readyLog),
      );
      results.forEach((result) => options.onResult?.(result));
    } else {
      const run = async (id: ReceiverRuleId): Promise<ReceiverRuleResult> => {
        const result = await runReceiverScenario(RECEIVER_SCENARIOS[id], {
          ...harness,
          ...harness.scenarioTime(),
        });
        options.onResult?.(result);
        return result;
      };
      // Side by side in both modes: in virtual time each scenario has its own clock.
      results = await Promise.all(ruleIds.map(run));
    }
    const allRequiredRan = RECEIVER_RULES.filter((rule) => rule.level === 'required').every((rule) =>
      ruleIds.includes(rule.id),
    );
    const report: ReceiverCertificationReport = {
      certified:
        allRequiredRan && results.every((result) => result.level !== 'required' || result.verdict === 'PASS'),
      kit: { name: PACKAGE_INFO.name, version: PACKAGE_INFO.version },
      adapter,
      role: 'webhook-receiver',
      // No token is involved in a receiver run.
      lifetime: 0,
      profile: harness.profile.name,
      margins: { ...receiverMargins(harness.profile), time: harness.mode },
      webhook: webhookFacts(harness),
      started_at: new Date(startedAt).toISOString(),
      duration_ms: now() - startedAt,
      results,
    };
    return {
      report,
      adapterReady: adapter !== null,
      ...(readyError === undefined ? {} : { readyError, readyLog }),
    };
  } finally {
    await harness.close();
  }
}
