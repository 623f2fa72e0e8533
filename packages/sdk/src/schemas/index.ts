/**
 * The API contract as zod/mini schemas (wire names, snake_case) and the types inferred from them:
 * what the client checks every answer with, what the API checks every request with, and what
 * `docs/openapi.json` is generated from.
 * @module @memberkit/sdk/schemas
 */
// Types that calculators also export (Price, Cycle, CustomFieldType, DurationIntervalType, FieldValue,
// MembershipStatus) come from there, structurally the same; here only their schemas.
export * from './common.js';
export * from './page.js';
export * from './organization.js';
export * from './custom-field.js';
export * from './membership-type.js';
export * from './member.js';
export * from './membership.js';
export * from './membership-admin.js';
export * from './discount.js';
export * from './discount-admin.js';
export * from './invitation.js';
export * from './application.js';
export * from './signup.js';
export * from './signup-config.js';
export * from './me.js';
export * from './company.js';
export * from './permissions.js';
export * from './problem.js';
export * from './codes.js';
export * from './params.js';
export * from './organization-settings.js';
export * from './membership-type-params.js';
export * from './sign-in.js';
export * from './self-service.js';
export * from './webhook.js';
