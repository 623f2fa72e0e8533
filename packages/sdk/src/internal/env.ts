/** True in a browser page or worker (where a secret key would be visible to anyone). */
export const isBrowser = (): boolean => {
  const g = globalThis as { window?: { document?: unknown }; importScripts?: unknown; navigator?: unknown };
  return (
    (typeof g.window === 'object' && typeof g.window?.document !== 'undefined' && typeof g.navigator !== 'undefined') ||
    typeof g.importScripts === 'function'
  );
};
