/** The version of `@memberkit/signup`, compared by the safe define when the tag is already taken. */
export const VERSION = '0.1.0';
