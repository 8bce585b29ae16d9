/**
 * Calls that are in flight, by key: a caller asking for the same key meanwhile shares the
 * running call instead of starting its own. Nothing is remembered once a call settles, so this
 * is no cache: it only folds a burst of identical requests into one.
 */
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  run(key: string, call: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (running !== undefined) return running;
    const started = call().finally(() => this.#running.delete(key));
    this.#running.set(key, started);
    return started;
  }
}
