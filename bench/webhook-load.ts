import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './figure.js';
import { post } from './post-form.js';
import { startServer } from './server-handle.js';
import { startBenchReceiver } from './webhook-receiver.js';
import type { SenderMessage, SenderRun } from './webhook-sender-process.js';

const SENDER_PROCESS = fileURLToPath(new URL('./webhook-sender-process.js', import.meta.url));

/** Webhook deliveries per second, medians over rounds. */
export interface WebhookThroughput {
  readonly concurrency: number;
  readonly deliveriesPerSecond: number;
  /** Failed attempts over every round (the receiver always answers 204, so any is a sender fault). */
  readonly failed: number;
  readonly delivered: number;
  /** The sender process's CPU per delivery, ms. */
  readonly cpuMsPerDelivery: number;
}

function nextMessage(child: ChildProcess, type: SenderMessage['type']): Promise<SenderMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: SenderMessage): void => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`sender process exited (${code}) before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * The sender's throughput: the mock in a child process of its own triggers events through its programmatic
 * API, one subscription, `concurrency` deliveries always in flight, to a bare receiver in this process.
 * Each delivery costs one RS256 signature, as each token does: the sign ceiling is its baseline.
 */
export async function measureWebhookThroughput(options: {
  readonly concurrency: number;
  readonly durationSeconds: number;
  readonly rounds: number;
}): Promise<WebhookThroughput> {
  const receiver = await startBenchReceiver();
  const child = fork(SENDER_PROCESS, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    await nextMessage(child, 'ready');
    const runOnce = async (durationMs: number): Promise<Extract<SenderMessage, { type: 'result' }>> => {
      const result = nextMessage(child, 'result');
      child.send({
        type: 'run',
        url: receiver.url,
        concurrency: options.concurrency,
        durationMs,
      } satisfies SenderRun);
      return (await result) as Extract<SenderMessage, { type: 'result' }>;
    };
    await runOnce(Math.min(500, options.durationSeconds * 1000)); // warm-up: JIT, keep-alive sockets
    const rounds: Extract<SenderMessage, { type: 'result' }>[] = [];
    for (let round = 0; round < options.rounds; round += 1)
      rounds.push(await runOnce(options.durationSeconds * 1000));
    return {
      concurrency: options.concurrency,
      deliveriesPerSecond: median(rounds.map((r) => r.delivered / r.seconds)),
      failed: rounds.reduce((sum, r) => sum + r.failed, 0),
      delivered: rounds.reduce((sum, r) => sum + r.delivered, 0),
      cpuMsPerDelivery: median(rounds.map((r) => r.cpuMicros / 1000 / Math.max(1, r.delivered))),
    };
  } finally {
    child.send({ type: 'close' });
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    await receiver.close();
  }
}

/** From `POST /__control/webhooks/events` leaving this process to the receiver's first byte, ms. */
export interface TriggerLatency {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly samples: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * Triggers events one at a time over HTTP on the listening mock (a child process, as `serve` runs) and
 * times each from just before its control request is sent to the moment the receiver, in this process, has
 * the delivery's first packet (its headers parsed). One clock (this process's), so no skew.
 */
export async function measureTriggerLatency(samples: number): Promise<TriggerLatency> {
  const receiver = await startBenchReceiver();
  const mock = await startServer('mock');
  try {
    const headers = { 'content-type': 'application/json' };
    const subscribed = await post(
      `${mock.url}/__control/webhooks/subscriptions`,
      JSON.stringify({ url: receiver.url }),
      headers,
    );
    if (subscribed.status !== 201) throw new Error(`subscribing answered ${subscribed.status}`);
    const body = JSON.stringify({ action: 'BROADCAST_RECEIVED' });
    const times: number[] = [];
    for (let i = 0; i < samples + 10; i += 1) {
      const arrival = receiver.nextArrival();
      const sentAt = performance.now();
      const answered = post(`${mock.url}/__control/webhooks/events`, body, headers);
      const arrivedAt = await arrival;
      if ((await answered).status !== 201) throw new Error('triggering an event failed');
      if (i >= 10) times.push(arrivedAt - sentAt); // the first ten warm up the JIT and the connections
    }
    times.sort((a, b) => a - b);
    return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), samples: times.length };
  } finally {
    await mock.close();
    await receiver.close();
  }
}
