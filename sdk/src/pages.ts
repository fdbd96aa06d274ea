/** One page of a list; `next_cursor` is null on the last page. */
export interface Page<T> {
  readonly data: T[];
  readonly next_cursor: string | null;
}

/**
 * A list call: `await` it for the first page, or `for await` over it for every item of every
 * page (each page is fetched when the one before it is used up).
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private first: Promise<Page<T>> | undefined;

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {}

  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  /** The page after `cursor` (a `next_cursor` this list returned), for a UI that pages on demand. */
  at(cursor: string | undefined): Promise<Page<T>> {
    return cursor === undefined ? this.firstPage() : this.fetchPage(cursor);
  }

  /** Every page in turn. */
  async *pages(): AsyncGenerator<Page<T>> {
    let page = await this.firstPage();
    yield page;
    while (page.next_cursor !== null) {
      page = await this.fetchPage(page.next_cursor);
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.data;
  }

  private firstPage(): Promise<Page<T>> {
    this.first ??= this.fetchPage(undefined);
    return this.first;
  }
}
