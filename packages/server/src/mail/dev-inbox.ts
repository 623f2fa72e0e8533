// The development inbox: without SMTP_URL, outside production, mail is logged and kept here
// (the newest 500 messages, in memory) and shown at /dev/inbox, so that a developer sees the
// sign-in codes and receipts the server would send. Never served when NODE_ENV=production.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { MailToSend, MailTransport } from './templated-mailer.js';

export interface InboxMessage extends MailToSend {
  received_at: string;
}

const limit = 500;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const listStyles = `body{font-family:system-ui,sans-serif;margin:24px;color:#18181b}
article{border:1px solid #e4e4e7;border-radius:8px;padding:12px 16px;margin:12px 0}
h2{font-size:16px;margin:0 0 4px}
.meta{color:#71717a;font-size:13px}
pre{white-space:pre-wrap;font:inherit;background:#f4f4f5;padding:8px;border-radius:6px}`;
const listStylesHash = createHash('sha256').update(listStyles).digest('base64');

export class DevInbox implements MailTransport {
  readonly #messages: InboxMessage[] = [];
  readonly #logger: Logger | undefined;

  constructor(options: { logger?: Logger } = {}) {
    this.#logger = options.logger;
  }

  async send(message: MailToSend): Promise<void> {
    // Handed over twice (a retry after a crash): kept once.
    if (this.#messages.some((kept) => kept.id === message.id && kept.organization_id === message.organization_id)) return;
    this.#messages.push({ ...structuredClone(message), received_at: new Date().toISOString() });
    if (this.#messages.length > limit) this.#messages.shift();
    this.#logger?.info({ mail: { id: message.id, organization_id: message.organization_id, kind: message.kind, to: message.to, subject: message.subject }, text: message.text }, 'mail kept in the development inbox (no SMTP_URL)');
  }

  /** Newest first, optionally only those to one address. */
  messages(to?: string): InboxMessage[] {
    const all = [...this.#messages].reverse();
    return to === undefined ? all : all.filter((message) => message.to === to.trim().toLowerCase());
  }

  /** The inbox's pages: the list, one message's HTML, and the list as JSON (for scripts and tests). */
  pages(): Record<string, (request: Request) => Response> {
    return {
      '/dev/inbox': (request) => this.#list(new URL(request.url).searchParams.get('to') ?? undefined),
      '/dev/inbox.json': (request) =>
        new Response(JSON.stringify({ messages: this.messages(new URL(request.url).searchParams.get('to') ?? undefined) }), {
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
        }),
      '/dev/inbox/message': (request) => this.#message(new URL(request.url).searchParams.get('id') ?? ''),
    };
  }

  #list(to: string | undefined): Response {
    const items = this.messages(to).map(
      (message) => `<article><h2>${escapeHtml(message.subject)}</h2>
<p class="meta">${escapeHtml(message.kind)} · to ${escapeHtml(message.to)} · from ${escapeHtml(message.from_name ?? '')} · ${escapeHtml(message.received_at)}${
        message.html ? ` · <a href="/dev/inbox/message?id=${encodeURIComponent(message.id)}">HTML</a>` : ''
      }</p>
<pre>${escapeHtml(message.text)}</pre></article>`,
    );
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Development inbox</title><style>${listStyles}</style></head>
<body><h1>Development inbox</h1><p class="meta">Mail the server would send (no SMTP_URL is set). Newest first; ${this.#messages.length} kept in this process.</p>
${items.join('\n') || '<p>No mail yet.</p>'}</body></html>`;
    return new Response(body, {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${listStylesHash}'; frame-ancestors 'none'`,
        'X-Robots-Tag': 'noindex',
      },
    });
  }

  #message(id: string): Response {
    const message = this.#messages.find((kept) => kept.id === id);
    if (!message?.html) return new Response('No such message', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    return new Response(message.html, {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        // Mail HTML is shown as a mail client would: its own styles, no scripts, nothing fetched.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'",
        'X-Robots-Tag': 'noindex',
      },
    });
  }
}
