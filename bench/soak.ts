import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { settledMemory } from './memory.js';
import { memoryTrend, type MemoryReading } from './memory-trend.js';
import { startServer, type ServerHandle, type ServerStats } from './server-handle.js';
import { SoakClient, type SoakError } from './soak-client.js';
import { describeFill, describeStats, soakVerdict } from './soak-report.js';
import { SoakTraffic } from './soak-traffic.js';
import { fillBoundedStructures, type SoakCredentials } from './soak-warm-up.js';

const USAGE = `Usage: npm run soak -- [--minutes 10] [--rate 200] [--clients 50] [--seed 1]
                      [--settle-minutes 2] [--max-rise 5] [--max-heap-rise 1] [--skip-warm-up]

Drives steady mixed traffic at a mock in a child process: token requests (on start, at 80% of each
token's 60 s lifetime, after a revocation), hub calls, revocations through the control API, wrong
secrets. Three phases:

  warm-up   fills the token ledger (100,000 tokens), the verifier's cache (10,000) and the recorder
            (10,000) to their caps as fast as the server allows: at the soak's pace the ledger would
            take hours, and a cache filling is not a leak. Not measured; --skip-warm-up skips it.
  settle    --settle-minutes of the steady traffic, not measured, so V8 sizes its heap for it.
  window    --minutes of the steady traffic, measured: every 2.5-15 s a reading (the median of five,
            each after a full GC, 100 ms apart), and a line per tenth of the window.

Ends with the errors of the whole run, RSS at the window's start and end (medians of its first and
last three readings), the least-squares slopes of RSS and of the live heap over every reading, and
PASS when there was no error, the RSS trend moved at most --max-rise MB over the window and the live
heap's at most --max-heap-rise MB. RSS wanders by several MB from one reading to the next as V8 keeps
or returns pages; the live heap, steady to a tenth of a MB, is where a leak in JavaScript shows first.
Exits 0 on PASS, 1 on FAIL.
`;

/** A small seeded PRNG (mulberry32), so a soak's traffic can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

function number(value: string | undefined, name: string, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (parsed === 0 && !allowZero))
    throw new Error(`--${name} must be a number ${allowZero ? '≥ 0' : '> 0'}, got "${value}"`);
  return parsed;
}

async function createClient(baseUrl: string, index: number): Promise<SoakCredentials> {
  const response = await fetch(`${baseUrl}/__control/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: `soak-${index}`, expires_in: 60 }),
  });
  if (response.status !== 201) throw new Error(`creating a client failed: ${response.status}`);
  const body = (await response.json()) as { client_id: string; client_secret: string };
  return { id: body.client_id, secret: body.client_secret };
}

async function warmUp(
  server: ServerHandle,
  credentials: readonly SoakCredentials[],
  errors: SoakError[],
): Promise<void> {
  process.stdout.write(
    'soak: warm-up (not measured): filling the ledger, the verifier cache and the recorder to their caps\n',
  );
  const result = await fillBoundedStructures(
    server,
    credentials,
    (error) => void errors.push(error),
    (structures) => process.stdout.write(`  ${describeFill(structures)}\r`),
  );
  process.stdout.write(
    `\nsoak: warm-up: ${result.tokens} tokens, ${result.hubCalls} hub calls in ${result.seconds.toFixed(0)} s, ` +
      `${errors.length} errors; ${describeStats(await server.stats(true))}\n`,
  );
}

/** `npm run soak -- --minutes N`. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      rate: { type: 'string' },
      clients: { type: 'string' },
      seed: { type: 'string' },
      'settle-minutes': { type: 'string' },
      'max-rise': { type: 'string' },
      'max-heap-rise': { type: 'string' },
      'skip-warm-up': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const minutes = number(values.minutes, 'minutes', 10);
  const rate = number(values.rate, 'rate', 200);
  const clientCount = Math.round(number(values.clients, 'clients', 50));
  const random = seededRandom(number(values.seed, 'seed', 1));
  const settleMs = number(values['settle-minutes'], 'settle-minutes', 2, true) * 60_000;
  const bounds = {
    rssMb: number(values['max-rise'], 'max-rise', 5),
    heapMb: number(values['max-heap-rise'], 'max-heap-rise', 1),
  };
  const windowMs = minutes * 60_000;
  const reportEveryMs = Math.max(5_000, Math.min(60_000, windowMs / 10));
  // About 40 readings over the window, for the slope; each is a full GC in the server, tens of ms.
  const readEveryMs = Math.max(2_500, Math.min(15_000, windowMs / 40));

  const server = await startServer('mock');
  const errors: SoakError[] = [];
  let traffic: SoakTraffic | undefined;
  try {
    const credentials = await Promise.all(
      Array.from({ length: clientCount }, (_, index) => createClient(server.url, index)),
    );
    const clients = credentials.map(
      ({ id, secret }) => new SoakClient(server.url, id, secret, random, (error) => errors.push(error)),
    );
    process.stdout.write(
      `soak: ${minutes} min measured at ${rate} steps/s, ${clientCount} clients, server pid ${server.pid}, ` +
        `load average ${load()}\nsoak: at start: ${describeStats(await server.stats(true))}\n`,
    );
    if (values['skip-warm-up'] !== true) await warmUp(server, credentials, errors);

    traffic = new SoakTraffic(clients, rate, random);
    traffic.start();
    if (settleMs > 0) {
      process.stdout.write(`soak: settling (not measured): ${settleMs / 60_000} min of steady traffic\n`);
      await sleep(settleMs);
    }

    const before = { errors: errors.length, steps: traffic.steps, skipped: traffic.skipped };
    const startLoad = load();
    const started = Date.now();
    const readings: MemoryReading[] = [];
    const read = async (): Promise<ServerStats> => {
      const atS = (Date.now() - started) / 1000;
      const settled = await settledMemory(server);
      readings.push({ atS, rssMb: settled.rssMb, heapMb: settled.heapUsedMb });
      return server.stats(true);
    };
    process.stdout.write(`soak: window starts: ${describeStats(await read())}\n`);
    let nextRead = started + readEveryMs;
    let nextReport = started + reportEveryMs;
    for (;;) {
      const end = started + windowMs;
      await sleep(Math.max(0, Math.min(nextRead, end) - Date.now()));
      const last = Date.now() >= end;
      if (!last && Date.now() < nextRead) continue;
      nextRead += readEveryMs;
      const stats = await read();
      if (last || Date.now() >= nextReport) {
        nextReport += reportEveryMs;
        process.stdout.write(
          `t=${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s  ` +
            `steps ${traffic.steps - before.steps}  errors ${errors.length - before.errors}  ` +
            `skipped ${traffic.skipped - before.skipped}  ${describeStats(stats)}\n`,
        );
      }
      if (last) break;
    }
    await traffic.stop();

    const steps = traffic.steps - before.steps;
    const seconds = (Date.now() - started) / 1000;
    const verdict = soakVerdict(errors.length, memoryTrend(readings), bounds);
    process.stdout.write(
      `soak: RSS at each reading (MB): ${readings.map((reading) => reading.rssMb.toFixed(1)).join(' ')}\n` +
        `soak: live heap at each reading (MB): ${readings.map((reading) => reading.heapMb.toFixed(1)).join(' ')}\n`,
    );
    process.stdout.write(
      `soak: window: ${steps} steps in ${seconds.toFixed(0)} s (${(steps / seconds).toFixed(0)}/s), ` +
        `${traffic.skipped - before.skipped} skipped, ${readings.length} post-GC readings, ` +
        `load average ${startLoad} at its start, ${load()} at its end\n${verdict.text}`,
    );
    for (const error of errors.slice(0, 20))
      process.stdout.write(`  error: ${error.what}: ${error.detail}\n`);
    return verdict.passed ? 0 : 1;
  } finally {
    await traffic?.stop();
    await server.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
