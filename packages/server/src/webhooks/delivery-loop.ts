// Retries on a timer: webhook deliveries whose next attempt is due, and outbox messages the
// mailer could not take. Each delivery and message is claimed while it is sent, so several
// server processes running this loop on one database never send one twice.
import type { MembershipApi } from '@memberkit/api';
import type { Logger } from 'pino';

export class DeliveryLoop {
  readonly #api: Pick<MembershipApi, 'deliverWebhooks' | 'deliverOutbox'>;
  readonly #logger: Logger | undefined;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;

  constructor(api: Pick<MembershipApi, 'deliverWebhooks' | 'deliverOutbox'>, options: { logger?: Logger; intervalMs?: number } = {}) {
    this.#api = api;
    this.#logger = options.logger;
    this.#intervalMs = options.intervalMs ?? 30_000;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.runOnce(), this.#intervalMs);
    this.#timer.unref();
  }

  /** One round (skipped while the previous one still runs). */
  runOnce(): Promise<void> {
    this.#running ??= (async () => {
      try {
        await this.#api.deliverWebhooks();
        await this.#api.deliverOutbox();
      } catch (error) {
        this.#logger?.error({ err: error }, 'retrying webhook deliveries and mail failed');
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
