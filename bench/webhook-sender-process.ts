import { createMockServer } from '../mock-server/index.js';

/** Parent → child: deliver to `url` for `durationMs`, keeping `concurrency` deliveries in flight. */
export interface SenderRun {
  readonly type: 'run';
  readonly url: string;
  readonly concurrency: number;
  readonly durationMs: number;
}

/** Child → parent. */
export type SenderMessage =
  | { readonly type: 'ready' }
  | {
      readonly type: 'result';
      /** Attempts that got a 2xx. */
      readonly delivered: number;
      /** Attempts that failed. */
      readonly failed: number;
      readonly seconds: number;
      /** The process's own CPU time over the run, all threads, microseconds. */
      readonly cpuMicros: number;
    };

/**
 * Runs as `node webhook-sender-process.js` under `fork()`: the whole mock in-process (its sender with the
 * test-only webhook key, on its own clock), triggering events through the programmatic API so the figure is
 * the sender's alone: no control request is parsed. Each event goes to one subscription: one signature per
 * delivery, as with a partner's one URL.
 */
async function main(): Promise<void> {
  const mock = await createMockServer({ listen: false });
  process.on('message', (message: SenderRun | { type: 'close' }) => {
    if (message.type === 'close') void mock.close().finally(() => process.exit(0));
    else void run(message);
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready' } satisfies SenderMessage);

  async function run(request: SenderRun): Promise<void> {
    for (const subscription of mock.webhooks.subscriptions())
      mock.webhooks.unsubscribe(subscription.subscriptionId);
    mock.webhooks.subscribe(request.url);
    let delivered = 0;
    let failed = 0;
    let stopping = false;
    let inFlight = 0;
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const stop = mock.recorder.subscribe((record) => {
      if (record.kind !== 'webhook_delivery') return;
      if (record.delivered) delivered += 1;
      else failed += 1;
      inFlight -= 1;
      if (!stopping) trigger();
      else if (inFlight === 0) resolveDone();
    });
    const trigger = (): void => {
      inFlight += 1;
      mock.webhooks.trigger({ action: 'REQUEST_DATA_UPDATED' });
    };
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < request.concurrency; i += 1) trigger();
    await new Promise((resolve) => setTimeout(resolve, request.durationMs));
    stopping = true;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // Counted at the deadline; the deliveries still in flight finish before the next run starts.
    const result: SenderMessage = {
      type: 'result',
      delivered,
      failed,
      seconds,
      cpuMicros: cpu.user + cpu.system,
    };
    if (inFlight > 0) await done;
    stop();
    mock.recorder.clear();
    process.send?.(result);
  }
}

void main();
