import { describe, expect, it } from 'vitest';
import { createDeliveryTransport, IN_PROCESS_URL } from './delivery-transport.js';

const post = {
  url: '',
  body: Buffer.from('{"event_id":"e1"}'),
  headers: { 'Content-Type': 'application/json', 'X-VectorCare-Signature': 'c2ln' },
};

function inProcess(fetch: (request: Request) => Promise<Response>, answerLimitMs = 1_000) {
  const logged: string[] = [];
  const transport = createDeliveryTransport({
    target: { kind: 'in-process', fetch },
    answerLimitMs,
    now: () => 0,
    realNow: () => performance.now(),
    log: (line) => logged.push(line),
  });
  return { transport, logged };
}

describe('the in-process delivery transport', () => {
  it('hands the receiver the exact bytes and headers, and reads its answer', async () => {
    let seen: { url: string; body: string; signature: string | null } | undefined;
    const { transport } = inProcess(async (request) => {
      seen = {
        url: request.url,
        body: await request.text(),
        signature: request.headers.get('x-vectorcare-signature'),
      };
      return new Response('{"ok":true}', { status: 202 });
    });
    const result = await transport.post(post);
    expect(seen).toEqual({ url: IN_PROCESS_URL, body: '{"event_id":"e1"}', signature: 'c2ln' });
    expect(result).toMatchObject({ delivered: true, status: 202, error: null, answerBytes: 11 });
  });

  it('hangs up at once on a drop: the request signal aborts, the handler still runs to its end', async () => {
    let aborted: boolean | undefined;
    let finished = false;
    const { transport } = inProcess(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      aborted = request.signal.aborted;
      finished = true;
      return new Response(null, { status: 200 });
    });
    expect(await transport.post(post, { drop: true })).toMatchObject({ delivered: false, error: 'dropped' });
    expect(finished).toBe(false);
    await transport.idle();
    expect({ aborted, finished }).toEqual({ aborted: true, finished: true });
  });

  it('gives up on a handler that does not answer within the limit, and hangs up on it', async () => {
    let signal: AbortSignal | undefined;
    const { transport } = inProcess((request) => {
      signal = request.signal;
      return new Promise(() => undefined);
    }, 50);
    expect(await transport.post(post)).toMatchObject({ delivered: false, status: null, error: 'timeout' });
    expect(signal?.aborted).toBe(true);
  });

  it('counts a handler that throws as a reset connection, and logs why', async () => {
    const { transport, logged } = inProcess(async () => {
      throw new Error('boom');
    });
    expect(await transport.post(post)).toMatchObject({ delivered: false, error: 'connection_reset' });
    expect(logged).toEqual(["[kit] the receiver's fetch(request) threw: boom"]);
  });
});
