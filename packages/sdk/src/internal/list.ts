// A list call, outside the Transport class: a class's methods all stay in a bundle, and a client
// that lists nothing (the signup widget's) then carries no pages.
import { ListPage, PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import type { Page } from '../schemas/page.js';
import type { RequestSpec, Transport } from './transport.js';

/** A list call: awaitable as its first page, and `for await` iterable over every item. */
export function listPages<T extends { id: string }>(t: Transport, spec: RequestSpec<Page<T>>, o?: RequestOptions): PagePromise<T> {
  const fetchPage = (after?: string): Promise<ListPage<T>> =>
    t.request(after ? { ...spec, query: { ...spec.query, starting_after: after } } : spec, o).then((data) => new ListPage(data, fetchPage));
  return new PagePromise(fetchPage());
}
