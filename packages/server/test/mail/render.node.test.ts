// Mail rendered from the outbox's kind and data: every kind the API can write, in every
// language, as text and HTML, in the organization's name; hostile text stays text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageKinds, sampleMessageData, type MessageKind } from '@memberkit/api';
import { hasTemplate, languages, renderMail } from '../../src/index.js';

const organization = (locale: string) => ({
  name: 'Club Athlétique',
  locale,
  address: 'Hauptstraße 1\n10115 Berlin',
  tax_note: 'USt-IdNr. DE123456789',
});
const localeOf = { en: 'en-US', fr: 'fr-FR', de: 'de-DE', es: 'es-ES', ar: 'ar-KW' } as const;

describe('mail templates', () => {
  it('every kind the API can write has a template in every language, filled from its data', () => {
    for (const kind of messageKinds) {
      assert.ok(hasTemplate(kind), `no template for ${kind}`);
      const subjects = new Set<string>();
      for (const language of languages) {
        const mail = renderMail(kind, sampleMessageData[kind], organization(localeOf[language]));
        const where = `${kind} in ${language}`;
        assert.equal(mail.lang, language, where);
        assert.ok(mail.subject.includes('Club Athlétique') || mail.subject.includes('Annual'), `${where}: the subject names the organization or the membership: ${mail.subject}`);
        for (const text of [mail.subject, mail.text, mail.html]) assert.doesNotMatch(text, /\{\w+\}/, `${where}: a placeholder left unfilled`);
        assert.ok(mail.text.includes('Club Athlétique'), `${where}: the text is signed by the organization`);
        assert.match(mail.html, new RegExp(`^<!doctype html>\\n<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`), where);
        assert.equal(mail.fromName, 'Club Athlétique');
        subjects.add(mail.subject);
      }
      assert.equal(subjects.size, languages.length, `${kind}: each language has its own subject`);
    }
  });

  it('the sign-in code, amounts and dates appear as the language writes them', () => {
    const code = renderMail('sign_in_code', sampleMessageData.sign_in_code, organization('en-GB'));
    assert.match(code.text, /Your sign-in code is 418 207\./);
    assert.match(code.text, /expires in 10 minutes/);
    assert.doesNotMatch(code.text, /link/, 'no link was asked for');
    // With the link the page asked for: the button that opens it, in the text too.
    const link = 'https://club.example/join#memberkit-sign-in=slt_0a1b2c';
    const linked = renderMail('sign_in_code', { ...sampleMessageData.sign_in_code, link }, organization('en-GB'));
    assert.match(linked.text, new RegExp(`Or sign in with this link: ${link}`));
    assert.match(linked.html, new RegExp(`<a href="${link}">Or sign in with this link</a>`));
    const french = renderMail('sign_in_code', { ...sampleMessageData.sign_in_code, link }, organization('fr-FR'));
    assert.match(french.text, /Ou connectez-vous avec ce lien: https/);
    // Never a link that is not https (or loopback http).
    assert.doesNotMatch(renderMail('sign_in_code', { ...sampleMessageData.sign_in_code, link: 'javascript:alert(1)' }, organization('en-GB')).html, /javascript/);
    const de = renderMail('receipt', sampleMessageData.receipt, organization('de-DE'));
    assert.equal(de.subject, 'Willkommen bei Club Athlétique: Ihre Quittung');
    assert.match(de.text, /Betrag: 52,50\s€/);
    assert.match(de.text, /Bezahlt am: 1\. März 2026/);
    assert.match(de.text, /Gültig bis: 28\. Februar 2027/);
    assert.match(de.text, /Karte: mit Endziffern 4242/);
    assert.match(de.text, /Quittungsnummer: py_1/);
    const fr = renderMail('renewal_upcoming', sampleMessageData.renewal_upcoming, organization('fr-CA'));
    assert.equal(fr.subject, 'Votre adhésion Annual sera renouvelée le 28 février 2027');
    assert.match(fr.text, /Nous débiterons 52,50\s€ sur votre carte enregistrée/);
    const renewal = renderMail('receipt', { ...sampleMessageData.receipt, renewal: true }, organization('es-MX'));
    assert.equal(renewal.subject, 'Tu recibo de renovación de Club Athlétique');
    const ar = renderMail('welcome', sampleMessageData.welcome, organization('ar-KW'));
    assert.equal(ar.dir, 'rtl');
    assert.match(ar.text, /مرحبًا بك في \u2068Club Athlétique\u2069!/, 'Latin text isolated inside the Arabic sentence');
    // An organization in a language without mail of its own gets English.
    assert.equal(renderMail('welcome', sampleMessageData.welcome, organization('ja-JP')).lang, 'en');
  });

  it('a receipt carries the organization’s address and tax note; other mail does not', () => {
    const receipt = renderMail('receipt', sampleMessageData.receipt, organization('en-US'));
    assert.match(receipt.text, /Club Athlétique\nHauptstraße 1\n10115 Berlin\nUSt-IdNr\. DE123456789$/);
    assert.match(receipt.html, /<bdi>Hauptstraße 1<\/bdi><br><bdi>10115 Berlin<\/bdi><br><bdi>USt-IdNr\. DE123456789<\/bdi>/);
    const welcome = renderMail('welcome', sampleMessageData.welcome, organization('en-US'));
    assert.doesNotMatch(welcome.text, /Hauptstraße|USt-IdNr/);
    const none = renderMail('receipt', sampleMessageData.receipt, { ...organization('en-US'), address: null, tax_note: null });
    assert.match(none.text, /Club Athlétique$/);
  });

  it('renewal failures say whether another try follows; approvals whether payment is due', () => {
    const retry = renderMail('renewal_failed', sampleMessageData.renewal_failed, organization('en-US'));
    assert.match(retry.text, /We will try again on March 3, 2027\./);
    assert.match(retry.text, /Pay now: https:\/\/club\.example\/renew/);
    const final = renderMail('renewal_failed', { ...sampleMessageData.renewal_failed, next_attempt_on: null }, organization('en-US'));
    assert.match(final.text, /We will not try again\./);
    const free = renderMail('application_approved', { ...sampleMessageData.application_approved, requires_payment: false, pay_url: null }, organization('en-US'));
    assert.match(free.text, /Your membership is now active\./);
    assert.doesNotMatch(free.html, /class="action"/);
  });

  it('hostile text stays text: markup is escaped, bidi controls are dropped, values are isolated', () => {
    const hostile = '<img src=x onerror=alert(1)>\u202Eevil\u2066';
    const kinds: MessageKind[] = ['welcome', 'receipt', 'application_declined'];
    for (const kind of kinds) {
      const mail = renderMail(kind, { ...sampleMessageData[kind], first_name: hostile, membership_name: `${hostile}"'&` }, { ...organization('en-US'), name: `</bdi><script>x()</script>` });
      assert.doesNotMatch(mail.html, /<img|<script|<\/bdi><script/, kind);
      assert.match(mail.html, /<bdi>&lt;img src=x onerror=alert\(1\)&gt;evil<\/bdi>/, kind);
      assert.match(mail.html, /<h1><bdi>&lt;\/bdi&gt;&lt;script&gt;x\(\)&lt;\/script&gt;<\/bdi><\/h1>/, kind);
      for (const text of [mail.subject, mail.text, mail.html]) assert.doesNotMatch(text, /[\u202A-\u202E\u2066\u2067]/, `${kind}: no embedding, override or opening isolate from people's text`);
    }
    // A subject is one line, whatever a name holds.
    const subject = renderMail('welcome', sampleMessageData.welcome, { ...organization('en-US'), name: 'Club\r\nBcc: victim@example.org' }).subject;
    assert.equal(subject, 'Welcome to Club Bcc: victim@example.org');
    // Right-to-left names in left-to-right mail are isolated in the text too.
    const named = renderMail('welcome', { ...sampleMessageData.welcome, first_name: 'سارة' }, organization('en-US'));
    assert.match(named.text, /^Hello \u2068سارة\u2069,/);
  });

  it('only https links (http on the loopback) become buttons', () => {
    for (const url of ['javascript:alert(1)', 'http://evil.example/card', 'data:text/html,x', 'not a url']) {
      const mail = renderMail('card_update_needed', { ...sampleMessageData.card_update_needed, update_url: url }, organization('en-US'));
      assert.doesNotMatch(mail.html, /<a /, url);
      assert.doesNotMatch(mail.text, /Update your card:/, url);
    }
    const mail = renderMail('card_update_needed', sampleMessageData.card_update_needed, organization('en-US'));
    assert.match(mail.html, /<p class="action"><a href="https:\/\/club\.example\/account\/card">Update your card<\/a><\/p>/);
  });
});
