/**
 * Where the element and the frame page talk to when `api-base` is not set.
 * Kept in its own module without imports so the frame page can share it cheaply.
 */
export const DEFAULT_API_BASE = 'https://api.memberkit.app/v1';
