/** The base URL the sandbox answers under unless told otherwise. */
export const defaultBaseUrl = 'https://api.memberkit.test/v1';
export const defaultSecretKey = 'sk_test_sandbox';
export const defaultPublishableKey = 'pk_test_sandbox';
