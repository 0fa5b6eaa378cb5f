// A minimal push-to-pull async iterator for the bus's topics and the subscriptions' row
// streams. @repeaterjs/repeater (what graphql-yoga's pubsub uses) chains several promises and
// a promise-derived object per push; at one event for 1,000 subscribers, twice per
// subscriber, that was the largest single cost of a fan-out (bench/subscription-fanout.ts).

interface Pull<T> {
  resolve(result: IteratorResult<T, undefined>): void;
  reject(error: unknown): void;
}

export class EventStream<T> implements AsyncIterableIterator<T, undefined> {
  #buffer: T[] = [];
  #pull: Pull<T> | null = null;
  #started = false;
  #ended = false;
  #failure: { error: unknown } | null = null;

  /**
   * `start` runs on the first pull (so nothing listens before someone reads); `refill` when
   * the reader asks for more and nothing is queued (it may `push` at once); `end` once, when
   * either side ends the stream.
   */
  constructor(private readonly hooks: { start?: () => void; refill?: () => void; end?: () => void } = {}) {}

  /** How many values wait to be read. */
  get buffered(): number {
    return this.#buffer.length;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Drops what waits to be read (the producer takes it back, e.g. to end with something else). */
  discard(): void {
    this.#buffer = [];
  }

  /** Queues `value` (or hands it to a waiting reader); dropped once the stream has ended. */
  push(value: T): void {
    if (this.#ended) return;
    const pull = this.#pull;
    if (pull) {
      this.#pull = null;
      pull.resolve({ value, done: false });
    } else {
      this.#buffer.push(value);
    }
  }

  /** The producer's end: what is queued is still read, then the stream is done (or fails with `error`). */
  end(...error: [] | [unknown]): void {
    if (this.#ended) return;
    if (error.length) this.#failure = { error: error[0] };
    this.#finish();
    const pull = this.#pull;
    this.#pull = null;
    if (pull) this.#settle(pull);
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (!this.#started && !this.#ended) {
      this.#started = true;
      this.hooks.start?.();
    }
    if (this.#buffer.length === 0 && !this.#ended) this.hooks.refill?.();
    if (this.#buffer.length > 0) return Promise.resolve({ value: this.#buffer.shift()!, done: false });
    if (this.#ended) return new Promise((resolve, reject) => this.#settle({ resolve, reject }));
    return new Promise((resolve, reject) => (this.#pull = { resolve, reject }));
  }

  /** The reader's end: at once, dropping what is queued. */
  return(): Promise<IteratorResult<T, undefined>> {
    this.#buffer = [];
    this.#failure = null;
    this.#finish();
    const pull = this.#pull;
    this.#pull = null;
    pull?.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.hooks.end?.();
  }

  #settle(pull: Pull<T>): void {
    const failure = this.#failure;
    this.#failure = null; // reported once, then the stream is just done
    if (failure) pull.reject(failure.error);
    else pull.resolve({ value: undefined, done: true });
  }
}
