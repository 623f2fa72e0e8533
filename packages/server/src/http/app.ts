// The HTTP front of the server (Hono): the API's fetch-style `handle` under /v1, with what a
// service adds around it — request ids, CORS from each organization's embed_origins, rate
// limits, a body-size limit, JSON logs, health checks — and the widget's files from the same
// origin. The API gets each request with its body exactly as sent (webhook signatures are
// checked on those bytes).
import { randomBytes } from 'node:crypto';
import { isPublishableKey, organizationNamed, type Storage } from '@memberkit/api';
import { Hono, type Context } from 'hono';
import type { Logger } from 'pino';
import type { RateLimits } from '../config.js';
import { allowedHeaders, allowedMethods, EmbedOrigins, exposedHeaders, organizationOf } from './cors.js';
import { SignupConfigCache } from './config-cache.js';
import { problem } from './problem.js';
import { limitedRoute, RateLimiter } from './rate-limit.js';
import type { WidgetFiles } from './static-files.js';

export type Handle = (request: Request) => Promise<Response>;

export interface AppOptions {
  handle: Handle;
  storage: Storage;
  logger: Logger;
  bodyLimit: number;
  rateLimits: RateLimits;
  trustProxy: boolean;
  widgetFiles?: WidgetFiles;
  /** Routes answered before the API's /v1/* (e.g. POST /v1/webhooks/stripe, which needs its raw body). */
  routes?: { method: 'POST'; path: string; handle: (request: Request) => Promise<Response> }[];
  /** Extra GET routes (path → response), e.g. the demo page and /openapi.json. */
  pages?: Record<string, (request: Request) => Response | Promise<Response>>;
  /** Keeps anonymous signup-config answers (see config-cache.ts); none: every request computes. */
  configCache?: SignupConfigCache;
  /** False once shutdown began: /readyz answers 503 so that load balancers stop sending. */
  accepting: () => boolean;
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/** Reads at most `limit` bytes of the body; null when it is longer (the rest is not read). */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The JSON paths (`member.first_name`, `fields.bio`) of strings holding U+0000. */
function nulPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path.join('.') || '(the body)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulPaths(item, [...path, String(index)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [...(key.includes('\u0000') ? [[...path, key].join('.')] : []), ...nulPaths(item, [...path, key])]);
  return [];
}

/**
 * PostgreSQL text cannot hold U+0000, so a JSON body with one in a string is refused here with
 * the fields named (any other host would store it; none of the API's fields has a use for it).
 */
function refuseNul(body: Uint8Array): Response | null {
  if (!body.includes(0) && !/\\u0000/i.test(new TextDecoder().decode(body))) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return null; // Not JSON: the API answers that.
  }
  const fields = nulPaths(parsed);
  if (fields.length === 0) return null;
  return problem(400, 'validation_failed', 'Text cannot contain the character U+0000.', {}, {
    errors: fields.map((field) => ({ field, code: 'invalid_characters', message: 'Text cannot contain the character U+0000.' })),
  });
}

/** Whether a Response's headers may be changed (not those of Response.error(), of fetch's answers). */
function headersChangeable(response: Response): boolean {
  try {
    // Refused before the name is looked up when the headers are immutable.
    response.headers.delete('x-memberkit-unset');
    return true;
  } catch {
    return false;
  }
}

/** Headers the API sets for a host without CORS of its own: the server decides those itself. */
const corsHeaders = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers', 'access-control-allow-headers', 'access-control-allow-methods', 'access-control-max-age'];

export function createApp(options: AppOptions): Hono<{ Bindings: NodeBindings }> {
  const { logger } = options;
  const app = new Hono<{ Bindings: NodeBindings }>();
  const origins = new EmbedOrigins(options.storage);
  const perClient = new RateLimiter(options.rateLimits.perClient);
  const perKey = new RateLimiter(options.rateLimits.perKey);
  const sweeper = setInterval(() => {
    perClient.sweep();
    perKey.sweep();
  }, 60_000);
  sweeper.unref();

  const clientOf = (c: Context<{ Bindings: NodeBindings }>): string => {
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  };

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (!options.accepting()) return c.json({ status: 'shutting_down' }, 503);
    try {
      await options.storage.transaction((tx) => tx.count('organizations', { id: '' }), { readOnly: true });
      return c.json({ status: 'ready' });
    } catch (error) {
      logger.error({ err: error }, 'readiness check: the database did not answer');
      return c.json({ status: 'database_unavailable' }, 503);
    }
  });

  for (const route of options.routes ?? []) app.on(route.method, route.path, (c) => route.handle(c.req.raw));

  app.all('/v1/*', async (c) => {
    const started = performance.now();
    const requestId = `req_${randomBytes(12).toString('base64url')}`;
    const request = c.req.raw;
    const url = new URL(request.url);
    const path = url.pathname;
    const named = organizationOf(path);
    // A publishable key names the organization as its id does: CORS and the signup-config cache
    // go by the id it stands for (an unknown or replaced key stands for none).
    const organization = named !== null && isPublishableKey(named) ? await organizationIdOf(named) : named;
    const origin = request.headers.get('origin');
    const client = clientOf(c);
    let allowed = false;
    let response: Response;
    let dropCors = false;
    try {
      allowed = origin !== null && organization !== null && (await origins.allows(organization, origin));
      ({ answer: response, dropCors } = await answer());
    } catch (error) {
      logger.error({ request_id: requestId, err: error }, 'the request failed');
      response = problem(500, 'internal_error', `Something went wrong on our side (request ${requestId}).`);
    }
    // The answer's own headers are completed in place (every answer here is a Response made in
    // this process, whose headers can change); one whose headers cannot is copied once.
    let final = response;
    if (!headersChangeable(response)) {
      final = new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
    }
    const headers = final.headers;
    if (dropCors) for (const name of corsHeaders) headers.delete(name);
    if (allowed) {
      headers.set('Access-Control-Allow-Origin', origin!);
      headers.set('Access-Control-Expose-Headers', exposedHeaders);
    }
    headers.append('Vary', 'Origin');
    if (!headers.has('Request-Id')) headers.set('Request-Id', requestId);
    logger.info(
      { request_id: headers.get('Request-Id'), method: request.method, path, status: final.status, ms: Math.round(performance.now() - started), client },
      'request',
    );
    return final;

    async function answer(): Promise<{ answer: Response; dropCors: boolean }> {
      if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
        // A preflight: allowed origins learn what they may send; others learn nothing.
        const preflight = new Response(null, {
          status: 204,
          headers: allowed ? { 'Access-Control-Allow-Methods': allowedMethods, 'Access-Control-Allow-Headers': allowedHeaders, 'Access-Control-Max-Age': '600' } : {},
        });
        return { answer: preflight, dropCors: false };
      }
      const limited = limitedRoute(request.method, path);
      if (limited) {
        const wait = Math.max(perClient.take(`${limited.kind}|${client}`), perKey.take(`${limited.kind}|${limited.organization}`));
        if (wait > 0) {
          const tooMany = problem(429, 'rate_limited', `Too many ${limited.kind.replace('_', ' ')} requests: try again in ${wait} s.`, { 'Retry-After': String(wait) });
          return { answer: tooMany, dropCors: false };
        }
      }
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const body = hasBody ? await readBody(request, options.bodyLimit) : null;
      if (body === null && hasBody) {
        // The rest of the body is not read: the connection cannot carry another request.
        return { answer: problem(413, 'payload_too_large', `The request body is larger than ${options.bodyLimit} bytes.`, { Connection: 'close' }), dropCors: false };
      }
      const refused = body ? refuseNul(body) : null;
      if (refused) return { answer: refused, dropCors: false };
      // A request without a body goes to the API as it came; one with a body is made again
      // around the bytes read (the API reads them as sent, and the size limit held).
      const forwarded = hasBody
        ? new Request(url, {
            method: request.method,
            headers: request.headers,
            ...(body && body.byteLength > 0 ? { body } : {}),
            signal: request.signal,
          })
        : request;
      const cacheable = options.configCache && organization !== null && SignupConfigCache.accepts(forwarded, url);
      const answered = cacheable ? await options.configCache!.answer(organization, url, () => options.handle(forwarded)) : await options.handle(forwarded);
      // The API's own CORS headers are dropped where the final answer's headers are built: one
      // Headers and one Response per request, not two.
      return { answer: answered, dropCors: true };
    }
  });

  for (const [path, page] of Object.entries(options.pages ?? {})) app.get(path, (c) => page(c.req.raw));

  app.get('*', async (c) => {
    const file = options.widgetFiles?.read(c.req.path);
    if (!file) return problem(404, 'not_found', `Nothing at ${c.req.path}.`);
    const headers = new Headers(file.headers);
    if (c.req.path === '/frame.html') headers.set('Content-Security-Policy', await frameAncestors(c.req.query('organization')));
    if (c.req.header('if-none-match') === file.headers.ETag) return new Response(null, { status: 304, headers });
    return new Response(file.body, { headers });
  });

  async function organizationIdOf(publishableKey: string): Promise<string | null> {
    const found = await options.storage.transaction((tx) => organizationNamed(tx, publishableKey), { readOnly: true });
    return found?.id ?? null;
  }

  async function frameAncestors(organizationId: string | undefined): Promise<string> {
    if (!organizationId) return "frame-ancestors 'none'";
    const organization = await options.storage.transaction((tx) => tx.findOne('organizations', { id: organizationId }), { readOnly: true });
    const list = (organization?.embed_origins ?? []).filter((entry) => /^https?:\/\/[^\s;,']+$/.test(entry));
    return `frame-ancestors ${list.length > 0 ? list.join(' ') : "'none'"}`;
  }

  app.notFound(() => problem(404, 'not_found', 'No such route.'));
  return app;
}
