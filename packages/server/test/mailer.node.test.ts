// The SMTP mailer delivers the API's messages to an SMTP server, once each however often it is
// handed one (a retry, a second process), and refuses a message another sender holds right now.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { OutboundMessage } from '@memberkit/api';
import { SMTPServer } from 'smtp-server';
import { openPgliteStorage, parseConfig, type SqlStorage } from '../src/index.js';
import { MessageInFlightError, SmtpMailer } from '../src/mailer.js';

describe('the SMTP mailer', () => {
  const received: { from: string; to: string[]; data: string }[] = [];
  let smtp: SMTPServer;
  let url: string;
  let storage: SqlStorage;

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((rcpt) => rcpt.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    storage = await openPgliteStorage();
  });
  after(async () => {
    await storage.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  const message: OutboundMessage = {
    id: 'msg_1',
    organization_id: 'club',
    kind: 'sign_in_code',
    to: 'alice@example.org',
    subject: 'Your sign-in code',
    text: 'Your code is 123456.',
    html: '<p>Your code is <b>123456</b>.</p>',
    data: { code: '123456' },
  };

  it('sends a message once, however often it is handed over', async () => {
    const mailer = new SmtpMailer({ url, from: 'Club <members@club.example>', storage });
    try {
      await mailer.send(message);
      await mailer.send(message);
      const again = new SmtpMailer({ url, from: 'Club <members@club.example>', storage });
      await again.send(message);
      again.close();
      assert.equal(received.length, 1);
      assert.equal(received[0]!.from, 'members@club.example');
      assert.deepEqual(received[0]!.to, ['alice@example.org']);
      assert.match(received[0]!.data, /^Subject: Your sign-in code\r?$/m);
      assert.match(received[0]!.data, /Your code is 123456\./);
      // The same message in another organization is another message.
      await mailer.send({ ...message, organization_id: 'other' });
      assert.equal(received.length, 2);
    } finally {
      mailer.close();
    }
  });

  it('a message another sender holds right now is refused (the API sends it again later), and goes out once', async () => {
    const mailer = new SmtpMailer({ url, from: 'members@club.example', storage });
    try {
      const second = { ...message, id: 'msg_2' };
      const results = await Promise.allSettled([mailer.send(second), mailer.send(second)]);
      assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
      const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      assert.ok(refused.reason instanceof MessageInFlightError);
      await mailer.send(second);
      assert.equal(received.filter((mail) => mail.data.includes('msg_2')).length, 1);
    } finally {
      mailer.close();
    }
  });

  it('is configured by SMTP_URL and MAIL_FROM, which come together', () => {
    assert.deepEqual(parseConfig({ SMTP_URL: url, MAIL_FROM: 'members@club.example' }).smtp, { url, from: 'members@club.example' });
    assert.equal(parseConfig({}).smtp, null);
    assert.throws(() => parseConfig({ SMTP_URL: url }), /MAIL_FROM: must be set when SMTP_URL is/);
    assert.throws(() => parseConfig({ SMTP_URL: 'http://mail.example' }), /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });
});
