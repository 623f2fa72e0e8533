// Mail from the outbox on the server: rendered in the organization's name and language, sent
// over SMTP after the commit, retried when the SMTP server refused, never sent twice (a retry
// after a crash, two senders at once), on PGlite and PostgreSQL; without SMTP_URL outside
// production it lands in the development inbox, which production never serves.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createServer, openPgliteStorage, openPostgresStorage, parseConfig, type MemberkitServer, type SqlStorage } from '../../src/index.js';
import { describePostgres, freshSchema } from '../databases.js';

const quiet = pino({ level: 'silent' });
const env = { PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0', LOG_LEVEL: 'silent' };

function signup(server: MemberkitServer, email: string, firstName = 'Pat') {
  return server.app.request('/v1/organizations/demo/signups', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `mail-${email}` },
    body: JSON.stringify({ membership_type_id: 'free', member: { email, first_name: firstName, last_name: 'Member' }, fields: {} }),
  });
}

interface Received {
  to: string[];
  data: string;
}

function smtpDeliveries(openStorage: () => Promise<SqlStorage>) {
  const received: Received[] = [];
  let refusing = false;
  let smtp: SMTPServer;
  let server: MemberkitServer;

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          if (refusing) return callback(Object.assign(new Error('mailbox busy'), { responseCode: 451 }));
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    server = await createServer(parseConfig({ ...env, SMTP_URL: url, MAIL_FROM: 'Memberkit <mail@memberkit.test>' }, { demo: true }), { storage: await openStorage(), logger: quiet });
  });
  after(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  const outbox = (to: string) => server.storage.db.selectFrom('outbox').selectAll().where('to', '=', to).execute();

  it('a welcome goes out after the signup commits, in the organization’s name and language, as text and HTML', async () => {
    assert.equal((await signup(server, 'welcome@example.org', 'Wen')).status, 201);
    const mail = received.find((m) => m.to.includes('welcome@example.org'));
    assert.ok(mail, 'sent');
    assert.match(mail.data, /^From: Riverside Makers Club <mail@memberkit\.test>\r?$/m);
    assert.match(mail.data, /^Subject: Welcome to Riverside Makers Club\r?$/m);
    assert.match(mail.data, /Content-Type: multipart\/alternative/);
    assert.match(mail.data, /Hello Wen,/);
    assert.match(mail.data, /Content-Type: text\/html/);
    const [row] = await outbox('welcome@example.org');
    assert.equal(row!.kind, 'welcome');
    assert.notEqual(row!.sent_at, null);

    // The organization writes in French now: so does its mail.
    await server.storage.db.updateTable('organizations').set({ locale: 'fr-FR' }).where('id', '=', 'demo').execute();
    try {
      assert.equal((await signup(server, 'bienvenue@example.org', 'Léa')).status, 201);
      const french = received.find((m) => m.to.includes('bienvenue@example.org'))!;
      assert.match(french.data, /^Subject: Bienvenue chez Riverside Makers Club\r?$/m);
      assert.match(french.data, /lang=3D"fr"|lang="fr"/);
    } finally {
      await server.storage.db.updateTable('organizations').set({ locale: 'en-US' }).where('id', '=', 'demo').execute();
    }
  });

  it('a message the SMTP server refused stays in the outbox and goes out once on the retry', async () => {
    refusing = true;
    const before = received.length;
    try {
      assert.equal((await signup(server, 'later@example.org')).status, 201, 'the signup does not wait for mail to succeed');
    } finally {
      refusing = false;
    }
    assert.equal(received.length, before);
    const [unsent] = await outbox('later@example.org');
    assert.deepEqual([unsent!.sent_at, unsent!.attempts], [null, 1]);
    assert.equal(await server.api!.deliverOutbox(), 1);
    assert.equal(received.filter((m) => m.to.includes('later@example.org')).length, 1);
    assert.equal(await server.api!.deliverOutbox(), 0, 'nothing left');
  });

  it('is never sent twice: not after a crash between the SMTP server’s yes and the outbox’s record, nor by two senders at once', async () => {
    assert.equal((await signup(server, 'once@example.org')).status, 201);
    assert.equal(received.filter((m) => m.to.includes('once@example.org')).length, 1);
    // As if the process died before the outbox recorded the send: the row is unsent again.
    await server.storage.db.updateTable('outbox').set({ sent_at: null }).where('to', '=', 'once@example.org').execute();
    await Promise.all([server.api!.deliverOutbox(), server.api!.deliverOutbox(), server.api!.deliverOutbox()]);
    await server.api!.deliverOutbox();
    assert.equal(received.filter((m) => m.to.includes('once@example.org')).length, 1);
    const [row] = await outbox('once@example.org');
    assert.notEqual(row!.sent_at, null);
  });

  it('work that rolls back sends nothing', async () => {
    const before = received.length;
    const response = await server.app.request('/v1/organizations/demo/signups', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ membership_type_id: 'no-such-type', member: { email: 'nobody@example.org', first_name: 'No', last_name: 'Body' }, fields: {} }),
    });
    assert.ok(response.status >= 400);
    assert.equal(received.length, before);
    assert.deepEqual(await outbox('nobody@example.org'), []);
  });
}

describe('mail from the outbox over SMTP, on PGlite', () => smtpDeliveries(() => openPgliteStorage()));
describePostgres('mail from the outbox over SMTP, on PostgreSQL', (url) => smtpDeliveries(() => openPostgresStorage({ url, schema: freshSchema(), poolSize: 4 })));

describe('the development inbox', () => {
  it('without SMTP_URL outside production, mail is kept and shown at /dev/inbox, escaped', async () => {
    const server = await createServer(parseConfig(env, { demo: true }), { storage: await openPgliteStorage(), logger: quiet });
    try {
      assert.equal((await signup(server, 'dev@example.org', '<b>Bold</b>')).status, 201);
      const { messages } = (await (await server.app.request('/dev/inbox.json')).json()) as { messages: { id: string; kind: string; to: string; html: string; from_name: string }[] };
      const [welcome] = messages.filter((m) => m.to === 'dev@example.org');
      assert.deepEqual([welcome!.kind, welcome!.from_name], ['welcome', 'Riverside Makers Club']);
      const page = await server.app.request('/dev/inbox');
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy')!, /default-src 'none'; style-src 'sha256-/);
      const html = await page.text();
      assert.match(html, /Hello &lt;b&gt;Bold&lt;\/b&gt;,/);
      assert.doesNotMatch(html, /<b>Bold/);
      const one = await server.app.request(`/dev/inbox/message?id=${encodeURIComponent(welcome!.id)}`);
      assert.match(one.headers.get('content-security-policy')!, /sandbox/);
      assert.match(await one.text(), /<bdi>&lt;b&gt;Bold&lt;\/b&gt;<\/bdi>/);
      assert.equal((await server.app.request('/dev/inbox/message?id=nope')).status, 404);
      // Outside --demo too (a developer's own organizations).
      assert.notEqual(server.ports.inbox, null);
    } finally {
      await server.close();
    }
  });

  it('in production there is no inbox: the page is not served and mail waits in the outbox for SMTP_URL', async () => {
    const server = await createServer(parseConfig({ ...env, NODE_ENV: 'production' }, { demo: true }), { storage: await openPgliteStorage(), logger: quiet });
    try {
      assert.equal(server.ports.inbox, null);
      assert.equal((await signup(server, 'prod@example.org')).status, 201);
      for (const path of ['/dev/inbox', '/dev/inbox.json', '/dev/inbox/message?id=x']) assert.equal((await server.app.request(path)).status, 404, path);
      const rows = await sql<{ sent_at: string | null; attempts: number }>`select sent_at, attempts from outbox where "to" = 'prod@example.org'`.execute(server.storage.db);
      assert.deepEqual(rows.rows.map((r) => [r.sent_at, Number(r.attempts)]), [[null, 1]]);
    } finally {
      await server.close();
    }
  });
});
