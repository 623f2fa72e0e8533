// persist: 'session' | 'local' keeps the sandbox's state in Web Storage, so a demo signup
// survives a reload (a new sandbox on the same storage key, as after a reload, sees it).
import { expect } from '@open-wc/testing';
import { createSandbox, demoData } from '@memberkit/sandbox';
import { getResponse } from 'msw';
import { signupParams } from '../helpers.js';

async function call(handlers: Parameters<typeof getResponse>[0], path: string, init?: RequestInit) {
  const response = await getResponse(handlers, new Request(`https://persist.memberkit.test/v1/organizations/demo${path}`, init));
  return { status: response!.status, body: await response!.json() };
}

for (const persist of ['session', 'local'] as const) {
  describe(`persist: '${persist}'`, () => {
    const storageKey = `memberkit-sandbox-test-${persist}`;
    const storage = () => (persist === 'local' ? localStorage : sessionStorage);
    const options = { persist, storageKey, today: '2026-03-01', baseUrl: 'https://persist.memberkit.test/v1', validateResponses: true };
    afterEach(() => storage().removeItem(storageKey));

    it('a signup made before a reload is still there after it; reset() forgets it', async () => {
      const before = createSandbox(options);
      const request = () => ({
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'persist-1' },
        body: JSON.stringify(params),
      });
      const params = signupParams();
      const created = await call(before.handlers, '/signups', request());
      expect(created.status).to.equal(201);
      expect(storage().getItem(storageKey)).to.contain(created.body.id);

      const afterReload = createSandbox(options);
      const found = await call(afterReload.handlers, `/signups/${created.body.id}`);
      expect(found.status).to.equal(200);
      expect(found.body.status).to.equal('completed');
      // Idempotency survives too: the same key answers the same signup, not a second one.
      const replay = await call(afterReload.handlers, '/signups', request());
      expect([replay.status, replay.body.id]).to.deep.equal([201, created.body.id]);

      afterReload.reset();
      expect((await call(createSandbox(options).handlers, `/signups/${created.body.id}`)).status).to.equal(404);
    });

    it('state persisted from other data is not loaded (the demo data changed)', async () => {
      const before = createSandbox(options);
      const params = signupParams();
      const created = await call(before.handlers, '/signups', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'persist-2' },
        body: JSON.stringify(params),
      });
      expect(created.status).to.equal(201);
      const data = demoData();
      data.organizations[0]!.organization.name = 'Renamed Club';
      const changed = createSandbox({ ...options, data });
      expect((await call(changed.handlers, `/signups/${created.body.id}`)).status).to.equal(404);
      expect((await call(changed.handlers, '/signup-config')).body.organization.name).to.equal('Renamed Club');
    });

    it('memory mode leaves Web Storage alone', () => {
      createSandbox({ ...options, persist: 'memory' });
      expect(storage().getItem(storageKey)).to.equal(null);
    });
  });
}
