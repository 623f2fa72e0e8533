// The configuration is parsed once, from the environment, and each problem names its variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, describeVariables, parseConfig, variables } from '../src/index.js';

describe('configuration from the environment', () => {
  it('defaults: 8080 on every interface with the embedded database; the demo on 127.0.0.1:4400', () => {
    const config = parseConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.databaseUrl, null);
    assert.equal(config.dataDir, './.memberkit/data');
    const demo = parseConfig({}, { demo: true });
    assert.equal(demo.port, 4400);
    assert.equal(demo.host, '127.0.0.1');
    assert.equal(parseConfig({ PORT: '9000' }, { demo: true, port: 9100 }).port, 9100);
  });

  it('reads every variable it documents', () => {
    const config = parseConfig({
      PORT: '8081',
      DATABASE_URL: 'postgres://app@db:5432/members',
      DATABASE_POOL_SIZE: '20',
      MEMBERKIT_PUBLIC_URL: 'https://members.example.org',
      MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0',
      MEMBERKIT_TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
    });
    assert.equal(config.databaseUrl, 'postgres://app@db:5432/members');
    assert.equal(config.databasePoolSize, 20);
    assert.equal(config.publicUrl, 'https://members.example.org');
    assert.deepEqual(config.rateLimits, { perClient: 0, perKey: 600 });
    assert.equal(config.trustProxy, true);
    assert.equal(config.logLevel, 'warn');
    for (const [name] of variables) assert.ok(describeVariables().includes(name), name);
  });

  it('every problem at once, each naming the variable and what is wrong', () => {
    assert.throws(
      () => parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MEMBERKIT_PUBLIC_URL: 'https://members.example.org/', LOG_LEVEL: 'loud', MEMBERKIT_TRUST_PROXY: 'yes' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        assert.match(text, /^PORT: must be a whole number \(got "eighty"\)$/m);
        assert.match(text, /^DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/m);
        assert.match(text, /^MEMBERKIT_PUBLIC_URL: must be an origin/m);
        assert.match(text, /^LOG_LEVEL: must be one of/m);
        assert.match(text, /^MEMBERKIT_TRUST_PROXY: must be true or false/m);
        return true;
      },
    );
    assert.throws(() => parseConfig({ PORT: '70000' }), /PORT: must be at most 65535/);
  });
});
