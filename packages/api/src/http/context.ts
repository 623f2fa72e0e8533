// What a route sees: the domain's context (one transaction, the organization, the day) plus the
// request (its URL, path parameters, parsed body) and who sent it.
import type { DomainContext } from '../domain/context.js';
import type { Access, Caller } from './auth.js';
import type { MemberTokens } from '../ports/member-tokens.js';
import type { Read } from '../ports/storage.js';
import type { Reply } from './reply.js';
import type { WebhookUrlRule } from '../domain/webhook-addresses.js';

export interface RouteContext extends DomainContext {
  readonly request: Request;
  readonly url: URL;
  /** Path parameters by name (`:id` → `params.id`). */
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body (undefined for none). */
  readonly body: unknown;
  readonly caller: Caller;
  /** The member whose token sent the request, or null. */
  readonly callerId: string | null;
  /** The MemberTokens port (sign-in and minted tokens issue through it). */
  readonly memberTokens: MemberTokens;
  /** Which webhook endpoint URLs are accepted (loopback only outside production). */
  readonly webhookUrls: WebhookUrlRule;
  /**
   * The request's Idempotency-Key with its caller (`admin|key`), null when none was sent: the
   * same in a retry of the request, so a processor call keyed by it is made once however often
   * the request comes (a retry after a crash between the processor's answer and the commit).
   */
  readonly idempotencyScope: string | null;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Under the base path, with `:name` parameters: `/organizations/:org/signups/:id`. */
  path: string;
  access: Access;
  /**
   * A POST that creates or charges must send an Idempotency-Key. Every route but a GET honours
   * one when it is sent.
   */
  requiresIdempotencyKey?: true;
  /**
   * Answers the request inside its transaction. A thrown Problem undoes every write; a returned
   * problem (`problemReply`) answers after they commit.
   */
  handle(context: RouteContext): Promise<Reply>;
  /**
   * The reads `handle` will make first, from the request as it came (unvalidated), announced
   * before the transaction's first statement (Transaction.prefetch): a SQL storage sends them with
   * it, a round trip each less while the organization's write lock is held. Never required:
   * `handle` reads what it needs either way.
   */
  prefetch?(context: RouteContext): readonly Read[];
}
