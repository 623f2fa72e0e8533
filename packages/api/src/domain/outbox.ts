// The outbox: messages are written in the transaction that decides them (so a rolled-back request
// sends nothing) and handed to the Mailer after it commits. A message the Mailer could not take
// stays unsent (`sent_at` null, `attempts` counted) for `deliverOutbox` to try again.
import type { Mailer } from '../ports/mailer.js';
import type { Clock } from '../ports/clock.js';
import type { OutboxRecord } from '../ports/records.js';
import type { Storage } from '../ports/storage.js';

export interface OutboxDelivery {
  storage: Storage;
  mailer: Mailer;
  clock: Clock;
  onError(error: unknown, during: string): void;
}

/** Hands one message to the Mailer and records the attempt; answers whether it was sent. */
export async function deliverMessage(delivery: OutboxDelivery, row: OutboxRecord): Promise<boolean> {
  const key = { organization_id: row.organization_id, id: row.id };
  try {
    await delivery.mailer.send({
      id: row.id,
      organization_id: row.organization_id,
      kind: row.kind,
      to: row.to,
      subject: row.subject,
      text: row.text,
      html: row.html,
      data: row.data,
    });
  } catch (error) {
    delivery.onError(error, `sending message ${row.id}`);
    await delivery.storage.transaction((tx) => tx.update('outbox', key, { attempts: row.attempts + 1 }));
    return false;
  }
  const sentAt = new Date(delivery.clock.now()).toISOString();
  await delivery.storage.transaction((tx) => tx.update('outbox', key, { sent_at: sentAt, attempts: row.attempts + 1 }));
  return true;
}

/** Delivers messages just committed (as they were written). */
export async function deliverMessages(delivery: OutboxDelivery, rows: readonly OutboxRecord[]): Promise<number> {
  let sent = 0;
  for (const row of rows) if (await deliverMessage(delivery, row)) sent += 1;
  return sent;
}

/** Delivers every unsent message of every organization, oldest first; answers how many were sent. */
export async function deliverOutbox(delivery: OutboxDelivery): Promise<number> {
  const unsent = await delivery.storage.transaction((tx) => tx.find('outbox', { sent_at: null }), { readOnly: true });
  let sent = 0;
  for (const row of unsent) if (await deliverMessage(delivery, row)) sent += 1;
  return sent;
}
