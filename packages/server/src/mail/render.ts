// Renders an outbox message from its kind and data, in the organization's language and name,
// as text and HTML. Every value that comes from people (names, the organization's texts,
// membership names) is cleaned of bidi controls, escaped in HTML and isolated (<bdi>, or
// U+2068…U+2069 in text where its direction differs), so a hostile name can neither inject
// markup nor reorder the sentence around it. Arabic mail is right-to-left (dir="rtl").
import type { Json, MessageKind, OrganizationRecord } from '@memberkit/api';
import { messageKinds } from '@memberkit/api';
import { formatMoney, isSecureUrl } from '@memberkit/sdk/calculators';
import { languageOf, strings, type Language, type LanguageStrings } from './languages.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  lang: Language;
  dir: 'ltr' | 'rtl';
  /** The display name of the From: the organization's. */
  fromName: string;
}

interface Content {
  subject: string;
  paragraphs: string[];
  values: Record<string, string>;
  details: [label: string, value: string][];
  action?: { label: string; url: string };
  /** Receipts carry the organization's address and tax note. */
  receipt?: boolean;
}

/** Reads a message's data defensively: a field of the wrong type is absent, not a crash. */
class Data {
  constructor(readonly fields: Record<string, Json>) {}
  text(key: string): string | null {
    const value = this.fields[key];
    return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
  }
  number(key: string): number | null {
    const value = this.fields[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
  flag(key: string): boolean {
    return this.fields[key] === true;
  }
}

/**
 * Per locale, its long-date format: building an Intl.DateTimeFormat costs more than the rest of a
 * message's rendering (a signup's welcome mail made one each), and locales are few.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    // Organizations' locales are few, but they are the organizations' text: bounded all the same.
    if (dateFormats.size >= 200) dateFormats.clear();
    dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })));
  }
  return format;
}

/** Formats dates and amounts in the message's locale. */
class Formats {
  readonly #dates: Intl.DateTimeFormat;
  constructor(readonly locale: string) {
    this.#dates = dateFormat(locale);
  }
  date(day: string | null): string | null {
    if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
    const at = new Date(`${day}T00:00:00Z`);
    return Number.isNaN(at.getTime()) ? null : this.#dates.format(at);
  }
  money(data: Data, key = 'amount'): string | null {
    const amount = data.number(key);
    const currency = data.text('currency');
    if (amount === null || !currency || !/^[A-Za-z]{3}$/.test(currency)) return null;
    return formatMoney(amount, currency.toUpperCase(), this.locale);
  }
}

/** A link the mail may carry: the SDK's one rule (https, or http on the loopback), normalized. */
export function mailableUrl(value: string | null): string | null {
  return isSecureUrl(value) ? new URL(value).href : null;
}

type Template = (s: LanguageStrings, data: Data, f: Formats) => Content;

const fill = (template: string, values: Record<string, string | null>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/** The membership rows most messages show. */
function membershipDetails(s: LanguageStrings, data: Data, f: Formats): [string, string][] {
  const rows: [string, string][] = [];
  const name = data.text('membership_name');
  if (name) rows.push([s.labels.membership, name]);
  const starts = f.date(data.text('starts_on'));
  if (starts) rows.push([s.labels.starts, starts]);
  if (data.text('membership_id')) rows.push([s.labels.validUntil, f.date(data.text('expires_on')) ?? s.labels.noEnd]);
  return rows;
}

const card = (s: LanguageStrings, data: Data): [string, string][] => {
  const last4 = data.text('card_last4');
  return last4 ? [[s.labels.card, fill(s.labels.cardEnding, { card: last4 })]] : [];
};

const membershipMessage =
  (pick: (s: LanguageStrings) => { subject: string; body: string[] }, date?: string): Template =>
  (s, data, f) => {
    const strings = pick(s);
    return {
      subject: strings.subject,
      paragraphs: strings.body,
      values: { membership: data.text('membership_name') ?? '', date: (date && f.date(data.text(date))) ?? '' },
      details: membershipDetails(s, data, f),
    };
  };

const templates: { [K in MessageKind]: Template } = {
  sign_in_code: (s, data) => {
    // The one-click link, when the page asked for one: it opens the page with the widget, which
    // signs the member in there (its ticket is in the fragment, which no server receives).
    const url = mailableUrl(data.text('link'));
    return {
      subject: s.kinds.sign_in_code.subject,
      paragraphs: s.kinds.sign_in_code.body,
      values: { code: data.text('code') ?? '', minutes: String(data.number('expires_in_minutes') ?? 10) },
      details: [],
      ...(url && { action: { label: s.kinds.sign_in_code.action!, url } }),
    };
  },
  welcome: membershipMessage((s) => s.kinds.welcome),
  receipt: (s, data, f) => {
    const strings = data.flag('renewal') ? s.kinds.renewal_receipt : s.kinds.receipt;
    const details: [string, string][] = [...membershipDetails(s, data, f)];
    const amount = f.money(data);
    if (amount) details.push([s.labels.amount, amount]);
    const paid = f.date(data.text('paid_on'));
    if (paid) details.push([s.labels.paidOn, paid]);
    details.push(...card(s, data));
    const number = data.text('payment_id');
    if (number) details.push([s.labels.receiptNumber, number]);
    return { subject: strings.subject, paragraphs: strings.body, values: { membership: data.text('membership_name') ?? '' }, details, receipt: true };
  },
  renewal_upcoming: (s, data, f) => ({
    subject: s.kinds.renewal_upcoming.subject,
    paragraphs: s.kinds.renewal_upcoming.body,
    values: { membership: data.text('membership_name') ?? '', date: f.date(data.text('renews_on')) ?? '', amount: f.money(data) ?? '' },
    details: [...membershipDetails(s, data, f), ...card(s, data)],
  }),
  card_update_needed: (s, data, f) => {
    const url = mailableUrl(data.text('update_url'));
    return {
      subject: s.kinds.card_update_needed.subject,
      // No page to link to (the organization names none): the member signs in on its site.
      paragraphs: url ? s.kinds.card_update_needed.body : [...s.kinds.card_update_needed.body, s.kinds.card_update_needed.signIn],
      values: { membership: data.text('membership_name') ?? '' },
      details: [...membershipDetails(s, data, f), ...card(s, data)],
      ...(url && { action: { label: s.kinds.card_update_needed.action!, url } }),
    };
  },
  renewal_failed: (s, data, f) => {
    const k = s.kinds.renewal_failed;
    const next = f.date(data.text('next_attempt_on'));
    const url = mailableUrl(data.text('pay_url'));
    return {
      subject: k.subject,
      paragraphs: [...k.body, next ? k.retry : k.final, ...(url ? [] : [k.signIn])],
      values: { membership: data.text('membership_name') ?? '', amount: f.money(data) ?? '', date: next ?? '' },
      details: membershipDetails(s, data, f),
      ...(url && { action: { label: k.action!, url } }),
    };
  },
  renewal_reminder: (s, data, f) => ({
    subject: s.kinds.renewal_reminder.subject,
    paragraphs: s.kinds.renewal_reminder.body,
    values: { membership: data.text('membership_name') ?? '', date: f.date(data.text('renews_on')) ?? '', amount: f.money(data) ?? '' },
    details: membershipDetails(s, data, f),
  }),
  membership_terminated: membershipMessage((s) => s.kinds.membership_terminated, 'ended_on'),
  staff_membership_terminated: (s, data, f) => ({
    subject: s.kinds.staff_membership_terminated.subject,
    paragraphs: s.kinds.staff_membership_terminated.body,
    values: {
      membership: data.text('membership_name') ?? '',
      member: data.text('member_name') ?? data.text('member_email') ?? '',
      date: f.date(data.text('ended_on')) ?? '',
      attempts: String(data.number('attempts') ?? 3),
      reason: data.text('failure_message') ?? data.text('failure_code') ?? '',
    },
    details: membershipDetails(s, data, f),
  }),
  application_received: membershipMessage((s) => s.kinds.application_received),
  application_approved: (s, data, f) => {
    const k = s.kinds.application_approved;
    const pays = data.flag('requires_payment');
    const url = pays ? mailableUrl(data.text('pay_url')) : null;
    return {
      subject: k.subject,
      paragraphs: [...k.body, pays ? k.pay : k.free],
      values: { membership: data.text('membership_name') ?? '', amount: f.money(data) ?? '' },
      details: membershipDetails(s, data, f),
      ...(url && { action: { label: k.action!, url } }),
    };
  },
  application_declined: (s, data) => ({
    subject: s.kinds.application_declined.subject,
    paragraphs: s.kinds.application_declined.body,
    values: { membership: data.text('membership_name') ?? '' },
    details: [],
  }),
};

/** Whether the server has a template for `kind` (else the API's own subject and text go out). */
export function hasTemplate(kind: string): kind is MessageKind {
  return (messageKinds as readonly string[]).includes(kind) && Object.hasOwn(templates, kind);
}

// Bidi embeddings, overrides and isolates, and the marks: in people's text they only serve to
// reorder what is around them. Other control characters (but newlines) go too.
const unsafeCharacters = /[\u0000-\u0009\u000B-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const clean = (value: string) => value.replace(unsafeCharacters, '');
const oneLine = (value: string) => clean(value).replace(/\s*\n\s*/g, ' ');
const rtlCharacters = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const ltrCharacters = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A value in plain text: isolated only where its direction differs from the message's. */
function isolateText(value: string, dir: 'ltr' | 'rtl'): string {
  const foreign = dir === 'ltr' ? rtlCharacters : ltrCharacters;
  return foreign.test(value) ? `\u2068${value}\u2069` : value;
}

/** Fills a sentence: in text with isolated values, in HTML with escaped literal parts and <bdi> values. */
function sentence(template: string, values: Record<string, string>, dir: 'ltr' | 'rtl'): { text: string; html: string } {
  let text = '';
  let html = '';
  for (const [index, part] of template.split(/\{(\w+)\}/).entries()) {
    if (index % 2 === 0) {
      text += part;
      html += escapeHtml(part);
    } else {
      const value = oneLine(Object.hasOwn(values, part) ? values[part]! : '');
      text += isolateText(value, dir);
      html += `<bdi>${escapeHtml(value)}</bdi>`;
    }
  }
  return { text, html };
}

const styles = `body{margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#18181b;line-height:1.5}
.card{max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px}
h1{font-size:18px;margin:0 0 16px}
table{border-collapse:collapse;width:100%;margin:16px 0}
th,td{padding:6px 0;border-top:1px solid #e4e4e7;text-align:start;vertical-align:top}
th{font-weight:600;padding-inline-end:16px;white-space:nowrap}
.code{font-size:24px;font-weight:700;letter-spacing:2px}
.action a{display:inline-block;background:#18181b;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none}
.footer{color:#71717a;font-size:13px;margin-top:24px}`;

/** Renders `kind` with `data` for `organization`. */
export function renderMail(kind: MessageKind, data: Record<string, Json>, organization: Pick<OrganizationRecord, 'name' | 'locale' | 'address' | 'tax_note'>): RenderedMail {
  const lang = languageOf(organization.locale);
  const s = strings[lang];
  const dir = s.dir;
  // The organization's own locale formats when it is of the message's language (fr-CA, ar-KW).
  const locale = organization.locale.toLowerCase().startsWith(lang) ? organization.locale : lang;
  const reader = new Data(data);
  const content = templates[kind](s, reader, new Formats(locale));
  const org = oneLine(organization.name);
  const values = { ...content.values, org };
  const name = reader.text('first_name');

  const subject = fill(content.subject, Object.fromEntries(Object.entries(values).map(([key, value]) => [key, oneLine(value)])));
  const greeting = name ? sentence(s.greeting, { name }, dir) : sentence(s.greetingNoName, {}, dir);
  const paragraphs = content.paragraphs.map((paragraph) => sentence(paragraph, values, dir));
  const details = content.details.map(([label, value]) => [oneLine(label), oneLine(value)] as const);
  const address = content.receipt && organization.address ? clean(organization.address).trim() : null;
  const taxNote = content.receipt && organization.tax_note ? oneLine(organization.tax_note).trim() : null;

  const text = [
    greeting.text,
    '',
    ...paragraphs.flatMap((p) => [p.text, '']),
    ...(kind === 'sign_in_code' ? [] : details.map(([label, value]) => `${label}: ${isolateText(value, dir)}`)),
    ...(details.length > 0 && kind !== 'sign_in_code' ? [''] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    isolateText(org, dir),
    ...(address ? address.split(/\r?\n/).map((line) => isolateText(line.trim(), dir)) : []),
    ...(taxNote ? [isolateText(taxNote, dir)] : []),
  ].join('\n');

  const code = kind === 'sign_in_code' ? reader.text('code') : null;
  const html = `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title><style>${styles}</style></head>
<body><div class="card">
<h1><bdi>${escapeHtml(org)}</bdi></h1>
<p>${greeting.html}</p>
${paragraphs.map((p) => `<p>${p.html}</p>`).join('\n')}
${code ? `<p class="code"><bdi>${escapeHtml(oneLine(code))}</bdi></p>` : ''}
${details.length > 0 ? `<table>${details.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td><bdi>${escapeHtml(value)}</bdi></td></tr>`).join('')}</table>` : ''}
${content.action ? `<p class="action"><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>` : ''}
<p class="footer"><bdi>${escapeHtml(org)}</bdi>${address ? `<br>${address.split(/\r?\n/).map((line) => `<bdi>${escapeHtml(line.trim())}</bdi>`).join('<br>')}` : ''}${taxNote ? `<br><bdi>${escapeHtml(taxNote)}</bdi>` : ''}</p>
</div></body>
</html>
`;
  return { subject, text, html, lang, dir, fromName: org };
}
