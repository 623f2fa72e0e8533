// The server's Mailer: renders each outbox message from its kind and data in its organization's
// language and name (render.ts), then hands it to the transport (SMTP, or the development inbox).
// A kind the server has no template for goes out as the API wrote it.
import type { Json, Mailer, OrganizationRecord, OutboundMessage, Storage } from '@memberkit/api';
import { hasTemplate, renderMail } from './render.js';

/** A message ready to go: rendered, with the display name its From carries. */
export interface MailToSend extends OutboundMessage {
  html: string | null;
  from_name: string | null;
}

/** Where rendered mail goes. */
export interface MailTransport {
  send(message: MailToSend): Promise<void>;
}

export interface TemplatedMailerOptions {
  storage: Storage;
  transport: MailTransport;
}

export class TemplatedMailer implements Mailer {
  readonly #storage: Storage;
  readonly #transport: MailTransport;

  constructor(options: TemplatedMailerOptions) {
    this.#storage = options.storage;
    this.#transport = options.transport;
  }

  /** The message as it goes out (what `send` hands the transport). */
  async render(message: OutboundMessage): Promise<MailToSend> {
    const organization = await this.#storage.transaction((tx) => tx.findOne('organizations', { id: message.organization_id }), { readOnly: true });
    if (!organization) throw new Error(`Message ${message.id}: no organization "${message.organization_id}"`);
    if (!hasTemplate(message.kind)) return { ...message, from_name: organization.name };
    const mail = renderMail(message.kind, message.data as Record<string, Json>, withDefaults(organization));
    return { ...message, subject: mail.subject, text: mail.text, html: mail.html, from_name: mail.fromName };
  }

  async send(message: OutboundMessage): Promise<void> {
    await this.#transport.send(await this.render(message));
  }
}

/** Rows written before the address and tax note existed read them as absent. */
const withDefaults = (organization: OrganizationRecord) => ({ ...organization, address: organization.address ?? null, tax_note: organization.tax_note ?? null });
