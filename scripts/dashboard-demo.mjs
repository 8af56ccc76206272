#!/usr/bin/env node
// `npm run demo`: the mock, with the bundled client (createVectorCareClient) calling its hub once a second on
// 20-second tokens, so the dashboard shows it refresh live at 80% of each lifetime (every 16 s). Revoke its
// tokens, queue a fault or move the clock on the page and watch the client recover. Runs until Ctrl+C, or
// for --seconds. Uses the build in dist/ (npm run demo builds first).
import { parseArgs } from 'node:util';
import { createVectorCareClient } from '../dist/client/index.js';
import { createMockServer, DEMO_CLIENT } from '../dist/mock-server/index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'expires-in': { type: 'string', default: '20' },
    'interval-ms': { type: 'string', default: '1000' },
    seconds: { type: 'string' },
  },
});
const number = (name) => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`dashboard-demo: --${name} must be a number of at least 0`);
    process.exit(2);
  }
  return value;
};
const expiresIn = number('expires-in');
const intervalMs = number('interval-ms');

// A configured client, so a reset from the page does not forget it.
const dispatch = { clientId: 'demo-dispatch', clientSecret: 'demo-dispatch-secret', expiresIn };
const mock = await createMockServer({ port: number('port'), clients: [DEMO_CLIENT, dispatch] });
const client = createVectorCareClient({
  clientId: dispatch.clientId,
  clientSecret: dispatch.clientSecret,
  tokenUrl: mock.tokenUrl,
  apiUrl: mock.apiUrl,
  // The client reads the mock's clock, so moving the clock on the page moves the client's time too.
  clock: { now: () => mock.clock.now() },
});

console.log(`dashboard  ${mock.url}/__dashboard/`);
console.log(
  `client     ${dispatch.clientId}: a hub call every ${intervalMs} ms on ${expiresIn} s tokens (refresh at 80%)`,
);
console.log('Press Ctrl+C to stop.');

const STATES = ['en_route', 'arrived', 'on_board', 'arrived_at_destination', 'completed'];
let calls = 0;
let running = true;
async function loop() {
  while (running) {
    const name = STATES[calls % STATES.length];
    calls += 1;
    try {
      await client.updateState('KP-DEMO0001', { name, timestamp: new Date(mock.clock.now()).toISOString() });
    } catch (error) {
      console.log(`call ${calls}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
const looping = loop();

async function stop() {
  running = false;
  await looping;
  await mock.close();
  console.log(`stopped after ${calls} calls`);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
if (values.seconds !== undefined) setTimeout(() => void stop(), number('seconds') * 1000);
