import pino from 'pino';
import { createServer, openPostgresStorage, parseConfig } from '../packages/server/src/index.js';
const storage = await openPostgresStorage({ url: process.env.MEMBERKIT_TEST_DATABASE_URL!, schema: 'perf_one_' + Date.now() });
const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0', LOG_LEVEL: 'silent' }, { demo: true });
const server = await createServer(config, { storage, logger: pino({ level: 'error' }) });
const url = await server.listen();
for (let i = 0; i < 3; i++) {
const key = crypto.randomUUID();
const r = await fetch(`${url}/v1/organizations/demo/signups`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify({ membership_type_id: 'free', member: { email: `${key}@example.org`, first_name: 'B', last_name: 'C' }, fields: {} }) });
console.log(r.status, (await r.text()).slice(0, 300));
}
await server.close();
