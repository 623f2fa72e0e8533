// Stripe's request encoding, read back: `application/x-www-form-urlencoded` with nested keys
// (`line_items[0][price_data][currency]=eur`, `expand[]=payment_intent`), as stripe-node and
// curl send it. Values stay strings, as Stripe receives them; the stand-in converts where it reads.

/** A decoded parameter: a string, a list, or a nested object. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/** `a[b][0][c]` → ['a', 'b', '0', 'c']; `expand[]` → ['expand', '']. */
function pathOf(key: string): string[] {
  const first = key.indexOf('[');
  if (first < 0) return [key];
  const parts = [key.slice(0, first)];
  for (const match of key.slice(first).matchAll(/\[([^\]]*)\]/g)) parts.push(match[1]!);
  return parts;
}

/**
 * Decodes a Stripe form body into nested objects and arrays. Keys are own properties of objects
 * made without a prototype, so `__proto__` or `constructor` in a hostile body is just a key.
 */
export function decodeForm(text: string): FormObject {
  const root: FormObject = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const path = pathOf(key);
    let node: FormObject | FormValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const part = path[i]!;
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(path[i + 1]!);
      if (Array.isArray(node)) {
        const index = part === '' ? node.length : Number(part);
        if (!Number.isInteger(index) || index > 10_000) break;
        if (last) node[index] = value;
        else node = (node[index] ??= nextIsIndex ? [] : Object.create(null)) as FormObject | FormValue[];
      } else {
        if (last) node[part] = value;
        else {
          const existing: FormValue | undefined = Object.hasOwn(node, part) ? node[part] : undefined;
          const child: FormValue = existing !== undefined && typeof existing === 'object' ? existing : nextIsIndex ? [] : Object.create(null);
          node[part] = child;
          node = child as FormObject | FormValue[];
        }
      }
    }
  }
  return root;
}

/** Reads a form value as what Stripe's parameter is: */
export const form = {
  string(value: FormValue | undefined): string | undefined {
    return typeof value === 'string' ? value : undefined;
  },
  integer(value: FormValue | undefined): number | undefined {
    return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : undefined;
  },
  boolean(value: FormValue | undefined): boolean | undefined {
    return value === 'true' ? true : value === 'false' ? false : undefined;
  },
  object(value: FormValue | undefined): FormObject | undefined {
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  },
  list(value: FormValue | undefined): FormValue[] {
    if (Array.isArray(value)) return value.filter((entry) => entry !== undefined);
    // `line_items[0]…` decodes as an array; an object keyed by digits is one too.
    if (value && typeof value === 'object') return Object.values(value);
    return typeof value === 'string' ? [value] : [];
  },
  /** `metadata[key]=value` → a plain record of strings (Stripe's metadata). */
  metadata(value: FormValue | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    const object = form.object(value);
    if (object) for (const [key, entry] of Object.entries(object)) if (typeof entry === 'string') out[key] = entry;
    return out;
  },
};
