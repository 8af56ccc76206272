import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

/** This package's name and version, read once from its package.json. */
export const PACKAGE_INFO: { readonly name: string; readonly version: string } = (() => {
  const json = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return Object.freeze({ name: json.name, version: json.version });
})();
