import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSecureUrl } from '../../src/calculators/index.js';

describe('isSecureUrl: what the widget may open, link, load or send a token to', () => {
  it('accepts https anywhere and plain http on this machine only (the sandbox, local servers)', () => {
    for (const url of [
      'https://checkout.stripe.com/c/pay/cs_test_1',
      'https://club.example/terms#fees',
      'http://localhost:4400/v1',
      'http://127.0.0.1:8787/pay',
      'http://[::1]:3000/',
    ]) {
      assert.equal(isSecureUrl(url), true, url);
    }
  });

  it('refuses script and data URLs even when their host part is loopback, compared by exact scheme', () => {
    for (const url of [
      'javascript://localhost/%0aalert(document.domain)',
      'javascript://127.0.0.1/%0aalert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'blob:https://club.example/1',
      'httpsx://club.example/',
      'ftp://localhost/file',
    ]) {
      assert.equal(isSecureUrl(url), false, url);
    }
  });

  it('refuses plain http elsewhere, relative and malformed URLs, credentials, and non-strings', () => {
    for (const url of [
      'http://club.example/terms',
      'http://localhost.evil.test/',
      'http://127.0.0.2.evil.test/',
      '//club.example/terms',
      '/terms',
      'https://',
      'https://bank.example@evil.test/',
      'https://user:pass@club.example/',
      '',
      null,
      undefined,
      42,
      { href: 'https://club.example/' },
    ]) {
      assert.equal(isSecureUrl(url), false, String(url));
    }
  });
});
