// The server's own answers in the API's error format (RFC 9457 problem+json, the SDK's codes):
// for what it refuses before the API sees a request (size, rate, route).
import type { ApiErrorCode } from '@memberkit/sdk';
const titles: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  413: 'Payload too large',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(status: number, code: ApiErrorCode, detail: string, headers: Record<string, string> = {}, extensions: Record<string, unknown> = {}): Response {
  const body = { type: `https://docs.memberkit.dev/errors/${code}`, title: titles[status] ?? 'Error', status, detail, code, ...extensions };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers },
  });
}
