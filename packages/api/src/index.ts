/**
 * `@memberkit/api`: the membership API's behaviour, once, behind ports (storage, payments, mail,
 * clock, member tokens), so that the sandbox and the server are two hosts of one implementation.
 *
 * ```ts
 * const api = createMembershipApi({ storage, payments, mailer, clock, memberTokens });
 * const response = await api.handle(new Request('https://api.example/v1/organizations/demo/membership-types'));
 * ```
 * @module @memberkit/api
 */
export { createMembershipApi, type CheckoutSettlement, type DisputeSettlement, type RefundSettlement, type LifecycleDay, type MembershipApi, type MembershipApiOptions } from './api.js';
export { Problem, fieldError, type ApiProblemBody, type FieldError, type ProblemOptions } from './domain/problems.js';
export { memberRecord, type NewMember } from './domain/members.js';
export { messageKinds, sampleMessageData, type MembershipMessageData, type MessageKind } from './domain/messages.js';
export type { OutgoingMessage } from './domain/context.js';
export {
  internalAddressKind,
  isIpLiteral,
  isLocalhostName,
  webhookUrlProblem,
  type InternalAddressKind,
  type WebhookUrlRule,
} from './domain/webhook-addresses.js';
export { firstDefaultType } from './domain/membership-types.js';
export { isPublishableKey, organizationNamed } from './domain/organizations.js';
export type { Access, Caller, KeyMode } from './http/auth.js';
export type { Route, RouteContext } from './http/context.js';
export { ResponseSchemaError } from './http/pipeline.js';
export { jsonResponse, newRequestId, problemResponse, type Reply } from './http/reply.js';
export { readBody } from './http/body.js';
export { routeName } from './http/router.js';
export { apiRoutes } from './http/routes/index.js';

export * from './ports/records.js';
export * from './ports/storage.js';
export type * from './ports/payments.js';
export type * from './ports/mailer.js';
export type * from './ports/clock.js';
export type * from './ports/member-tokens.js';

export { MemoryStorage, type MemoryStorageOptions, type MemorySnapshot, type SyncTransaction } from './memory/storage.js';
export { MemoryMailer } from './memory/mailer.js';
export { MemoryMemberTokens, type MemoryMemberToken } from './memory/member-tokens.js';
export { SettableClock, systemClock, type SettableClockOptions } from './memory/clock.js';
export {
  MemoryPayments,
  type CardDecline,
  type MemoryCharge,
  type MemoryCheckoutSession,
  type MemoryPaymentsOptions,
  type TestCard,
} from './memory/payments.js';
export { authenticationFailure, checkTestCard, offSessionOutcome, testCards, type CheckedCard, type OffSessionOutcome } from './memory/test-cards.js';

export { demoData, demoIds } from './demo/data.js';
export type * from './demo/types.js';
export {
  defaultPublishableKey,
  defaultSecretKey,
  defaultSecretKeyHash,
  secretKeysOf,
  seedRows,
  seedStorage,
  type SeedOptions,
  type SeedRows,
} from './demo/seed.js';
export { randomHex, sha256Hex } from './random.js';
