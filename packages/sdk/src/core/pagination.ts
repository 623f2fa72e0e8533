// Cursor pagination: a list call resolves to its first page and iterates over every item.
import { MemberkitError } from './errors.js';
import type { Page } from '../schemas/page.js';

/** One page of a list (`{ data, has_more }`), `for await` iterable over every item of this and later pages. */
export class ListPage<T extends { id: string }> implements Page<T>, AsyncIterable<T> {
  data: T[];
  has_more: boolean;
  readonly #fetchAfter: (id: string) => Promise<ListPage<T>>;

  constructor(body: Page<T>, fetchAfter: (id: string) => Promise<ListPage<T>>) {
    this.data = body.data;
    this.has_more = body.has_more;
    this.#fetchAfter = fetchAfter;
  }

  hasNextPage(): boolean {
    return this.has_more && this.data.length > 0;
  }

  /** The next page (`starting_after` the last item of this one). */
  async getNextPage(): Promise<ListPage<T>> {
    if (!this.hasNextPage()) throw new MemberkitError('No next page');
    return this.#fetchAfter(this.data[this.data.length - 1]!.id);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: ListPage<T> = this;
    for (;;) {
      yield* page.data;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }
}

/** What a list call returns: `await` it for the first page, or `for await` over every item. */
export class PagePromise<T extends { id: string }> implements PromiseLike<ListPage<T>>, AsyncIterable<T> {
  readonly #page: Promise<ListPage<T>>;

  constructor(page: Promise<ListPage<T>>) {
    this.#page = page;
  }

  then<A = ListPage<T>, B = never>(
    onfulfilled?: ((page: ListPage<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#page.then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<ListPage<T> | B> {
    return this.#page.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<ListPage<T>> {
    return this.#page.finally(onfinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.#page;
  }
}
