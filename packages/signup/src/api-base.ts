// Where the element and the frame page talk to when `api-base` is not set. Kept in its own module
// without imports so the frame page can share it cheaply.

/** Set to true by the script-tag build of the element (chunks/element.js); absent elsewhere. */
declare const __MK_SCRIPT_TAG__: boolean | undefined;

/** The hosted API: the default of the element imported from npm. */
export const DEFAULT_API_BASE = 'https://api.memberkit.app/v1';

/**
 * The API without `api-base`: from the script tag, the origin that served the script plus `/v1`
 * (memberkit-server serves the widget beside its API, so a page pastes two lines and nothing
 * else); imported from npm into an application's bundle, the hosted API.
 */
export const defaultApiBase = (): string =>
  typeof __MK_SCRIPT_TAG__ !== 'undefined' && __MK_SCRIPT_TAG__ ? new URL(/* @vite-ignore */ '/v1', import.meta.url).href : DEFAULT_API_BASE;
