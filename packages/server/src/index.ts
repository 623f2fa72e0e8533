/**
 * `@memberkit/server`: the memberkit membership API as a service. Its storages: SQL through
 * Kysely on PGlite (embedded, a data directory) or PostgreSQL (DATABASE_URL).
 * @module @memberkit/server
 */
export { SqlStorage, StorageBusyError, migrate, type Claims, type SqlStorageOptions, type StorageStats, type RetryListener } from './storage/sql-storage.js';
export { openPgliteStorage, DataDirectoryInUseError, type PgliteStorageOptions } from './storage/pglite.js';
export { openPostgresStorage, type PostgresStorageOptions } from './storage/postgres.js';
export { createServer, membershipApi, openStorage, seedDemo, type CreateServerOptions, type MemberkitServer, type ServerPorts } from './server.js';
export { parseConfig, describeVariables, ConfigError, variables, type ServerConfig, type RateLimits } from './config.js';
export { SignedMemberTokens, type SignedMemberTokensOptions } from './member-tokens.js';
export { newSecretKey, hashSecretKey, rotateSecretKey, revokeOlderSecretKeys, organizationWithKey, UnknownOrganizationError } from './keys.js';
export type { Handle } from './http/app.js';
export { createOrganization, organizationInputSchema, OrganizationInputError, OrganizationExistsError, type OrganizationInput } from './organizations.js';
export { main, usage } from './cli.js';
export { TemplatedMailer, type MailToSend, type MailTransport, type TemplatedMailerOptions } from './mail/templated-mailer.js';
export { DevInbox, type InboxMessage } from './mail/dev-inbox.js';
export { renderMail, hasTemplate, mailableUrl, type RenderedMail } from './mail/render.js';
export { languages, languageOf, type Language } from './mail/languages.js';
