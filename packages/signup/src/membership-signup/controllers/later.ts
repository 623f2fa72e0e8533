import { AttemptController } from './attempt.js';
import { DiscountController } from './discount.js';
import type { SignupHost } from './host.js';
export function laterControllers(host: SignupHost) {
  const discounts = new DiscountController(host);
  const attempt = new AttemptController(host, discounts);
  return { discounts, attempt, payment: attempt.payment };
}
export type LaterControllers = ReturnType<typeof laterControllers>;
