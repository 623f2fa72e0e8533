import { APIUserAbortError } from '../core/errors.js';
import type { Backoff } from '../core/request-options.js';


const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Safe methods always may be retried; anything else only with an idempotency key. */
export const isRetryable = (method: string, idempotencyKey: string | undefined): boolean =>
  SAFE.has(method) || idempotencyKey !== undefined;

/** 408, 429 and 5xx are worth another attempt; other 4xx never are. */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** `Retry-After` in ms (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export const retryAfter = (headers: Headers, now = Date.now()): number | undefined => {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
};

/**
 * The wait before retry number `retry` (0-based): the server's Retry-After, else jittered
 * exponential backoff. undefined when the server asks for longer than `maxRetryAfter`: retrying
 * sooner than it allows would most likely earn another 429, so the caller gets the error (and
 * its `Retry-After` header) to decide.
 */
export const retryDelay = (retry: number, headers: Headers | undefined, b: Backoff): number | undefined => {
  const server = headers && retryAfter(headers);
  if (server !== undefined) return server <= (b.maxRetryAfter ?? 60_000) ? server : undefined;
  const base = Math.min((b.initialDelay ?? 500) * 2 ** retry, b.maxDelay ?? 8000);
  return base * (1 - Math.random() * 0.25);
};

/** Waits `ms`, or rejects with APIUserAbortError as soon as `signal` aborts. */
export const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError('Request was aborted'));
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const abort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError('Request was aborted'));
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
