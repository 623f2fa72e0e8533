// The Mailer port over SMTP (nodemailer). A message is sent once however often it is handed
// over: its id is claimed while it is sent (across every process on the database) and recorded
// in `server_sent_messages` once the SMTP server took it.
import type { Mailer, OutboundMessage } from '@memberkit/api';
import nodemailer, { type Transporter } from 'nodemailer';
import type { SqlStorage } from './storage/sql-storage.js';

export interface SmtpMailerOptions {
  /** smtp://user:password@host:587 or smtps://…:465 (SMTP_URL). */
  url: string;
  /** The From address (MAIL_FROM), e.g. "Acme Club <members@acme.example>". */
  from: string;
  storage: SqlStorage;
}

/** Thrown when a message is being sent by someone else right now: the API tries again later. */
export class MessageInFlightError extends Error {
  constructor(readonly messageId: string) {
    super(`Message ${messageId} is being sent by another process`);
    this.name = 'MessageInFlightError';
  }
}

export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #fromAddress: string;
  readonly #storage: SqlStorage;

  constructor(options: SmtpMailerOptions) {
    this.#transport = nodemailer.createTransport(options.url);
    this.#from = options.from;
    // MAIL_FROM's address; its display name gives way to the organization's.
    this.#fromAddress = /<([^<>]+)>\s*$/.exec(options.from)?.[1]?.trim() ?? options.from.trim();
    this.#storage = options.storage;
  }

  /** Sends one message; `from_name` (the organization's name, from the templated mailer) names the From. */
  async send(message: OutboundMessage & { from_name?: string | null }): Promise<void> {
    const claim = await this.#storage.claim(`mail|${message.organization_id}|${message.id}`);
    if (!claim) throw new MessageInFlightError(message.id);
    try {
      const db = this.#storage.db;
      const sent = await db
        .selectFrom('server_sent_messages')
        .select('id')
        .where('organization_id', '=', message.organization_id)
        .where('id', '=', message.id)
        .executeTakeFirst();
      if (sent) return;
      await this.#transport.sendMail({
        from: message.from_name ? { name: message.from_name, address: this.#fromAddress } : this.#from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === null ? {} : { html: message.html }),
        // The same Message-ID on a resend lets mail systems drop a duplicate of ours.
        messageId: `<${message.id}.${message.organization_id}@memberkit>`,
      });
      await db.insertInto('server_sent_messages').values({ organization_id: message.organization_id, id: message.id, sent_at: Date.now() }).execute();
    } finally {
      await claim.release();
    }
  }

  close(): void {
    this.#transport.close();
  }
}
