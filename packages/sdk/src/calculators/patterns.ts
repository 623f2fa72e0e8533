/**
 * Custom field patterns: a regular expression staff save and every member's keystroke runs. A
 * backtracking engine takes exponential time on nested quantifiers (`(a+)+$` on "aaaa…!"), which
 * freezes the member's page and the API alike, so a pattern is accepted only when it has none of
 * the constructs that backtrack without bound, and it is run on at most PATTERN_INPUT_LIMIT
 * characters.
 */

/** The longest value a pattern is run on; a longer value does not match (`pattern_mismatch`). */
export const PATTERN_INPUT_LIMIT = 256;
/** The longest pattern staff may save. */
export const PATTERN_MAX_LENGTH = 500;

/** Why a pattern is refused, or undefined when it is safe to run. */
export type UnsafePatternReason =
  | 'too_long'
  | 'invalid'
  | 'nested_quantifier'
  | 'quantified_alternation'
  | 'backreference'
  | 'lookaround';

/**
 * Why `pattern` cannot be matched safely (see the module), or undefined. Checked as the API's
 * field definitions are saved (CustomFieldDefinitionSchema) and again before the widget runs one.
 * Escapes and classes read as one plain atom; then groups are folded innermost first, each into
 * an atom that repeats when anything in it repeats: a repeated group holding a repetition is a
 * nested quantifier. Conservative by design (any `{…}` counts as repeating).
 */
export const unsafePatternReason = (pattern: string): UnsafePatternReason | undefined => {
  if (pattern.length > PATTERN_MAX_LENGTH) return 'too_long';
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'invalid';
  }
  if (/\\(?:[1-9]|k<)/.test(pattern)) return 'backreference';
  let rest = pattern.replace(/\\./g, 'a').replace(/\[\^?\]?[^\]]*\]/g, 'a');
  if (/\(\?<?[=!]/.test(rest)) return 'lookaround';
  const repeats = /[*+{]/;
  for (let group; (group = /\((?:\?:|\?<\w+>)?([^()]*)\)(.?)/.exec(rest)); ) {
    const [whole, inside, after] = group as unknown as [string, string, string];
    if (repeats.test(after)) {
      if (repeats.test(inside)) return 'nested_quantifier';
      if (inside.includes('|')) return 'quantified_alternation';
    }
    rest = rest.replace(whole, (repeats.test(inside) ? 'a+' : 'a') + after);
  }
  return undefined;
};

/** True when `pattern` can be matched safely (see unsafePatternReason). */
export const isSafePattern = (pattern: string): boolean => unsafePatternReason(pattern) === undefined;
