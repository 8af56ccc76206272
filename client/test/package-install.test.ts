import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const builtClient = join(repoRoot, 'dist/client');

// What a consumer writes, as in the README: the mock from the main export, the client from ./client.
const CONSUMER_SCRIPT = `
import { createMockServer } from 'vectorcare-auth-mock';
import { createVectorCareClient, VectorCareAuthError } from 'vectorcare-auth-mock/client';

const mock = await createMockServer({ port: 0 });
try {
  const client = createVectorCareClient({
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    tokenUrl: mock.tokenUrl,
    apiUrl: mock.apiUrl,
  });
  const token = await client.getAccessToken();
  const again = await client.getAccessToken();
  const wrong = createVectorCareClient({ clientId: 'demo-client', clientSecret: 'wrong', tokenUrl: mock.tokenUrl });
  const refusal = await wrong.getAccessToken().catch((error) => error);
  console.log(JSON.stringify({
    segments: token.split('.').length,
    reused: token === again,
    refusal: refusal instanceof VectorCareAuthError ? refusal.error : String(refusal),
  }));
} finally {
  await mock.close();
}
`;

const CONSUMER_TYPES = `
import {
  createVectorCareClient,
  createWebhookReceiver,
  verifyVectorCareSignature,
  VectorCareApiError,
  type StateUpdate,
  type VectorCareClient,
  type VectorCareWebhookEvent,
} from 'vectorcare-auth-mock/client';

declare const env: Record<string, string | undefined>;
const client: VectorCareClient = createVectorCareClient({
  clientId: 'id',
  clientSecret: 'secret',
  tokenUrl: env['VECTORCARE_TOKEN_URL'],
  refreshRatio: 0.8,
});
const update: StateUpdate = { name: 'en_route', timestamp: '2026-01-15T14:30:00Z' };
export async function send(): Promise<string | undefined> {
  try {
    const echoed: StateUpdate = await client.updateState('KP-ABCD1234', update);
    return echoed.name;
  } catch (error) {
    if (error instanceof VectorCareApiError) return error.code;
    throw error;
  }
}
const held = new Map<string, VectorCareWebhookEvent['request_status']>();
export const receiver = createWebhookReceiver({
  publicKeyPem: env['VECTORCARE_WEBHOOK_PUBLIC_KEY'] ?? '',
  onEvent: (event) => void held.set(event.service_request_id, event.request_status),
});
export const fetchHandler: (request: Request) => Promise<Response> = receiver.handle;
export async function check(raw: Uint8Array, header: string | null): Promise<boolean> {
  return verifyVectorCareSignature(raw, header, env['VECTORCARE_WEBHOOK_PUBLIC_KEY'] ?? '');
}
`;

// A partner's in-process webhook receiver, as docs/adapters.md shows it: the package's createWebhookReceiver
// behind `certify --receiver-module`, typed with the kit's public types.
const CONSUMER_RECEIVER = `
import { createWebhookReceiver } from 'vectorcare-auth-mock/client';

/** @type {import('vectorcare-auth-mock/contract-tests').CreateReceiver} */
export default function createAdapter(env) {
  const held = new Map();
  const receiver = createWebhookReceiver({
    publicKeyPem: env.VECTORCARE_WEBHOOK_PUBLIC_KEY,
    onEvent(event) {
      held.set(event.service_request_id, event);
      const { event_id, service_request_id, action, request_status } = event;
      env.applied({ event_id, service_request_id, action, request_status });
    },
  });
  return {
    name: 'consumer-receiver',
    version: '1.0.0',
    fetch: (request) => receiver.handle(request),
    state: (id) => held.get(id) ?? { request_status: null, action: null, event_id: null },
  };
}
`;

// A test suite certifying that receiver through the kit's API, in virtual time.
const CONSUMER_RECEIVER_RUN = `
import { PROFILES, renderJsonReport, runReceiverCertification } from 'vectorcare-auth-mock/contract-tests';

const { report, adapterReady } = await runReceiverCertification({
  receiver: { kind: 'module', file: 'receiver.mjs' },
  profile: PROFILES.quick,
});
const json = JSON.parse(renderJsonReport(report));
console.log(JSON.stringify({
  adapterReady,
  certified: report.certified,
  role: json.role ?? null,
  verdicts: Object.fromEntries(report.results.map((result) => [result.rule, result.verdict])),
  time: report.margins.time,
  compressed: report.webhook.schedule_compressed,
}));
`;

const CONSUMER_RECEIVER_TYPES = `
import { createWebhookReceiver } from 'vectorcare-auth-mock/client';
import {
  PROFILES,
  RECEIVER_RULE_IDS,
  checkReceiver,
  isReceiverReport,
  receiverModuleLauncher,
  runReceiverCertification,
  type AppliedMessage,
  type CreateReceiver,
  type DeliveryAttemptMark,
  type ModuleReceiver,
  type ReceiverCertificationReport,
  type ReceiverCertificationRun,
  type ReceiverCheck,
  type ReceiverLauncher,
  type ReceiverModuleEnvironment,
  type ReceiverModuleOptions,
  type ReceiverRuleId,
  type ReceiverState,
  type StateOutcome,
} from 'vectorcare-auth-mock/contract-tests';

const createAdapter: CreateReceiver = (env: ReceiverModuleEnvironment): ModuleReceiver => {
  const held = new Map<string, ReceiverState>();
  const receiver = createWebhookReceiver({
    publicKeyPem: env.VECTORCARE_WEBHOOK_PUBLIC_KEY,
    onEvent(event) {
      const applied: AppliedMessage = {
        event_id: event.event_id,
        service_request_id: event.service_request_id,
        action: event.action,
        request_status: event.request_status,
      };
      held.set(event.service_request_id, { request_status: event.request_status, action: event.action, event_id: event.event_id });
      env.applied(applied);
    },
  });
  return {
    name: 'consumer-receiver',
    version: '1.0.0',
    fetch: (request: Request) => receiver.handle(request),
    state: (id: string): ReceiverState => held.get(id) ?? { request_status: null, action: null, event_id: null },
  };
};
export default createAdapter;

const rules: readonly ReceiverRuleId[] = RECEIVER_RULE_IDS.filter((rule) => rule !== 'fast-ack');
export async function certify(): Promise<DeliveryAttemptMark[]> {
  const run: ReceiverCertificationRun = await runReceiverCertification({
    receiver: { kind: 'module', file: 'receiver.mjs' },
    profile: PROFILES.certification,
    rules,
  });
  const report: ReceiverCertificationReport = run.report;
  return isReceiverReport(report) ? report.results.flatMap((result) => [...result.deliveries.attempts]) : [];
}
export async function check(): Promise<boolean> {
  const result: ReceiverCheck = await checkReceiver({ kind: 'module', file: 'receiver.mjs' }, PROFILES.quick);
  return result.ok;
}
const options: ReceiverModuleOptions = { file: 'receiver.mjs', clock: { now: () => 0 } };
export const launch: ReceiverLauncher = receiverModuleLauncher(options);
export type Answer = StateOutcome['kind'];
`;

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>;
}

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * The folders, in the repo's node_modules, of every package an install of this one brings in: its
 * dependencies and their dependencies and required peers, found as Node finds them (the nearest
 * node_modules up from the package that needs it). These are the versions `npm ci` installed from the lockfile.
 */
async function runtimeDependencyDirs(): Promise<string[]> {
  const found = new Map<string, string>();
  const pending: { readonly name: string; readonly from: string }[] = [];
  const enqueue = (manifest: Manifest, from: string): void => {
    const optional = manifest.peerDependenciesMeta ?? {};
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => optional[name]?.optional !== true,
    );
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...peers]) pending.push({ name, from });
  };
  enqueue(await readManifest(repoRoot), repoRoot);
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    let dir = next.from;
    while (!existsSync(join(dir, 'node_modules', next.name, 'package.json'))) {
      if (dir === repoRoot || dirname(dir) === dir)
        throw new Error(`${next.name}, needed by ${next.from}, is not in node_modules: run npm ci`);
      dir = dirname(dir);
    }
    const packageDir = join(dir, 'node_modules', next.name);
    if ([...found.values()].includes(packageDir)) continue;
    found.set(`${next.name}@${packageDir}`, packageDir);
    enqueue(await readManifest(packageDir), packageDir);
  }
  return [...found.values()];
}

/** `npm pack` of `specs` into `destination`; the tarballs' paths. */
async function pack(
  specs: readonly string[],
  destination: string,
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination, ...specs],
    { cwd: repoRoot, env },
  );
  const packed = JSON.parse(stdout) as { filename: string }[];
  if (packed.length !== Math.max(1, specs.length)) throw new Error(`npm pack made ${packed.length} tarballs`);
  return packed.map((entry) => join(destination, entry.filename));
}

/**
 * Imports of devDependencies that the built code holds but never runs: the dashboard transpiles its page's
 * modules with TypeScript only when it runs from the .ts sources (the repo's tests), never from dist/.
 */
const SOURCE_ONLY_IMPORTS = new Map([['typescript', 'dist/mock-server/dashboard/dashboard-assets.js']]);

/** The module specifiers a JavaScript or declaration file imports or re-exports (static, dynamic and `import('x').T`). */
function specifiersOf(source: string): string[] {
  return [
    ...source.matchAll(
      /\b(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g,
    ),
  ].map((match) => match[1] ?? match[2] ?? '');
}

describe('vectorcare-auth-mock as an installed package', () => {
  let workDir: string;
  let appDir: string;

  beforeAll(async () => {
    if (!existsSync(join(builtClient, 'index.js')))
      throw new Error('dist/client is missing: run `npm run build` (npm test does) before this test');
    workDir = await mkdtemp(join(tmpdir(), 'vectorcare-client-pack-'));
    appDir = join(workDir, 'app');
    await mkdir(appDir);
    // A new, empty npm cache, and --offline: nothing comes from ~/.npm or the registry, so the install works
    // the same on a machine nothing has run on and on one where an earlier run warmed the cache.
    const env = { ...process.env, npm_config_cache: join(workDir, 'npm-cache') };
    const [packedSelf] = await pack([], workDir, env);
    // A registry would serve the runtime dependencies; here they are packed from the repo's node_modules, so
    // only what package.json declares is there: a dependency it forgot fails the import below.
    const packedDependencies = await pack(await runtimeDependencyDirs(), workDir, env);
    await writeFile(
      join(appDir, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--no-package-lock',
        '--no-save',
        packedSelf as string,
        ...packedDependencies,
      ],
      { cwd: appDir, env },
    );
  }, 300_000);

  afterAll(async () => {
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
  });

  it('imports and gets a token from the mock over loopback', async () => {
    await writeFile(join(appDir, 'consumer.mjs'), CONSUMER_SCRIPT);
    const { stdout } = await run(process.execPath, ['consumer.mjs'], { cwd: appDir, timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({ segments: 3, reused: true, refusal: 'invalid_client' });
  });

  it('type-checks for a TypeScript consumer with NodeNext resolution', async () => {
    await writeFile(join(appDir, 'consumer.ts'), CONSUMER_TYPES);
    await writeFile(
      join(appDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          types: [],
          skipLibCheck: true,
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: appDir }).then(
      () => 'ok',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('ok');
  });

  it('certifies a receiver module through the installed kit, by its API and by the certify command', async () => {
    await writeFile(join(appDir, 'receiver.mjs'), CONSUMER_RECEIVER);
    await writeFile(join(appDir, 'certify-receiver.mjs'), CONSUMER_RECEIVER_RUN);
    const allPass = {
      'accepts-signed-event': 'PASS',
      'rejects-bad-signature': 'PASS',
      'verifies-raw-bytes': 'PASS',
      'idempotent-delivery': 'PASS',
      'order-safe': 'PASS',
      'null-data': 'PASS',
      'fast-ack': 'PASS',
      'survives-retry-schedule': 'PASS',
    };
    const api = await run(process.execPath, ['certify-receiver.mjs'], { cwd: appDir, timeout: 60_000 });
    expect(JSON.parse(api.stdout)).toEqual({
      adapterReady: true,
      certified: true,
      role: 'webhook-receiver',
      verdicts: allPass,
      time: 'virtual',
      compressed: true,
    });
    // The command README shows, from the installed bin.
    const bin = join(appDir, 'node_modules/.bin/vectorcare-auth-mock');
    const cli = await run(bin, ['certify', '--receiver-module', 'receiver.mjs', '--json', 'receiver.json'], {
      cwd: appDir,
      timeout: 60_000,
    });
    expect(cli.stdout).toMatch(/^CERTIFIED: every required rule passed\.$/m);
    const report = JSON.parse(await readFile(join(appDir, 'receiver.json'), 'utf8')) as {
      role: string;
      results: { rule: string; verdict: string }[];
    };
    expect(report.role).toBe('webhook-receiver');
    expect(Object.fromEntries(report.results.map((result) => [result.rule, result.verdict]))).toEqual(
      allPass,
    );
  }, 120_000);

  it('a TypeScript receiver module and test type-check against the kit exports', async () => {
    await writeFile(join(appDir, 'receiver-consumer.ts'), CONSUMER_RECEIVER_TYPES);
    await writeFile(
      join(appDir, 'tsconfig.receiver.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          noEmit: true,
          types: [],
          skipLibCheck: true,
        },
        files: ['receiver-consumer.ts'],
      }),
    );
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.receiver.json'], { cwd: appDir }).then(
      () => 'ok',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('ok');
  });

  it('the installed code and its declarations import only Node and what package.json depends on', async () => {
    const installed = join(appDir, 'node_modules/vectorcare-auth-mock');
    const declared = Object.keys((await readManifest(installed)).dependencies ?? {});
    const files = (await readdir(join(installed, 'dist'), { recursive: true }))
      .filter((file) => file.endsWith('.js') || file.endsWith('.d.ts'))
      .map((file) => join(installed, 'dist', file));
    expect(files.length).toBeGreaterThan(100);
    const undeclared = new Set<string>();
    for (const file of files)
      for (const specifier of specifiersOf(await readFile(file, 'utf8'))) {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        // The package a bare specifier names: `hono/utils` is hono, `@hono/node-server/x` is @hono/node-server.
        const name = specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
        const where = file.slice(installed.length + 1);
        if (!declared.includes(name) && SOURCE_ONLY_IMPORTS.get(name) !== where)
          undeclared.add(`${name} (${where})`);
      }
    expect([...undeclared]).toEqual([]);
  });

  it('the installed client imports nothing outside itself: no runtime dependency', async () => {
    const installed = join(appDir, 'node_modules/vectorcare-auth-mock/dist/client');
    const files = (await readdir(installed)).filter((file) => file.endsWith('.js'));
    expect(files).toContain('index.js');
    const specifiers = new Set<string>();
    for (const file of files) {
      const source = await readFile(join(installed, file), 'utf8');
      for (const specifier of specifiersOf(source)) specifiers.add(specifier);
      expect(source).not.toMatch(/\brequire\(/);
    }
    expect([...specifiers].filter((specifier) => !specifier.startsWith('./'))).toEqual([]);
  });
});
