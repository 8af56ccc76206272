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

describe('vectorcare-auth-mock/client as an installed package', () => {
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
