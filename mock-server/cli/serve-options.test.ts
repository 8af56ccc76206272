import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../options.js';
import { DEFAULT_SHUTDOWN_GRACE_MS, resolveServeOptions } from './serve-options.js';

describe("serve's connection and shutdown options", () => {
  it('defaults: idle connections kept 120 s (beyond Go net/http’s 90 s), 10 s for requests in flight at a signal', async () => {
    const resolved = await resolveServeOptions([], {});
    expect(resolved).toMatchObject({ help: false, shutdownGraceMs: DEFAULT_SHUTDOWN_GRACE_MS });
    expect(DEFAULT_SHUTDOWN_GRACE_MS).toBe(10_000);
    // Left to createMockServer's default, which is the one documented.
    expect(resolved.help === false && resolved.options.keepAliveTimeoutMs).toBeUndefined();
    expect(DEFAULTS.keepAliveTimeoutMs).toBe(120_000);
  });

  it('takes both in seconds from flags or the environment, the flag winning', async () => {
    const env = { VECTORCARE_MOCK_KEEP_ALIVE_TIMEOUT: '600', VECTORCARE_MOCK_SHUTDOWN_GRACE: '30' };
    expect(await resolveServeOptions([], env)).toMatchObject({
      options: { keepAliveTimeoutMs: 600_000 },
      shutdownGraceMs: 30_000,
    });
    expect(
      await resolveServeOptions(['--keep-alive-timeout', '5', '--shutdown-grace', '0'], env),
    ).toMatchObject({ options: { keepAliveTimeoutMs: 5_000 }, shutdownGraceMs: 0 });
  });

  it('refuses values it cannot use, naming the source', async () => {
    await expect(resolveServeOptions([], { VECTORCARE_MOCK_SHUTDOWN_GRACE: '-1' })).rejects.toThrow(
      /VECTORCARE_MOCK_SHUTDOWN_GRACE: value: must be a whole number from 0 to 3600/,
    );
    await expect(resolveServeOptions(['--keep-alive-timeout', '86401'], {})).rejects.toThrow(
      /--keep-alive-timeout: value: must be a whole number from 1 to 86400/,
    );
  });
});
