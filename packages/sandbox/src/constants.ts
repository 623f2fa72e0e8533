/** The base URL the sandbox answers under unless told otherwise. */
export const defaultBaseUrl = 'https://api.memberkit.test/v1';
