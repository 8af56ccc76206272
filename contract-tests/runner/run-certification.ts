import { randomBytes } from 'node:crypto';
import { createClock, createMockServer, systemNow, type MockServer } from '../../mock-server/index.js';
import { PACKAGE_INFO } from '../../shared/package-info.js';
import { AdapterError } from '../adapters/adapter-error.js';
import type { AdapterLauncher } from '../adapters/adapter-session.js';
import { moduleAdapterLauncher } from '../adapters/module-adapter.js';
import { stdioAdapterLauncher } from '../adapters/stdio-adapter.js';
import type { AdapterInfo, CertificationReport, RuleResult } from '../report/report-types.js';
import { buildTimeline } from '../report/timeline-builder.js';
import { RULES, RULE_IDS, SCENARIOS, type RuleId } from '../rules/rule-catalogue.js';
import { Observation } from '../steps/observation.js';
import { realTimeDriver, virtualTimeDriver, type TimeDriver } from '../steps/time-driver.js';
import { reportModel } from '../report/refresh-report.js';
import { measureRefreshModel, type RefreshMeasurement } from '../steps/refresh-measurement.js';
import { profileMargins, refreshTiming, type CertificationProfile } from './certification-profile.js';
import { runScenario } from './run-scenario.js';

/** How long the kit's mock keeps an idle connection: the whole of the longest run (certification, ~7 min). */
const KIT_KEEP_ALIVE_MS = 15 * 60_000;

/** The client under test: a command speaking the stdio protocol, or an in-process module. */
export type AdapterSpec =
  | { readonly kind: 'stdio'; readonly command: string; readonly cwd?: string }
  | { readonly kind: 'module'; readonly file: string };

export interface CertifyOptions {
  readonly adapter: AdapterSpec;
  readonly profile: CertificationProfile;
  /** The rules to run; default all of them. */
  readonly rules?: readonly RuleId[];
  /** Called as each rule's result is known. */
  readonly onResult?: (result: RuleResult) => void;
  /** The instant a virtual-time run starts at; default now. */
  readonly virtualStartMs?: number;
  /** Where the kit's time and randomness come from; default the system's. */
  readonly sources?: KitSources;
}

/** The kit's sources of time and randomness, injected so a test can pin them. */
export interface KitSources {
  /** Real time, epoch ms: the report's `started_at` and `duration_ms`, a virtual run's start. */
  readonly now?: () => number;
  /** Random bytes: the nonce in each scenario's client id and request ids, the wrong secret. */
  readonly randomBytes?: (size: number) => Buffer;
}

export interface CertificationRun {
  readonly report: CertificationReport;
  /** False when the adapter never became ready: a usage problem rather than a verdict (exit code 2). */
  readonly adapterReady: boolean;
  /** Why the adapter never became ready, and its stderr until then. */
  readonly readyError?: string;
  readonly readyLog?: string;
}

interface Harness {
  readonly mock: MockServer;
  readonly launch: AdapterLauncher;
  readonly driver: TimeDriver;
  readonly randomBytes: (size: number) => Buffer;
}

/** Starts the mock on a free loopback port, with a frozen clock for in-process (virtual time) adapters. */
export async function startHarness(
  adapter: AdapterSpec,
  profile: CertificationProfile,
  virtualStartMs?: number,
  sources: KitSources = {},
): Promise<Harness> {
  const virtual = adapter.kind === 'module';
  const realNow = sources.now ?? systemNow;
  const clock = virtual
    ? createClock({ frozenAt: virtualStartMs ?? realNow(), realNow })
    : createClock({ realNow });
  const mock = await createMockServer({
    port: 0,
    host: '127.0.0.1',
    clock,
    clients: [],
    // Longer than any gap between a scenario's calls. With the 5 s default of then (now 120 s), a client
    // that reused its connection just after the mock closed it got "connection reset" (golang.org/x/oauth2's
    // honours-expires-in, calls 6 s apart, beside busy loops): a race of the kit's own making, not a verdict.
    keepAliveTimeoutMs: KIT_KEEP_ALIVE_MS,
    // In virtual time a held-back answer (a delay fault) lets the virtual clock run on instead of waiting.
    ...(virtual ? { sleep: async (ms: number) => clock.advance(ms) } : {}),
  });
  const inProcessFetch: typeof fetch = (input, init) => mock.fetch(new Request(input, init));
  const launch =
    adapter.kind === 'module'
      ? moduleAdapterLauncher({
          file: adapter.file,
          fetch: inProcessFetch,
          clock: { now: () => clock.now() },
          realNow,
        })
      : stdioAdapterLauncher({
          command: adapter.command,
          readyTimeoutMs: profile.readyTimeoutMs,
          now: () => clock.now(),
          realNow,
          ...(adapter.cwd === undefined ? {} : { cwd: adapter.cwd }),
        });
  return {
    mock,
    launch,
    driver: virtual ? virtualTimeDriver(clock) : realTimeDriver(clock),
    randomBytes: sources.randomBytes ?? randomBytes,
  };
}

/** A function that runs `make` on its first call and returns that same promise afterwards. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** Starts the adapter once with its own client to read its ready message, then stops it. */
export async function handshake(harness: Harness): Promise<AdapterInfo> {
  const client = harness.mock.control.createClient({ expiresIn: 60 });
  const session = await harness.launch({
    VECTORCARE_TOKEN_URL: harness.mock.tokenUrl,
    VECTORCARE_API_URL: harness.mock.apiUrl,
    VECTORCARE_CLIENT_ID: client.clientId,
    VECTORCARE_CLIENT_SECRET: client.clientSecret,
    VECTORCARE_SCENARIO: 'handshake',
  });
  const info = session.info;
  await session.close();
  return info;
}

function notRunResult(
  ruleId: RuleId,
  summary: string,
  profile: CertificationProfile,
  t0: number,
  log: string,
): RuleResult {
  const scenario = SCENARIOS[ruleId];
  const lifetimeS = scenario.lifetime?.(profile, 'real') ?? profile.lifetimeS;
  return {
    rule: ruleId,
    level: scenario.level,
    verdict: 'ERROR',
    statement: scenario.statement,
    summary,
    evidence: [],
    duration_ms: 0,
    timeline: buildTimeline(new Observation([], [], t0), [], lifetimeS, t0),
    adapter_log: log,
  };
}

/**
 * Certifies a client: starts the mock in-process, checks the adapter becomes ready, runs each rule's
 * scenario (side by side in real time, one after another in virtual time, where they share the clock),
 * and assembles the report.
 */
export async function runCertification(options: CertifyOptions): Promise<CertificationRun> {
  const { profile } = options;
  const ruleIds = RULE_IDS.filter((id) => options.rules === undefined || options.rules.includes(id));
  const now = options.sources?.now ?? systemNow;
  const startedAt = now();
  const harness = await startHarness(options.adapter, profile, options.virtualStartMs, options.sources);
  const t0 = harness.driver.now();
  try {
    let adapter: AdapterInfo | null = null;
    let readyError: string | undefined;
    let readyLog = '';
    try {
      adapter = await handshake(harness);
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      readyError = error.message;
      readyLog = error.log;
    }
    let results: RuleResult[];
    let measured: Promise<RefreshMeasurement> | undefined;
    if (adapter === null) {
      results = ruleIds.map((id) =>
        notRunResult(id, `The adapter never became ready: ${readyError}.`, profile, t0, readyLog),
      );
      results.forEach((result) => options.onResult?.(result));
    } else {
      const refreshModel = once(() =>
        measureRefreshModel({
          mock: harness.mock,
          launch: harness.launch,
          driver: harness.driver,
          profile,
          randomBytes: harness.randomBytes,
          timing: refreshTiming(profile, harness.driver.mode),
        }),
      );
      // In real time the measurement runs beside the scenarios from the start; in virtual time when first
      // asked for, since everything there shares the clock and runs in turn.
      if (harness.driver.mode === 'real' && ruleIds.some((id) => SCENARIOS[id].usesRefreshModel === true))
        measured = refreshModel();
      const run = async (id: RuleId): Promise<RuleResult> => {
        const result = await runScenario(SCENARIOS[id], {
          ...harness,
          profile,
          refreshModel: () => (measured ??= refreshModel()),
        });
        options.onResult?.(result);
        return result;
      };
      if (harness.driver.mode === 'real') results = await Promise.all(ruleIds.map(run));
      else {
        results = [];
        for (const id of ruleIds) results.push(await run(id));
      }
    }
    const allRequiredRan = RULES.filter((rule) => rule.level === 'required').every((rule) =>
      ruleIds.includes(rule.id),
    );
    const report: CertificationReport = {
      certified:
        allRequiredRan && results.every((result) => result.level !== 'required' || result.verdict === 'PASS'),
      kit: { name: PACKAGE_INFO.name, version: PACKAGE_INFO.version },
      adapter,
      lifetime: profile.lifetimeS,
      profile: profile.name,
      margins: { ...profileMargins(profile, harness.driver.mode), time: harness.driver.mode },
      started_at: new Date(startedAt).toISOString(),
      duration_ms: now() - startedAt,
      results,
      ...(measured === undefined ? {} : { refresh_model: reportModel(await measured) }),
    };
    return {
      report,
      adapterReady: adapter !== null,
      ...(readyError === undefined ? {} : { readyError, readyLog }),
    };
  } finally {
    await harness.mock.close();
  }
}
