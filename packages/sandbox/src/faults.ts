// Fault injection: a seeded PRNG decides, per request, whether the sandbox misbehaves and how.

/**
 * `server_error`: 500 before any work; `timeout`: the request hangs (no work) until the client
 * gives up; `lost_response`: the work is done and the reply dropped (a network error);
 * `rate_limited` (never drawn unless listed): 429 with `Retry-After: 0`.
 */
export type FaultKind = 'server_error' | 'timeout' | 'lost_response' | 'rate_limited';

export interface FaultOptions {
  /** Share of requests that fail, 0–1. */
  rate: number;
  /** Which kinds may be drawn (uniformly). Default: server_error, timeout, lost_response. */
  kinds?: FaultKind[];
  /** PRNG seed: the same seed and request order give the same faults. Default 1. */
  seed?: number;
  /**
   * How long a `timeout` fault holds the request before answering 504 (ms). Make it longer than
   * the client's timeout to exercise the client's timeout path. Default 10 000.
   */
  timeoutMs?: number;
  /**
   * Also draw faults for the Stripe stand-in's endpoints (the checkout summary and confirm), so
   * a test can exercise the payment step under faults. Default false: only API routes fail.
   */
  standIn?: boolean;
}

/** mulberry32: small, fast, good enough to draw faults reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultInjector {
  /** The fault for the next request, or null. */
  draw(): FaultKind | null;
  readonly timeoutMs: number;
  /** Whether drawn faults apply to the stand-in's endpoints too. */
  readonly standIn: boolean;
  readonly injected: Record<FaultKind, number>;
}

export function createFaultInjector(options: FaultOptions | undefined): FaultInjector {
  const kinds = options?.kinds && options.kinds.length > 0
    ? options.kinds
    : (['server_error', 'timeout', 'lost_response'] as FaultKind[]);
  const rate = Math.min(Math.max(options?.rate ?? 0, 0), 1);
  const random = seededRandom(options?.seed ?? 1);
  const injected: Record<FaultKind, number> = { server_error: 0, timeout: 0, lost_response: 0, rate_limited: 0 };
  return {
    timeoutMs: options?.timeoutMs ?? 10_000,
    standIn: options?.standIn ?? false,
    injected,
    draw() {
      if (rate === 0) return null;
      if (random() >= rate) return null;
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      injected[kind] += 1;
      return kind;
    },
  };
}
