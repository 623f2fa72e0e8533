// Rate limits on the requests worth guessing at: sign-in, signups and discount checks. Token
// buckets per client address and per organization (its key), each route kind counted apart; a
// request over either gets 429 with Retry-After. Held in this process: behind a load balancer
// each process counts its own share.

/** The route kinds that are limited, by method and path; null: not limited. */
export function limitedRoute(method: string, path: string): { kind: 'sign_in' | 'signup' | 'discount_check'; organization: string } | null {
  if (method !== 'POST') return null;
  const match = /^\/v1\/organizations\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return null;
  const [, organization, rest] = match as unknown as [string, string, string];
  if (rest === 'signups' || /^me\/memberships\/[^/]+\/renew$/.test(rest)) return { kind: 'signup', organization };
  if (rest === 'discounts/validate') return { kind: 'discount_check', organization };
  if (/(^|\/)sign[-_]in(\/|$)/.test(rest)) return { kind: 'sign_in', organization };
  return null;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  readonly #perMinute: number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  /** Takes one request's token for `key`: 0 when allowed, else the seconds until one is free. */
  take(key: string): number {
    if (this.#perMinute <= 0) return 0;
    const now = this.#now();
    const ratePerMs = this.#perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: this.#perMinute, at: now };
    bucket.tokens = Math.min(this.#perMinute, bucket.tokens + (now - bucket.at) * ratePerMs);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
  }

  /** Forgets full buckets (called now and then, so that idle clients cost nothing). */
  sweep(): void {
    const now = this.#now();
    const fullAfter = 60_000;
    for (const [key, bucket] of this.#buckets) if (now - bucket.at > fullAfter) this.#buckets.delete(key);
  }
}
