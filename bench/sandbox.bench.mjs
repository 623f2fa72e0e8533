// Sandbox throughput in Node: signups (free and paid) through the SDK client against
// setupSandboxServer, without and with 30 % injected faults. Prints a table.
import { createClient } from '@memberkit/sdk';
import { setupSandboxServer } from '@memberkit/sandbox/node';

const COUNT = 500;
const CONCURRENCY = 25;
const server = setupSandboxServer({ today: '2026-03-01' });
server.listen({ onUnhandledRequest: 'error' });
const { sandbox } = server;

async function scenario(name, plan, faults) {
  sandbox.reset();
  sandbox.setFaults(faults);
  const client = createClient({
    baseUrl: sandbox.baseUrl,
    organization: 'demo',
    maxRetries: 12,
    timeout: 60,
    backoff: { initialDelay: 2, maxDelay: 20 },
  });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const i = next++;
        const signup = await client.signups.create({
          membership_type_id: plan,
          member: { email: `bench.${i}@example.org`, first_name: 'Bench', last_name: String(i) },
          fields: {},
        });
        if (signup.next_action.type === 'payment' && signup.next_action.ui_mode === 'embedded_page') {
          await fetch(`${sandbox.baseUrl}/_sandbox/checkout/${signup.next_action.client_secret}/confirm`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' }),
          });
        }
      }
    }),
  );
  const ms = performance.now() - started;
  const faultCount = Object.values(sandbox.stats.faults).reduce((a, b) => a + b, 0);
  sandbox.setFaults(null);
  return {
    scenario: name,
    signups: COUNT,
    'signups/s': Math.round((COUNT / ms) * 1000),
    'ms/signup': (ms / COUNT).toFixed(2),
    requests: Object.values(sandbox.stats.requests).reduce((a, b) => a + b, 0),
    faults: faultCount,
    payments: sandbox.store.payments('demo').length,
  };
}

const rows = [];
rows.push(await scenario('free, no faults', 'free', null));
rows.push(await scenario('paid, no faults', 'monthly', null));
rows.push(await scenario('free, 30 % faults', 'free', { rate: 0.3, seed: 1, timeoutMs: 250 }));
rows.push(await scenario('paid, 30 % faults', 'monthly', { rate: 0.3, seed: 2, timeoutMs: 250 }));
server.close();
console.table(rows);
