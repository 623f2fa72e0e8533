// Random hex from Web Crypto: ids, tokens and secrets that must not be guessed.

const hex = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** Random bytes drawn 4 KiB at a time: one call to the CSPRNG serves many ids. */
const pool = new Uint8Array(4096);
let used = pool.length;

export function randomHex(bytes: number): string {
  if (bytes > pool.length) throw new RangeError(`randomHex: at most ${pool.length} bytes`);
  if (used + bytes > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  let text = '';
  for (let i = used; i < used + bytes; i++) text += hex[pool[i]!];
  // Each byte is used once.
  used += bytes;
  return text;
}

/** SHA-256 of `text` (UTF-8), in hex: how secret keys are stored. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
