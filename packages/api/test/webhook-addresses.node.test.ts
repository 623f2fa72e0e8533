// Webhook endpoints may not point inside our network (SSRF): every internal range, in IPv4 and
// IPv6 (IPv4-mapped included), is recognised; public addresses are not; an endpoint URL naming
// an internal IP literal or localhost is refused with a sentence saying why, loopback only
// where development allows it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { internalAddressKind, webhookUrlProblem } from '../src/index.js';

describe('internal addresses', () => {
  const internal: [string, string][] = [
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:a9fe:a9fe]', 'link-local'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
  ];
  for (const [address, kind] of internal) {
    it(`${address} is ${kind}`, () => assert.equal(internalAddressKind(address), kind));
  }

  for (const address of ['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '169.253.1.1', '223.255.255.255', '11.0.0.1', '2606:4700:4700::1111', '2001:db8::1', '::ffff:8.8.8.8', 'fbff::1', 'fe7f::1']) {
    it(`${address} is public`, () => assert.equal(internalAddressKind(address), null));
  }

  for (const notAnAddress of ['example.org', '1.2.3', '256.1.1.1', '1:2:3', '1::2::3', '']) {
    it(`"${notAnAddress}" is not an address`, () => assert.equal(internalAddressKind(notAnAddress), null));
  }
});

describe('webhook endpoint URLs', () => {
  const production = { allowLoopback: false };
  const development = { allowLoopback: true };

  it('a public https URL is accepted; plain http to a public host never', () => {
    assert.equal(webhookUrlProblem('https://hooks.example.org/memberkit', production), null);
    assert.equal(webhookUrlProblem('https://93.184.216.34/hook', production), null);
    assert.match(webhookUrlProblem('http://hooks.example.org/x', production)!, /https/);
    assert.match(webhookUrlProblem('http://hooks.example.org/x', development)!, /https/);
  });

  it('internal IP literals are refused, in production and development, however the URL spells them', () => {
    for (const url of [
      'https://10.0.0.5/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00::1]/hook',
      'https://[::ffff:192.168.0.1]/hook',
      'https://100.64.1.1/',
      'https://0.0.0.0/',
      'https://[::]/',
      'https://224.0.0.1/',
      // The URL parser reads these as 10.0.0.5 and 127.0.0.1.
      'https://0x0a.0.0.5/',
      'https://2130706433/',
    ]) {
      for (const rule of [production, development]) {
        const problem = webhookUrlProblem(url, rule);
        if (url === 'https://2130706433/' && rule === development) {
          assert.equal(problem, null, 'loopback is allowed in development');
          continue;
        }
        assert.match(problem ?? 'accepted', /internal address/, `${url} (${rule === production ? 'production' : 'development'})`);
      }
    }
  });

  it('loopback (localhost, *.localhost, 127.0.0.0/8, ::1) only in development, where http is allowed there', () => {
    for (const url of ['http://localhost:3000/hook', 'https://localhost/hook', 'http://api.localhost/hook', 'http://LOCALHOST./hook', 'http://127.0.0.1:8080/', 'http://127.1.2.3/', 'http://[::1]/', 'https://[::ffff:127.0.0.1]/']) {
      assert.equal(webhookUrlProblem(url, development), null, url);
      assert.match(webhookUrlProblem(url, production) ?? 'accepted', /internal address \(.* is this machine\)/, url);
    }
  });

  it('credentials, other schemes and relative URLs are refused', () => {
    assert.match(webhookUrlProblem('https://user:pw@hooks.example.org/', production)!, /credentials/);
    assert.match(webhookUrlProblem('ftp://hooks.example.org/', production)!, /https/);
    assert.match(webhookUrlProblem('/relative', production)!, /absolute/);
  });
});
