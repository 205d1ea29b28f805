import { GantryError } from "./errors.ts";
import type { PageBody } from "../types.ts";

/** Fetches the page that starts after `cursor` (undefined: the first page). */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<PageBody<T>>;

/**
 * One page of a list. Iterating it with `for await` yields its items and then those of every following page.
 */
export class Page<T> implements AsyncIterable<T> {
  readonly data: T[];
  readonly nextCursor: string | null;

  constructor(
    private readonly fetcher: PageFetcher<T>,
    body: PageBody<T>,
  ) {
    this.data = body.data;
    this.nextCursor = body.nextCursor;
  }

  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  /** The following page; throws when this is the last one (check hasNextPage() first). */
  async getNextPage(): Promise<Page<T>> {
    if (this.nextCursor === null) throw new GantryError("no next page: this is the last page");
    return new Page(this.fetcher, await this.fetcher(this.nextCursor));
  }

  /** This page and each following one. */
  async *pages(): AsyncGenerator<Page<T>> {
    let page: Page<T> = this;
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.data;
  }
}

/**
 * What list methods return: `await` it for the first Page, or `for await` over it for every item across pages.
 * The first request is made lazily, on the first await or iteration.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private first: Promise<Page<T>> | null = null;

  constructor(private readonly fetcher: PageFetcher<T>) {}

  private load(): Promise<Page<T>> {
    this.first ??= this.fetcher(undefined).then((body) => new Page(this.fetcher, body));
    return this.first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a page list is awaitable on purpose (await list() gives the first page)
  then<A = Page<T>, B = never>(
    onfulfilled?: ((value: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.load().then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.load().catch(onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    yield* await this.load();
  }
}
