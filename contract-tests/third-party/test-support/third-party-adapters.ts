import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../../shared/package-root.js';

const ADAPTERS = join(PACKAGE_ROOT, 'fixtures', 'adapters', 'third-party');

/** A third-party client library wired to the kit by a stdio adapter in fixtures/adapters/third-party/. */
export interface ThirdPartyAdapter {
  /** Short id, used for file names of reports and screenshots. */
  readonly id: 'badgateway' | 'authlib' | 'golang-x-oauth2';
  /** The library's name, as the adapter's ready message starts its `library` field. */
  readonly library: string;
  /** The shell command the kit starts, run from the package root. */
  readonly command: string;
  /** Makes the adapter runnable (builds the Go one); safe to call more than once. */
  prepare(): Promise<void>;
}

const nothingToPrepare = async (): Promise<void> => {};

/** `@badgateway/oauth2-client`'s `OAuth2Fetch`, from the npm devDependency. */
export const BADGATEWAY: ThirdPartyAdapter = {
  id: 'badgateway',
  library: '@badgateway/oauth2-client',
  command: `node ${join(ADAPTERS, 'badgateway', 'adapter.mjs')}`,
  prepare: nothingToPrepare,
};

/** authlib's requests `OAuth2Session`, from Debian's python3-authlib, run by Debian's Python. */
export const AUTHLIB: ThirdPartyAdapter = {
  id: 'authlib',
  library: 'authlib',
  command: `/usr/bin/python3 ${join(ADAPTERS, 'authlib', 'adapter.py')}`,
  prepare: nothingToPrepare,
};

/** golang.org/x/oauth2/clientcredentials, from Debian's golang-golang-x-oauth2-dev, built in GOPATH mode. */
export const GOLANG_X_OAUTH2: ThirdPartyAdapter = {
  id: 'golang-x-oauth2',
  library: 'golang.org/x/oauth2',
  command: join(ADAPTERS, 'go', 'bin', 'adapter'),
  async prepare() {
    // Go's build cache makes this a fraction of a second once built, and it never runs a stale binary.
    await promisify(execFile)('bash', [join(ADAPTERS, 'go', 'build.sh')], { timeout: 120_000 });
  },
};

export const THIRD_PARTY_ADAPTERS: readonly ThirdPartyAdapter[] = [BADGATEWAY, AUTHLIB, GOLANG_X_OAUTH2];
