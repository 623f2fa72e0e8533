// The migrations, in order: the schema is these files. A new one is added at the end, under a
// name that sorts after the others; one that has landed is never edited.
import type { Migration, MigrationProvider } from 'kysely';
import * as tables from './0001-tables.js';
import * as signingKeys from './0002-signing-keys.js';
import * as noSeqIndexes from './0003-no-seq-indexes.js';
import * as sentMessages from './0004-sent-messages.js';
import * as organizationAddress from './0005-organization-address.js';
import * as lifecycleDays from './0006-lifecycle-days.js';
import * as organizationRules from './0007-organization-rules.js';
import * as lifecycle from './0008-lifecycle.js';
import * as configVersions from './0009-config-versions.js';
import * as stripeEvents from './0010-stripe-events.js';
import * as membershipTypeAdmin from './0011-membership-type-admin.js';
import * as signIn from './0012-sign-in.js';
import * as publishableKeys from './0013-publishable-keys.js';
import * as cancelReason from './0014-cancel-reason.js';
import * as webhooks from './0015-webhooks.js';
import * as discountDeactivation from './0016-discount-deactivation.js';
import * as invitationRevocation from './0017-invitation-revocation.js';
import * as companyContact from './0018-company-contact.js';
import * as paymentAccount from './0019-payment-account.js';
import * as signupCheckoutPage from './0020-signup-checkout-page.js';
import * as signupLocale from './0021-signup-locale.js';

export const migrations: Record<string, Migration> = {
  '0001-tables': tables,
  '0002-signing-keys': signingKeys,
  '0003-no-seq-indexes': noSeqIndexes,
  '0004-sent-messages': sentMessages,
  '0005-organization-address': organizationAddress,
  '0006-lifecycle-days': lifecycleDays,
  '0007-organization-rules': organizationRules,
  '0008-lifecycle': lifecycle,
  '0009-config-versions': configVersions,
  '0010-stripe-events': stripeEvents,
  '0011-membership-type-admin': membershipTypeAdmin,
  '0012-sign-in': signIn,
  '0013-publishable-keys': publishableKeys,
  '0014-cancel-reason': cancelReason,
  '0015-webhooks': webhooks,
  '0016-discount-deactivation': discountDeactivation,
  '0017-invitation-revocation': invitationRevocation,
  '0018-company-contact': companyContact,
  '0019-payment-account': paymentAccount,
  '0020-signup-checkout-page': signupCheckoutPage,
  '0021-signup-locale': signupLocale,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
