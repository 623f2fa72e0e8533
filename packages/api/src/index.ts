/**
 * `@memberkit/api`: the membership API's behaviour, once, behind ports (storage, payments, mail,
 * clock, member tokens), so that the sandbox and the server are two hosts of one implementation.
 * @module
 */
export * from './ports/records.js';
export * from './ports/storage.js';
export type * from './ports/payments.js';
export type * from './ports/mailer.js';
export type * from './ports/clock.js';
export type * from './ports/member-tokens.js';
export { MemoryStorage, type MemoryStorageOptions, type MemorySnapshot, type SyncTransaction } from './memory/storage.js';
export { MemoryMailer } from './memory/mailer.js';
export { MemoryMemberTokens, type MemoryMemberToken } from './memory/member-tokens.js';
export { systemClock } from './memory/clock.js';
