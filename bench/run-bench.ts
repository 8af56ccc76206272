import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadTestOnlySigningKey } from '../mock-server/index.js';
import type { BenchOptions } from './bench-options.js';
import { figure, type Figure } from './figure.js';
import { machineInfo, type MachineInfo } from './machine-info.js';
import { measureSignCeiling } from './sign-ceiling.js';
import { measureStartUp } from './start-up.js';
import { measureTokenLoad } from './token-load.js';

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

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function signFigures(options: BenchOptions): Promise<{ figures: Figure[]; cpuMsPerSignature: number }> {
  log('sign ceiling ...');
  const key = await loadTestOnlySigningKey();
  const ceiling = await measureSignCeiling(key.privateKey, options.signMs);
  return {
    cpuMsPerSignature: ceiling.cpuMsPerSignature,
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
        details: { anchorServerCpuMsPerToken: busiest.anchor.serverCpuMsPerRequest },
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

/** Runs every measurement in order, prints the table, and writes the JSON. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const machine = machineInfo();
  const sign = await signFigures(options);
  const figures = [
    ...sign.figures,
    ...(await tokenFigures(options, sign.cpuMsPerSignature)),
    ...(await startUpFigures(options)),
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
