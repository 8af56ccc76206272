import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../shared/package-root.js';

it('the README test-suite example is the one readme-example.test.ts runs', () => {
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it from a test suite'));
  const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const test = readFileSync(join(PACKAGE_ROOT, 'mock-server', 'test', 'readme-example.test.ts'), 'utf8');
  const body = test.slice(test.indexOf('\nimport {') + 1);
  expect(example?.replace("from 'vectorcare-auth-mock'", "from '../index.js'")).toBe(body);
});
