import { MemberkitError } from '../core/errors.js';

/**
 * Builds a request path from a template, percent-encoding each interpolated segment and refusing
 * empty, `.` and `..` segments, so an id can never walk to another endpoint.
 */
export const path = (strings: TemplateStringsArray, ...params: string[]): string =>
  strings.reduce((out, part, i) => {
    if (i === 0) return part;
    const raw = params[i - 1]!;
    // Not a string (an id left undefined in JS) would otherwise become the segment "undefined".
    const segment = typeof raw === 'string' ? encodeURIComponent(raw) : '';
    if (raw === '' || raw === '.' || raw === '..' || segment === '' || segment === '.' || segment === '..') {
      throw new MemberkitError(`Invalid path parameter ${JSON.stringify(raw)}`);
    }
    return out + segment + part;
  }, '');
