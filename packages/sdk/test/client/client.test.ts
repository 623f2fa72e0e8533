// The client in a real browser (Chromium): browser detection, ky, crypto and AbortSignal there.
import { expect } from '@open-wc/testing';
import { createClient, createPublicClient } from '../../src/client.js';
import { APIUserAbortError, MemberkitError, UnprocessableEntityError } from '../../src/core/errors.js';
import { signup, signupConfig } from '../schemas/fixtures.js';

const baseUrl = 'https://api.memberkit.test/v1';

/** A fetch that answers from `answer` and records each request. */
const fakeFetch = (answer: (request: Request) => Response | Promise<Response>) => {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return answer(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
};

describe('the client in a browser', () => {
  it('refuses a secret key unless dangerouslyAllowBrowser', () => {
    expect(() => createClient({ baseUrl, organization: 'demo', secretKey: 'sk_test_sandbox' })).to.throw(MemberkitError);
    expect(() => createClient({ baseUrl, organization: 'demo', secretKey: 'sk_test_sandbox', dangerouslyAllowBrowser: true })).not.to.throw();
  });

  it('loads the signup config and creates a signup with an idempotency key reused on a retry', async () => {
    let attempts = 0;
    const { fetch, requests } = fakeFetch((request) =>
      request.url.endsWith('/signups')
        ? ++attempts === 1
          ? new Response(null, { status: 503 })
          : Response.json(signup, { status: 201 })
        : Response.json(signupConfig),
    );
    const client = createPublicClient({ baseUrl, organization: 'demo', fetch, backoff: { initialDelay: 1 } });
    const config = await client.signupConfig.retrieve({ membership_type: 'annual' });
    expect(config.organization.id).to.equal('demo');
    expect(requests[0]!.url).to.equal(`${baseUrl}/organizations/demo/signup-config?membership_type=annual`);
    const created = await client.signups.create({
      membership_type_id: 'annual',
      member: { email: 'bob@example.org', first_name: 'Bob', last_name: 'Stone' },
      fields: {},
    });
    expect(created.id).to.equal('su_1');
    const keys = requests.slice(1).map((r) => r.headers.get('idempotency-key'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(keys[1]).to.equal(keys[0]);
  });

  it('maps problem+json and aborts', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(JSON.stringify({ type: 'about:blank', title: 'Invalid discount', status: 422, code: 'invalid_discount' }), {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    const client = createPublicClient({ baseUrl, organization: 'demo', fetch });
    const error = await client.discounts.validate({ code: 'SPRING2020', membership_type_id: 'annual' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).code).to.equal('invalid_discount');
    const aborted = await client.signupConfig.retrieve({}, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(aborted).to.be.instanceOf(APIUserAbortError);
  });
});
