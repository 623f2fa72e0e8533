// The Mailer port: delivers the messages the API writes to its outbox (records.ts: OutboxRecord)
// once their transaction has committed. Implementations: memory (memory/mailer.ts: keeps what it
// was given, for tests and the sandbox's outbox), and the server's SMTP mailer.

export interface OutboundMessage {
  /** The outbox record's id: a mailer that is handed one twice sends it once. */
  id: string;
  organization_id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  data: Record<string, unknown>;
}

export interface Mailer {
  /** Delivers one message; throws when it could not (the API retries later). */
  send(message: OutboundMessage): Promise<void>;
}
