// Reading a request: its body (size limit, JSON), its parameters against the SDK's request
// schemas (one field error per field), and cursor pagination of lists.
import { Problem, fieldError, type FieldError } from '../domain/problems.js';
import type { Schema, SchemaIssue } from './reply.js';

/** The JSON body of a POST (undefined for none, GET and DELETE); 413 over `limit` bytes, 400 when not JSON. */
export async function readBody(request: Request, limit: number): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'DELETE' || request.method === 'HEAD') return undefined;
  const tooLarge = () => new Problem(413, 'payload_too_large', `The request body is over the ${limit}-byte limit.`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > limit) throw tooLarge();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Problem(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

function issueCode(issue: SchemaIssue, present: boolean): string {
  if (!present) return 'required';
  if (issue.code === 'invalid_format') return issue.format === 'email' ? 'invalid_email' : 'pattern_mismatch';
  if (issue.code === 'too_small') return issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small';
  if (issue.code === 'too_big') return issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_large';
  if (issue.code === 'invalid_type') return 'invalid_type';
  return issue.code;
}

function setAt(target: unknown, path: readonly PropertyKey[], value: unknown): void {
  const parent = valueAt(target, path.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Record<PropertyKey, unknown>)[path.at(-1)!] = value;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** An address as an email's placeholder while the schema reads the rest of a body. */
const PLACEHOLDER_EMAIL = 'placeholder@example.invalid';

/**
 * Parses a request body with an SDK request schema; a mismatch is a 422 with one error per field.
 * `emailsLater`: when the only mismatches are malformed email addresses, the body is read anyway
 * (with those addresses as they came), so that the endpoint's own validation, which checks
 * addresses too, answers them in one 422 with every other field's error rather than alone.
 */
export function parseBody<T>(schema: Schema<T>, body: unknown, { emailsLater = false } = {}): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const emails = parsed.error.issues.filter((issue) => issue.code === 'invalid_format' && issue.format === 'email');
  if (emailsLater && emails.length === parsed.error.issues.length && body && typeof body === 'object') {
    const copy = structuredClone(body);
    for (const issue of emails) setAt(copy, issue.path, PLACEHOLDER_EMAIL);
    const again = schema.safeParse(copy);
    if (again.success) {
      for (const issue of emails) setAt(again.data, issue.path, valueAt(body, issue.path));
      return again.data;
    }
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    const present = valueAt(body ?? {}, issue.path) !== undefined || issue.path.length === 0;
    errors.push(fieldError(field, issueCode(issue, present), field));
  }
  throw new Problem(422, 'validation_failed', errors.length === 1 ? errors[0]!.message : `${errors.length} fields are invalid.`, {
    errors,
  });
}

/**
 * A copy of a request body with the `email` (or `field`) of each person `select` picks trimmed:
 * surrounding spaces are not an invalid address, so every endpoint that takes one trims it before
 * the schema checks it (the body is left as it is when it is not an object: the schema then
 * refuses it).
 */
export function trimEmails(body: unknown, select: (copy: Record<string, unknown>) => unknown[], field = 'email'): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const person of select(copy)) {
    if (person && typeof person === 'object' && typeof (person as Record<string, unknown>)[field] === 'string') {
      (person as Record<string, string>)[field] = (person as Record<string, string>)[field]!.trim();
    }
  }
  return copy;
}

/** Cursor pagination over records with ids: `?limit=` (1–100, default 10) and `?starting_after=`. */
export function paginate<R extends { id: string }, T>(records: readonly R[], url: URL, view: (record: R) => T): { data: T[]; has_more: boolean } {
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new Problem(422, 'validation_failed', 'limit must be an integer from 1 to 100.', {
      errors: [fieldError('limit', Number.isInteger(limit) ? (limit < 1 ? 'too_small' : 'too_large') : 'invalid_number', 'limit')],
    });
  }
  const after = url.searchParams.get('starting_after');
  let start = 0;
  if (after !== null) {
    const index = records.findIndex((record) => record.id === after);
    if (index < 0) {
      throw new Problem(422, 'validation_failed', `starting_after "${after}" is not in this list.`, {
        errors: [fieldError('starting_after', 'not_found', 'starting_after', `No item "${after}" in this list.`)],
      });
    }
    start = index + 1;
  }
  const slice = records.slice(start, start + limit);
  return { data: slice.map(view), has_more: start + limit < records.length };
}

/** `paginate` for views that read storage (async). */
export async function paginateAsync<R extends { id: string }, T>(
  records: readonly R[],
  url: URL,
  view: (record: R) => Promise<T>,
): Promise<{ data: T[]; has_more: boolean }> {
  const page = paginate(records, url, (record) => record);
  const data: T[] = [];
  for (const record of page.data) data.push(await view(record));
  return { data, has_more: page.has_more };
}
