// How a conformance-suite host pays and saves cards on the payment stand-in (MemoryPayments): the
// member's side of the checkout, then the settlement the host would run when Stripe reports it.
// The memory host and the server's host share it, so both suites pay the same way.
import type { MembershipApi } from '../api.js';
import type { SettableClock } from '../memory/clock.js';
import type { MemoryPayments } from '../memory/payments.js';
import type { ApiSuiteHost, SuitePayment } from './suite/kit.js';

/** `pay` and `saveCard` of an ApiSuiteHost whose payments are the stand-in, with a card valid for five more years. */
export function standInPaymentSteps({ api, payments, clock }: { api: MembershipApi; payments: MemoryPayments; clock: SettableClock }): Pick<ApiSuiteHost, 'pay' | 'saveCard'> {
  const card = (number: string) => ({ number, exp_month: 12, exp_year: Number(clock.today('UTC').slice(0, 4)) + 5, cvc: '123' });
  return {
    async pay(nextAction, number = '4242424242424242'): Promise<SuitePayment> {
      if (nextAction.type !== 'payment') throw new Error(`nothing to pay: next_action ${nextAction.type}`);
      const secret = nextAction.ui_mode === 'embedded_page' ? nextAction.client_secret : new URL(nextAction.url).searchParams.get('client_secret')!;
      const confirmed = payments.confirm(secret, card(number));
      // A card whose bank asks for authentication: the member completes it, as they would.
      const decline = confirmed === 'requires_action' ? payments.authenticateCheckout(secret) : confirmed;
      if (decline) return { paid: false, status: 402, code: 'card_declined' };
      const session = payments.sessionBySecret(secret)!;
      const settled = await api.settleCheckout(session.organization_id, session.id);
      if (settled.status === 'paid') return { paid: true };
      if (settled.status === 'closed') return { paid: false, status: settled.problem.status, code: settled.problem.code };
      return { paid: false, status: 409, code: 'checkout_closed' };
    },
    async saveCard(sessionId, number) {
      return payments.updateCard(sessionId, card(number)) === null;
    },
  };
}
