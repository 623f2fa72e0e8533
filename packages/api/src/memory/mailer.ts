// The Mailer port in memory: keeps every message it is given, once per id, for tests and the
// sandbox's outbox.
import type { Mailer, OutboundMessage } from '../ports/mailer.js';

export class MemoryMailer implements Mailer {
  readonly #sent = new Map<string, OutboundMessage>();

  async send(message: OutboundMessage): Promise<void> {
    if (!this.#sent.has(message.id)) this.#sent.set(message.id, structuredClone(message));
  }

  /** What was sent, oldest first (optionally only to one address). */
  messages(to?: string): OutboundMessage[] {
    const all = [...this.#sent.values()];
    return to === undefined ? all : all.filter((message) => message.to === to.trim().toLowerCase());
  }

  clear(): void {
    this.#sent.clear();
  }
}
