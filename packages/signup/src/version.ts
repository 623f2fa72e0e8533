/** The version of `@memberkit/signup`, compared by the safe define when the tag is already taken (a test keeps it equal to package.json's: a JSON import would put package.json outside the build's rootDir). */
export const VERSION = '0.1.0';
