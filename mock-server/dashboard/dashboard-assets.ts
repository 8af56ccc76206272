import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The dashboard page's script: ES modules the browser loads one by one, by the same relative imports the
 * code has in the package, so the page draws with the very timeline code the HTML report uses
 * (shared/timeline/) and there is no bundle to build. Only the page's own folder and the browser-safe
 * shared modules are served, by name; nothing else of the package can be read through this.
 */

/** The folders (and files) of the package the page may load, as URL paths below the assets base. */
const SERVED: readonly RegExp[] = [
  /^mock-server\/dashboard\/page\/[a-z0-9-]+\.js$/,
  /^shared\/timeline\/[a-z0-9-]+\.js$/,
  /^shared\/(html-escape|time-format)\.js$/,
];

/** The URL path of the page's entry module, below the assets base. */
export const DASHBOARD_ENTRY_MODULE = 'mock-server/dashboard/page/dashboard-app.js';

export interface DashboardAsset {
  readonly body: string;
  readonly contentType: string;
}

/**
 * Compiled, the package runs from dist/ and the modules are there as JavaScript. Run from its TypeScript
 * sources (the repo's tests, `npx vitest`), there is no JavaScript beside them; they are transpiled on the
 * fly with the TypeScript compiler, a devDependency that is always present then, so a test never sees a
 * stale dist/ page. An installed package never takes that path.
 */
const RUNS_FROM_SOURCE = fileURLToPath(import.meta.url).endsWith('.ts');

/** The folder the running code's paths start from: dist/ when compiled, the package root from source. */
const CODE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const cache = new Map<string, Promise<string>>();

async function transpiled(file: string): Promise<string> {
  const source = await readFile(file, 'utf8');
  const ts = (await import('typescript')).default;
  return ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ES2022,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
  }).outputText;
}

/** The module at `path` (e.g. `shared/timeline/timeline-svg.js`), or undefined when it is not served. */
export async function loadDashboardAsset(path: string): Promise<DashboardAsset | undefined> {
  if (!SERVED.some((pattern) => pattern.test(path))) return undefined;
  let body = cache.get(path);
  if (body === undefined) {
    body = RUNS_FROM_SOURCE
      ? transpiled(join(CODE_ROOT, path.replace(/\.js$/, '.ts')))
      : readFile(join(CODE_ROOT, path), 'utf8');
    cache.set(path, body);
    body.catch(() => cache.delete(path));
  }
  try {
    return { body: await body, contentType: 'text/javascript; charset=utf-8' };
  } catch {
    return undefined;
  }
}
