import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PROFILES } from './certification-profile.js';
import { startHarness } from './run-certification.js';

describe("the kit's mock", () => {
  // A client that reuses a connection just as the server closes it gets "connection reset" (issue 12:
  // golang.org/x/oauth2, calls 6 s apart against the then 5 s default). The kit's mock keeps connections longer
  // than any run, and says so in Keep-Alive, which clients such as undici follow.
  it('keeps idle connections open for longer than any certification run', async () => {
    const { mock } = await startHarness({ kind: 'stdio', command: 'true' }, PROFILES.quick);
    try {
      const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
        request(mock.jwksUrl, (response) => {
          response.resume();
          resolve(String(response.headers['keep-alive']));
        })
          .on('error', reject)
          .end();
      });
      const seconds = Number(/timeout=(\d+)/.exec(keepAlive ?? '')?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(10 * 60);
    } finally {
      await mock.close();
    }
  });
});
