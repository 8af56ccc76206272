import { parseArgs } from 'node:util';
import { startServer } from './server-handle.js';
import { SoakClient, type SoakError, type SoakOutcome } from './soak-client.js';

const USAGE = `Usage: npm run soak -- [--minutes 10] [--rate 200] [--clients 50] [--seed 1]

Drives steady mixed traffic at a mock in a child process: token requests (on start, at 80% of each
token's 60 s lifetime, after a revocation), hub calls, revocations through the control API, wrong
secrets. Prints errors and the server's RSS (after a full GC) over time; exits 1 on any error.
`;

const MB = 2 ** 20;

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

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new Error(`--${name} must be a positive number, got "${value}"`);
  return parsed;
}

async function createClient(baseUrl: string, index: number): Promise<{ id: string; secret: string }> {
  const response = await fetch(`${baseUrl}/__control/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: `soak-${index}`, expires_in: 60 }),
  });
  if (response.status !== 201) throw new Error(`creating a client failed: ${response.status}`);
  const body = (await response.json()) as { client_id: string; client_secret: string };
  return { id: body.client_id, secret: body.client_secret };
}

/** `npm run soak -- --minutes N`. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      rate: { type: 'string' },
      clients: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const minutes = positive(values.minutes, 'minutes', 10);
  const rate = positive(values.rate, 'rate', 200);
  const clientCount = Math.round(positive(values.clients, 'clients', 50));
  const random = seededRandom(positive(values.seed, 'seed', 1));
  const durationMs = minutes * 60_000;
  const reportEveryMs = Math.max(5_000, Math.min(60_000, durationMs / 10));

  const server = await startServer('mock');
  const errors: SoakError[] = [];
  const counts = new Map<SoakOutcome, number>();
  let inFlight = 0;
  let skipped = 0;
  try {
    const clients = await Promise.all(
      Array.from({ length: clientCount }, async (_, index) => {
        const { id, secret } = await createClient(server.url, index);
        return new SoakClient(server.url, id, secret, random, (error) => errors.push(error));
      }),
    );
    const startRss = (await server.stats(true)).rssBytes;
    process.stdout.write(
      `soak: ${minutes} min at ${rate} req/s, ${clientCount} clients, server pid ${server.pid}, ` +
        `RSS at start ${(startRss / MB).toFixed(1)} MB\n`,
    );

    const started = Date.now();
    const rssSeries: { atS: number; mb: number }[] = [];
    let credit = 0;
    const tickMs = 20;
    const ticker = setInterval(() => {
      credit += (rate * tickMs) / 1000;
      for (; credit >= 1; credit -= 1) {
        // A steady rate, not a flood: when the server falls behind, steps are skipped and counted.
        if (inFlight >= 256) {
          skipped += 1;
          continue;
        }
        const client = clients[Math.floor(random() * clients.length)] as SoakClient;
        inFlight += 1;
        void client.step().then((outcome) => {
          inFlight -= 1;
          counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
        });
      }
    }, tickMs);

    let nextReport = started + reportEveryMs;
    while (Date.now() - started < durationMs) {
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, Math.min(1_000, nextReport - Date.now()))),
      );
      if (Date.now() < nextReport) continue;
      nextReport += reportEveryMs;
      const rss = (await server.stats(true)).rssBytes / MB;
      const atS = Math.round((Date.now() - started) / 1000);
      rssSeries.push({ atS, mb: rss });
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      process.stdout.write(
        `t=${String(atS).padStart(4)} s  steps=${total}  errors=${errors.length}  skipped=${skipped}  ` +
          `RSS=${rss.toFixed(1)} MB  ${[...counts].map(([outcome, count]) => `${outcome}=${count}`).join(' ')}\n`,
      );
    }
    clearInterval(ticker);
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));

    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const warm = rssSeries[Math.min(1, rssSeries.length - 1)];
    const last = rssSeries.at(-1);
    const max = Math.max(...rssSeries.map((point) => point.mb));
    process.stdout.write(
      `soak: ${total} steps in ${((Date.now() - started) / 1000).toFixed(0)} s (${(total / (durationMs / 1000)).toFixed(0)}/s), ` +
        `${errors.length} errors, ${skipped} skipped\n` +
        `soak: RSS ${warm?.mb.toFixed(1)} MB at ${warm?.atS} s, ${last?.mb.toFixed(1)} MB at the end, max ${max.toFixed(1)} MB\n`,
    );
    for (const error of errors.slice(0, 20))
      process.stdout.write(`  error: ${error.what}: ${error.detail}\n`);
    return errors.length === 0 ? 0 : 1;
  } finally {
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
