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
  /**
   * The organizations' configuration versions (SqlStorage's: raised in the commit of every
   * change of an organizations row, whichever process makes it; migration 0009). Given, the
   * organization a message is rendered for is kept while its version holds, instead of read
   * for every message.
   */
  versions?: { configVersion(organizationId: string): Promise<number> };
}

interface KeptOrganization {
  version: number;
  at: number;
  organization: OrganizationRecord;
}

/** A kept organization older than this is read again whatever its version says (as config-cache.ts). */
const maxAge = 60_000;
const maxKept = 5_000;

export class TemplatedMailer implements Mailer {
  readonly #storage: Storage;
  readonly #transport: MailTransport;
  readonly #versions: TemplatedMailerOptions['versions'];
  readonly #organizations = new Map<string, KeptOrganization>();

  constructor(options: TemplatedMailerOptions) {
    this.#storage = options.storage;
    this.#transport = options.transport;
    this.#versions = options.versions;
  }

  /** The message's organization as committed now: kept while its version holds, else read. */
  async #organization(id: string): Promise<OrganizationRecord | undefined> {
    if (!this.#versions) return this.#storage.transaction((tx) => tx.findOne('organizations', { id }), { readOnly: true });
    // The version first: an edit committed after it raises the version past the one kept.
    const version = await this.#versions.configVersion(id);
    const kept = this.#organizations.get(id);
    if (kept && kept.version === version && Date.now() - kept.at <= maxAge) return kept.organization;
    const organization = await this.#storage.transaction((tx) => tx.findOne('organizations', { id }), { readOnly: true });
    if (this.#organizations.size >= maxKept) this.#organizations.clear();
    if (organization) this.#organizations.set(id, { version, at: Date.now(), organization });
    else this.#organizations.delete(id);
    return organization;
  }

  /** The message as it goes out (what `send` hands the transport). */
  async render(message: OutboundMessage): Promise<MailToSend> {
    const organization = await this.#organization(message.organization_id);
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
