import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEFAULT_RECORDER_CAPACITY, loadTestOnlySigningKey } from '../mock-server/index.js';
import type { BenchOptions } from './bench-options.js';
import { certifyAvailable, measureCertify } from './certify-timing.js';
import { figure, type Figure } from './figure.js';
import { measureHubLoad } from './hub-load.js';
import { machineInfo, type MachineInfo } from './machine-info.js';
import { measureMemory } from './memory.js';
import { measureSignCeiling } from './sign-ceiling.js';
import { measureStartUp } from './start-up.js';
import { measureTokenLoad } from './token-load.js';
import { measureTriggerLatency, measureWebhookThroughput } from './webhook-load.js';

/** The JSON a run writes. */
export interface BenchResult {
  readonly date: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  /** Load averages when the run ended (the machine's at the start are in `machine`). */
  readonly loadAverageAtEnd: readonly number[];
  readonly options: BenchOptions;
  readonly figures: readonly Figure[];
}

/**
 * The least warm-up before the memory figure: twice the recorder's default bound, so the ring buffer is
 * full; a full run warms up with a tenth of its requests.
 */
const MEMORY_WARM_UP_REQUESTS = 2 * DEFAULT_RECORDER_CAPACITY;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function signFigures(
  options: BenchOptions,
): Promise<{ figures: Figure[]; cpuMsPerSignature: number; threadPoolPerSecond: number }> {
  log('sign ceiling ...');
  const key = await loadTestOnlySigningKey();
  const ceiling = await measureSignCeiling(key.privateKey, options.signMs);
  return {
    cpuMsPerSignature: ceiling.cpuMsPerSignature,
    threadPoolPerSecond: ceiling.perSecondThreadPool,
    figures: [
      figure({
        id: 'sign.one_core',
        label: 'RS256 signatures, one core (sync)',
        unit: '/s',
        value: ceiling.perSecondOneCore,
        details: { cpuMsPerSignature: ceiling.cpuMsPerSignature, signatures: ceiling.signatures },
      }),
      figure({
        id: 'sign.thread_pool',
        label: 'RS256 signatures, thread pool (async)',
        unit: '/s',
        value: ceiling.perSecondThreadPool,
        baseline: { label: 'one core', value: ceiling.perSecondOneCore },
      }),
    ],
  };
}

async function tokenFigures(options: BenchOptions, cpuMsPerSignature: number): Promise<Figure[]> {
  log('token endpoint vs oauth2-mock-server ...');
  const points = await measureTokenLoad(options);
  const figures: Figure[] = [];
  for (const point of points) {
    figures.push(
      figure({
        id: `token.c${point.connections}`,
        label: `token endpoint, ${point.connections} connection${point.connections === 1 ? '' : 's'}`,
        unit: 'tokens/s',
        value: point.ours.requestsPerSecond,
        baseline: { label: 'oauth2-mock-server', value: point.anchor.requestsPerSecond },
        ...(point.connections === 50 ? { target: { kind: 'min-ratio', value: 2.5 } as const } : {}),
        details: {
          p50Ms: point.ours.latencyP50Ms,
          p99Ms: point.ours.latencyP99Ms,
          errors: point.ours.errors,
          tokens: point.ours.ok,
          serverCpuMsPerToken: point.ours.serverCpuMsPerRequest,
          anchorP50Ms: point.anchor.latencyP50Ms,
          anchorP99Ms: point.anchor.latencyP99Ms,
          anchorErrors: point.anchor.errors,
          anchorServerCpuMsPerToken: point.anchor.serverCpuMsPerRequest,
        },
      }),
    );
  }
  const busiest = points.at(-1);
  if (busiest !== undefined) {
    figures.push(
      figure({
        id: 'token.cpu_per_token',
        label: `server CPU per token (${busiest.connections} connections)`,
        unit: 'ms',
        value: busiest.ours.serverCpuMsPerRequest,
        baseline: { label: 'one RS256 signature', value: cpuMsPerSignature },
        target: { kind: 'max-ratio', value: 1.2 },
        details: {
          anchorServerCpuMsPerToken: busiest.anchor.serverCpuMsPerRequest,
          ...(busiest.floor === undefined
            ? {}
            : {
                signOnlyServerCpuMsPerToken: busiest.floor.serverCpuMsPerRequest,
                signOnlyServerTokensPerSecond: busiest.floor.requestsPerSecond,
              }),
        },
      }),
    );
  }
  if (busiest?.floor !== undefined) {
    figures.push(
      figure({
        id: 'token.cpu_floor',
        label: 'server CPU per token, sign-only node:http server (the floor)',
        unit: 'ms',
        value: busiest.floor.serverCpuMsPerRequest,
        baseline: { label: 'one RS256 signature', value: cpuMsPerSignature },
      }),
    );
  }
  return figures;
}

async function startUpFigures(options: BenchOptions): Promise<Figure[]> {
  log('start-up ...');
  const times = await measureStartUp(options.startUpSamples);
  return [
    figure({
      id: 'startup.in_process',
      label: `createMockServer() to first token (median of ${times.samples})`,
      unit: 'ms',
      value: times.oursInProcessMs,
      baseline: { label: 'oauth2-mock-server in-process', value: times.anchorInProcessMs },
      target: { kind: 'max', value: 30 },
    }),
    figure({
      id: 'startup.cli',
      label: `CLI spawn to first token (median of ${times.samples})`,
      unit: 'ms',
      value: times.oursCliMs,
      baseline: { label: 'oauth2-mock-server CLI', value: times.anchorCliMs },
      target: { kind: 'max', value: 400 },
    }),
  ];
}

async function hubFigures(options: BenchOptions): Promise<Figure[]> {
  log('hub state update vs bare Hono route ...');
  const { hub, bare } = await measureHubLoad({
    connections: 50,
    durationSeconds: options.durationSeconds,
    rounds: options.rounds,
  });
  return [
    figure({
      id: 'hub.state_update',
      label: 'hub state update, valid token (50 connections)',
      unit: 'req/s',
      value: hub.requestsPerSecond,
      baseline: { label: 'bare Hono route', value: bare.requestsPerSecond },
      target: { kind: 'min-ratio', value: 0.8 },
      details: {
        p50Ms: hub.latencyP50Ms,
        p99Ms: hub.latencyP99Ms,
        errors: hub.errors,
        serverCpuMsPerRequest: hub.serverCpuMsPerRequest,
        bareP50Ms: bare.latencyP50Ms,
        bareP99Ms: bare.latencyP99Ms,
        bareErrors: bare.errors,
        bareServerCpuMsPerRequest: bare.serverCpuMsPerRequest,
      },
    }),
    figure({
      id: 'hub.cpu_per_request',
      label: 'hub server CPU per state update',
      unit: 'ms',
      value: hub.serverCpuMsPerRequest,
      baseline: { label: 'bare Hono route', value: bare.serverCpuMsPerRequest },
    }),
  ];
}

async function webhookFigures(options: BenchOptions, signCeilingPerSecond: number): Promise<Figure[]> {
  log('webhook deliveries vs the sign ceiling ...');
  const throughput = await measureWebhookThroughput({
    concurrency: 50,
    durationSeconds: options.durationSeconds,
    rounds: options.rounds,
  });
  log('webhook trigger to first byte ...');
  const latency = await measureTriggerLatency(options.webhookSamples);
  return [
    figure({
      id: 'webhook.deliveries_c50',
      label: 'webhook deliveries to a local receiver (50 in flight)',
      unit: '/s',
      value: throughput.deliveriesPerSecond,
      baseline: { label: 'RS256 sign ceiling, thread pool', value: signCeilingPerSecond },
      target: { kind: 'min-ratio', value: 0.7 },
      details: {
        delivered: throughput.delivered,
        failed: throughput.failed,
        senderCpuMsPerDelivery: throughput.cpuMsPerDelivery,
      },
    }),
    figure({
      id: 'webhook.trigger_to_first_byte',
      label: `POST /__control/webhooks/events to the receiver's first byte (p50 of ${latency.samples})`,
      unit: 'ms',
      value: latency.p50Ms,
      target: { kind: 'max', value: 5 },
      details: { p99Ms: latency.p99Ms, samples: latency.samples },
    }),
  ];
}

async function memoryFigures(options: BenchOptions): Promise<Figure[]> {
  const warmUp = Math.min(
    Math.max(MEMORY_WARM_UP_REQUESTS, Math.round(options.memoryRequests / 10)),
    options.memoryRequests,
  );
  log(`memory over ${options.memoryRequests.toLocaleString('en-US')} hub requests ...`);
  const memory = await measureMemory(options.memoryRequests, warmUp);
  return [
    figure({
      id: 'memory.rss_growth',
      label: `RSS growth over ${memory.requests.toLocaleString('en-US')} hub requests`,
      unit: 'MB',
      value: memory.rssAfterMb - memory.rssBeforeMb,
      baseline: { label: 'RSS after warm-up', value: memory.rssBeforeMb },
      target: { kind: 'max', value: 10 },
      details: {
        rssBeforeMb: memory.rssBeforeMb,
        rssAfterMb: memory.rssAfterMb,
        heapUsedBeforeMb: memory.heapUsedBeforeMb,
        heapUsedAfterMb: memory.heapUsedAfterMb,
        warmUpRequests: memory.warmUpRequests,
        errors: memory.errors,
      },
    }),
  ];
}

async function certifyFigures(options: BenchOptions): Promise<Figure[]> {
  if (!options.certify) return [];
  if (!certifyAvailable()) {
    log('certify: the contract kit is not in this build; skipped');
    return [];
  }
  log('certify on the bundled client ...');
  const { quickOutOfProcess: quick, certificationVirtualTime: virtual } = await measureCertify();
  return [
    figure({
      id: 'certify.quick',
      label: 'certify bundled client, quick profile, out-of-process',
      unit: 's',
      value: quick.seconds,
      baseline: { label: "the profile's token lifetime", value: quick.lifetimeSeconds },
      target: { kind: 'max', value: 20 },
      details: { exitCode: quick.exitCode },
    }),
    figure({
      id: 'certify.certification_virtual',
      label: 'certify bundled client, certification profile, virtual time',
      unit: 's',
      value: virtual.seconds,
      baseline: { label: "the profile's token lifetime", value: virtual.lifetimeSeconds },
      target: { kind: 'max', value: 5 },
      details: { exitCode: virtual.exitCode },
    }),
  ];
}

/** Runs every measurement in order, prints the table, and writes the JSON. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const machine = machineInfo();
  const sign = await signFigures(options);
  const figures = [
    ...sign.figures,
    ...(await tokenFigures(options, sign.cpuMsPerSignature)),
    ...(await hubFigures(options)),
    ...(await webhookFigures(options, sign.threadPoolPerSecond)),
    ...(await startUpFigures(options)),
    ...(await memoryFigures(options)),
    ...(await certifyFigures(options)),
  ];
  const result: BenchResult = {
    date: new Date().toISOString(),
    durationSeconds: (performance.now() - started) / 1000,
    machine,
    loadAverageAtEnd: machineInfo().loadAverage,
    options,
    figures,
  };
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
