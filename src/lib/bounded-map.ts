/**
 * A Map that holds at most `limit` entries: past it, the oldest goes first.
 * A plain bound, not an LRU — what it holds never changes once known, and
 * the bound only keeps a long-running process from growing without end.
 * One per app instance (src/caches.ts), never per process.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
