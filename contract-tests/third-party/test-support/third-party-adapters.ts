import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../../shared/package-root.js';

const ADAPTERS = join(PACKAGE_ROOT, 'fixtures', 'adapters', 'third-party');

/** A third-party client library wired to the kit by a stdio adapter in fixtures/adapters/third-party/. */
export interface ThirdPartyAdapter {
  /** Short id, used for file names of reports and screenshots. */
  readonly id:
    | 'badgateway'
    | 'authlib'
    | 'golang-x-oauth2'
    | 'google-oauth-client-java'
    | 'ruby-oauth2'
    | 'axios-oauth-client';
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
    // Go's build cache makes this a fraction of a second once built, and it never runs a stale binary. With
    // a cold cache (a new machine) the build took 3.5 min beside busy loops (load 16): the bound is a hang
    // detector.
    await promisify(execFile)('bash', [join(ADAPTERS, 'go', 'build.sh')], { timeout: 900_000 });
  },
};

/**
 * google-oauth-client-java's `Credential` (with the application's client-credentials subclass) on
 * google-http-client, from Debian's libgoogle-oauth-client-java, compiled with javac against Debian's jars.
 */
export const GOOGLE_OAUTH_CLIENT_JAVA: ThirdPartyAdapter = {
  id: 'google-oauth-client-java',
  library: 'google-oauth-client-java',
  command: join(ADAPTERS, 'google-java', 'build', 'adapter'),
  async prepare() {
    // build.sh compiles only when the sources or Debian's jars changed since the last build.
    await promisify(execFile)('bash', [join(ADAPTERS, 'google-java', 'build.sh')], { timeout: 900_000 });
  },
};

/** ruby-oauth2's client-credentials `AccessToken`, from Debian's ruby-oauth2, run by Debian's Ruby. */
export const RUBY_OAUTH2: ThirdPartyAdapter = {
  id: 'ruby-oauth2',
  library: 'ruby-oauth2',
  command: `/usr/bin/ruby ${join(ADAPTERS, 'ruby-oauth2', 'adapter.rb')}`,
  prepare: nothingToPrepare,
};

/** axios-oauth-client's client-credentials grant with axios-token-interceptor, from the npm devDependencies. */
export const AXIOS_OAUTH_CLIENT: ThirdPartyAdapter = {
  id: 'axios-oauth-client',
  library: 'axios-oauth-client',
  command: `node ${join(ADAPTERS, 'axios-oauth-client', 'adapter.mjs')}`,
  prepare: nothingToPrepare,
};

export const THIRD_PARTY_ADAPTERS: readonly ThirdPartyAdapter[] = [
  BADGATEWAY,
  AUTHLIB,
  GOLANG_X_OAUTH2,
  GOOGLE_OAUTH_CLIENT_JAVA,
  RUBY_OAUTH2,
  AXIOS_OAUTH_CLIENT,
];
