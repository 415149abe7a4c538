/** A read under way: a change to its file while it runs makes what it read unfit to remember. */
interface Reading {
  stale: boolean;
}

/**
 * Documents the file store has read or written, by file path, the least recently used dropped first: a bound on
 * memory, so the cache never grows with the number of learners. Valid only because one process owns the data folder
 * (DataDirLock) and every change goes through the store, which drops the entry before it changes the file and sets it
 * once the file is durable. A read that overlapped a change is not remembered (it may have seen the old file).
 * Cached values are shared: callers treat records as immutable.
 */
export class DocumentCache<T> {
  private readonly entries = new Map<string, T>();
  private readonly readings = new Map<string, Set<Reading>>();

  constructor(private readonly capacity: number) {}

  get(path: string): T | undefined {
    const value = this.entries.get(path);
    if (value === undefined) return undefined;
    this.entries.delete(path);
    this.entries.set(path, value);
    return value;
  }

  /** The cached value, or what `load` reads (remembered unless the file changed meanwhile). */
  async read(path: string, load: () => Promise<T | null>): Promise<T | null> {
    const cached = this.get(path);
    if (cached !== undefined) return cached;
    const reading: Reading = { stale: false };
    let readings = this.readings.get(path);
    if (!readings) this.readings.set(path, (readings = new Set()));
    readings.add(reading);
    try {
      const value = await load();
      if (value !== null && !reading.stale) this.remember(path, value);
      return value;
    } finally {
      readings.delete(reading);
      if (readings.size === 0) this.readings.delete(path);
    }
  }

  /** The file now holds `value` (after a durable write). */
  set(path: string, value: T): void {
    this.invalidate(path);
    this.remember(path, value);
  }

  /** The file is about to change, or did in a way not known (a failed write): forget it, and what reads of it see. */
  invalidate(path: string): void {
    this.entries.delete(path);
    for (const reading of this.readings.get(path) ?? []) reading.stale = true;
  }

  private remember(path: string, value: T): void {
    this.entries.delete(path);
    this.entries.set(path, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
