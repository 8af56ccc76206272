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

/** The mock's exports and control operations that hand out the control API's wire shape (JSON, HAR). */
const WIRE_SHAPES = new Set([
  'Recording',
  'RecordingList',
  'toRecording',
  'toRecordings',
  'toHar',
  'Har',
  'HarEntry',
]);
const WIRE_CALLS = /\.(recordings|recordingList|har)\(/g;
const MOCK_IMPORT = /\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*(['"])(?:\.\.\/)+mock-server\/index\.js\2/g;

/** The wire-shape names a source file imports from the mock's entry, and the wire-shape control calls it makes. */
function wireShapesUsedBy(file: string): string[] {
  const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
  const imported = [...text.matchAll(MOCK_IMPORT)].flatMap((match) =>
    (match[1] as string)
      .split(',')
      .map(
        (name) =>
          name
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0] as string,
      )
      .filter((name) => WIRE_SHAPES.has(name)),
  );
  const called = [...text.matchAll(WIRE_CALLS)].map((match) => `${match[1] as string}()`);
  return [...imported, ...called];
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

  it("the kit reads the recorder's typed events, never the control API's snake_case wire records", () => {
    const uses = sources('contract-tests').flatMap((file) =>
      wireShapesUsedBy(file).map((name) => `${file} uses ${name}`),
    );
    expect(uses).toEqual([]);
  });

  it('the shared module imports none of the packages', () => {
    expect(violations('shared', (t) => under('shared', t))).toEqual([]);
  });

  it('the client imports nothing of the mock or the kit outside its tests', () => {
    const outside = violations('client', (t) => !under('mock-server', t) && !under('contract-tests', t));
    expect(outside.filter((line) => !/\.test\.ts →|\/test\//.test(line))).toEqual([]);
  });

  it('finds the wire shapes it judges (so an empty list above means something)', () => {
    expect(wireShapesUsedBy('test/security/support/fuzz-harness.ts')).toContain('Recording');
    expect(wireShapesUsedBy('mock-server/node-http/transport-parity.test.ts')).toContain('recordings()');
  });

  it('finds the imports it judges (so an empty list above means something)', () => {
    expect(importsOf('cli/main.ts')).toEqual(
      expect.arrayContaining(['mock-server/cli/serve-command.ts', 'contract-tests/cli/certify-command.ts']),
    );
  });
});
