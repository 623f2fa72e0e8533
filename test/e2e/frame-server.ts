// Shared by the iframe end-to-end tests: a tiny static server per origin, the frame page bundles
// (esbuild, from sources, with the sandbox wired in by the test entry), the built host script,
// and a Chromium whose resolver maps acme.com and *.test to loopback so look-alike origins are real.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { getResponse, type RequestHandler } from 'msw';

// scripts/chromium.mjs has no type declarations; a computed specifier keeps tsc out of it.
const chromiumModule = '../../scripts/chromium.mjs';
const { chromiumArgs, findChromium } = (await import(chromiumModule)) as { chromiumArgs: string[]; findChromium(): string | undefined };

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const HOST_SCRIPT = `${root}packages/signup/dist/membership-signup-frame.js`;

export interface Route {
  /** 200 unless set (a test's failing endpoint). */
  status?: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}
export type Routes = Map<string, Route>;

export const html = (body: string): Route => ({ type: 'text/html; charset=utf-8', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>test</title></head><body>${body}</body></html>` });
export const js = (body: string | Buffer): Route => ({ type: 'text/javascript; charset=utf-8', body });
export const json = (value: unknown): Route => ({ type: 'application/json', body: JSON.stringify(value), headers: { 'access-control-allow-origin': '*' } });

export interface StaticServer {
  port: number;
  routes: Routes;
  close(): Promise<void>;
}

/** Serves `routes` (path without query → response) on 127.0.0.1 at a free port. */
export async function serve(routes: Routes = new Map()): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const route = routes.get(path);
    if (!route) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(route.status ?? 200, { 'content-type': route.type, 'cache-control': 'no-store', ...route.headers });
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    routes,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Bundles a browser entry from sources (workspace packages through their `source` condition). */
export async function bundle(entry: string, define: Record<string, unknown> = {}): Promise<string> {
  const result = await build({
    define: Object.fromEntries(Object.entries(define).map(([name, value]) => [name, JSON.stringify(value)])),
    entryPoints: [`${root}${entry}`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['source', 'browser'],
    tsconfig: `${root}tsconfig.base.json`,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The built host script; bundled from sources only when the build has not produced it. */
export async function hostScript(): Promise<string> {
  return existsSync(HOST_SCRIPT) ? readFileSync(HOST_SCRIPT, 'utf8') : bundle('packages/signup/src/frame/index.ts');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [...chromiumArgs, '--host-resolver-rules=MAP acme.com 127.0.0.1, MAP *.test 127.0.0.1'],
  });
}

/**
 * Records, in every frame of the page, each `window.postMessage` target origin (the frame code
 * posts through its own realm's `window.postMessage`, see protocol.ts) and every console line.
 */
export async function instrument(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __targets: unknown[] };
    w.__targets = [];
    (w as unknown as { __posted: unknown[] }).__posted = [];
    const post = window.postMessage;
    window.postMessage = function (this: Window, ...args: unknown[]) {
      const options = args[1];
      w.__targets.push(typeof options === 'string' ? options : (options as { targetOrigin?: string } | undefined)?.targetOrigin ?? '/');
      (w as unknown as { __posted: unknown[] }).__posted.push(args[0]);
      return (post as (...a: unknown[]) => void).apply(this, args);
    } as typeof window.postMessage;
    // Keeps each MessagePort this realm posts on, so a test can speak on it like a compromised peer.
    const ports: { port: MessagePort; data: unknown }[] = [];
    (window as unknown as { __ports: typeof ports }).__ports = ports;
    const portPost = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
      ports.push({ port: this, data: args[0] });
      return (portPost as (...a: unknown[]) => void).apply(this, args);
    } as typeof MessagePort.prototype.postMessage;
  });
}

/** Every postMessage target origin recorded in every frame of the page. */
export async function postTargets(page: Page): Promise<unknown[]> {
  const all: unknown[] = [];
  for (const frame of page.frames()) {
    try {
      all.push(...(await frame.evaluate(() => (window as unknown as { __targets?: unknown[] }).__targets ?? [])));
    } catch {
      // a frame navigating away
    }
  }
  return all;
}

/** Polls `read` until `accept` holds (a readiness wait, not a timing assertion). */
export async function until<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, what: string, timeout = 10000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)?.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Answers the browser's API requests (from every page and frame of the context: host, frame,
 * checkout popup) with one Node-side sandbox, so the test can mint tokens and inspect the store.
 */
export async function routeSandbox(context: BrowserContext, sandbox: { baseUrl: string; handlers: readonly unknown[] }): Promise<void> {
  await context.route(`${sandbox.baseUrl}/**`, async (route) => {
    const request = route.request();
    const headers = request.headers();
    const cors = {
      'access-control-allow-origin': headers.origin ?? '*',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': headers['access-control-request-headers'] ?? 'authorization, content-type, idempotency-key',
      'access-control-expose-headers': '*',
      vary: 'origin',
    };
    if (request.method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: cors });
      return;
    }
    const body = request.postDataBuffer();
    const forwarded = new Request(request.url(), {
      method: request.method(),
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':') && name !== 'host')),
      body: body && request.method() !== 'GET' && request.method() !== 'HEAD' ? new Uint8Array(body) : undefined,
    });
    const response = await getResponse(sandbox.handlers as RequestHandler[], forwarded);
    if (!response) {
      await route.fulfill({ status: 404, headers: cors, body: 'no sandbox route' });
      return;
    }
    await route.fulfill({
      status: response.status,
      headers: { ...Object.fromEntries(response.headers), ...cors },
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
}

/**
 * Answers the browser's requests under `from` (the production API base the built frame page talks
 * to) from memberkit-server at `to`, over real HTTP: each request as the browser sent it (method,
 * headers with its Origin, body; preflights too), the server's answer as it gave it.
 */
export async function routeToServer(context: BrowserContext, from: string, to: string): Promise<void> {
  await context.route(`${from}/**`, async (route) => {
    const response = await route.fetch({ url: `${to}${route.request().url().slice(from.length)}`, maxRedirects: 0 });
    await route.fulfill({ response });
  });
}
