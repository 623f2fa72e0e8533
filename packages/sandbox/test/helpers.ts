// Shared by the sandbox's Node and browser tests: a client on the sandbox and small builders.
import { createClient, type MemberkitClient, type SignupCreateParams } from '@memberkit/sdk';
import type { Sandbox } from '@memberkit/sandbox';

export const TODAY = '2026-03-01';

export function clientFor(
  sandbox: Sandbox,
  options: { organization?: string; token?: string; secretKey?: string; maxRetries?: number } = {},
): MemberkitClient {
  return createClient({
    baseUrl: sandbox.baseUrl,
    organization: options.organization ?? 'demo',
    ...(options.token !== undefined && { token: options.token }),
    ...(options.secretKey !== undefined && { secretKey: options.secretKey, dangerouslyAllowBrowser: true }),
    maxRetries: options.maxRetries ?? 0,
    validateResponses: 'strict',
    backoff: { initialDelay: 1, maxDelay: 5 },
  });
}

export const adminFor = (sandbox: Sandbox, organization = 'demo') =>
  clientFor(sandbox, { organization, secretKey: 'sk_test_sandbox' });

let counter = 0;
/** A fresh person's email. */
export const freshEmail = (prefix = 'person') => `${prefix}.${Date.now().toString(36)}.${(counter++).toString(36)}@example.org`;

export function signupParams(overrides: Partial<SignupCreateParams> = {}): SignupCreateParams {
  return {
    membership_type_id: 'free',
    member: { email: freshEmail(), first_name: 'Pat', last_name: 'Member' },
    fields: {},
    ...overrides,
  };
}

/** Valid custom field values for the demo's `annual` type. */
export const annualFields = { display_name: 'Pat M', tshirt: 'm', terms: true };

/** Pays a signup's embedded checkout through the stand-in's confirm endpoint. */
export async function payWithCard(
  sandbox: Sandbox,
  clientSecret: string,
  number = '4242424242424242',
): Promise<Response> {
  return fetch(`${sandbox.baseUrl}/_sandbox/checkout/${encodeURIComponent(clientSecret)}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number, exp_month: 12, exp_year: 2034, cvc: '123' }),
  });
}

export function clientSecretOf(signup: { next_action: { type: string } & Record<string, unknown> }): string {
  const action = signup.next_action;
  if (action.type !== 'payment' || typeof action.client_secret !== 'string') {
    throw new Error(`expected an embedded payment, got ${JSON.stringify(action)}`);
  }
  return action.client_secret;
}

/** Runs `promise` and returns what it rejects with (fails if it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, any>;
  }
  throw new Error('expected the call to fail');
}
