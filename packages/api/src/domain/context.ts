// What the domain works with: one transaction, the organization, the day, and the services a
// step may call. The request pipeline (http/pipeline.ts) and the API's own entry points
// (settleCheckout) make one per transaction; a SQL storage may run a transaction again, and each
// run gets a new context with the same ids (`ids`).
import type { Transaction } from '../ports/storage.js';
import type { OrganizationRecord, OutboxRecord, WebhookDeliveryRecord } from '../ports/records.js';
import type { CheckoutUiMode, Payments } from '../ports/payments.js';
import { randomHex } from '../random.js';
import type { MessageKind } from './message-kinds.js';

/**
 * New ids for one piece of work: the n-th id of a prefix is the same in every run of the work,
 * so that a transaction run again writes the same rows, and the processor calls it makes carry
 * the same idempotency keys.
 */
export interface IdSource {
  /** `prefix_` and `bytes` random bytes in hex (16 bytes: unguessable, for what public endpoints answer by id). */
  next(prefix: string, bytes?: number): string;
  /** Back to the first id of every prefix (a new run of the work). */
  restart(): void;
}

export function idSource(): IdSource {
  const made = new Map<string, string[]>();
  const used = new Map<string, number>();
  return {
    next(prefix, bytes = 8) {
      const index = used.get(prefix) ?? 0;
      used.set(prefix, index + 1);
      const list = made.get(prefix) ?? [];
      made.set(prefix, list);
      return (list[index] ??= `${prefix}_${randomHex(bytes)}`);
    },
    restart() {
      used.clear();
    },
  };
}

/** How the API runs checkouts (createMembershipApi's options). */
export interface CheckoutSettings {
  /** How long an unpaid checkout stays open (ms): Stripe's default, 24 hours. */
  lifetimeMs: number;
  /** The page a checkout happens on, per organization, given the one the signup asked for (null: none). */
  uiMode(organization: OrganizationRecord, requested: CheckoutUiMode | null): CheckoutUiMode;
}

/** A message to write to the outbox; delivered after the transaction commits. Its kind is one of messageKinds. */
export type OutgoingMessage = Pick<OutboxRecord, 'to' | 'subject' | 'text' | 'html' | 'data'> & { kind: MessageKind };

export interface DomainContext {
  readonly tx: Transaction;
  readonly organization: OrganizationRecord;
  /** The organization's today (`YYYY-MM-DD` in its time zone). */
  readonly today: string;
  /** Epoch ms on the API's clock: checkouts expire on it. */
  readonly now: number;
  readonly ids: IdSource;
  readonly payments: Payments;
  readonly checkout: CheckoutSettings;
  /** `now` as an ISO instant, for `created_at` and the like. */
  timestamp(): string;
  /** Runs `effect` once the transaction has committed (e.g. closing a session at the processor). */
  afterCommit(effect: () => Promise<void>): void;
  /** Writes a message to the outbox, in this transaction; it is delivered after the commit. */
  send(message: OutgoingMessage): Promise<void>;
  /** A webhook delivery written in this transaction (webhooks.ts emitEvent), to attempt after the commit. */
  afterCommitDelivery(row: WebhookDeliveryRecord): void;
}
