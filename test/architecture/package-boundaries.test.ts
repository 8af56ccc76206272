import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';

/** Every TypeScript file under `folder` (repo-relative), tests included. */
function sources(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(PACKAGE_ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push(path);
    }
  };
  walk(folder);
  return out;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

/** The repo-relative files a source file imports by relative path (`.js` specifiers name `.ts` sources). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].map((match) =>
    relative(PACKAGE_ROOT, resolve(PACKAGE_ROOT, dirname(file), match[2] as string)).replace(/\.js$/, '.ts'),
  );
}

/** `file → import` for every import of a file under `from` that breaks `allowed`. */
function violations(from: string, allowed: (target: string) => boolean): string[] {
  return sources(from).flatMap((file) =>
    importsOf(file)
      .filter((target) => !allowed(target))
      .map((target) => `${file} → ${target}`),
  );
}

const under = (folder: string, target: string): boolean => target.startsWith(`${folder}/`);

describe('package boundaries', () => {
  it('the mock imports nothing of the kit or the CLI entry', () => {
    expect(violations('mock-server', (t) => !under('contract-tests', t) && !under('cli', t))).toEqual([]);
  });

  it('the kit reaches the mock only through its public entry, mock-server/index.ts', () => {
    expect(
      violations('contract-tests', (t) => !under('mock-server', t) || t === 'mock-server/index.ts'),
    ).toEqual([]);
  });

  it('the shared module imports none of the packages', () => {
    expect(violations('shared', (t) => under('shared', t))).toEqual([]);
  });

  it('the client imports nothing of the mock or the kit outside its tests', () => {
    const outside = violations('client', (t) => !under('mock-server', t) && !under('contract-tests', t));
    expect(outside.filter((line) => !/\.test\.ts →|\/test\//.test(line))).toEqual([]);
  });

  it('finds the imports it judges (so an empty list above means something)', () => {
    expect(importsOf('cli/main.ts')).toEqual(
      expect.arrayContaining(['mock-server/cli/serve-command.ts', 'contract-tests/cli/certify-command.ts']),
    );
  });
});
