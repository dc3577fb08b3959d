// A Map with a fixed capacity and least-recently-used eviction. Every table the audit keeps per flow,
// server or name is one of these, so memory is bounded whatever the capture holds; evictions are
// counted so the report can say what it forgot.

export interface BoundedMap<K, V> {
  get(key: K): V | undefined;
  /** Inserts or replaces, marking the key most recently used; may evict the least recently used. */
  set(key: K, value: V): void;
  delete(key: K): void;
  values(): IterableIterator<V>;
  entries(): IterableIterator<[K, V]>;
  readonly size: number;
  readonly evictions: number;
}

export function createBoundedMap<K, V>(capacity: number, onEvict?: (key: K, value: V) => void): BoundedMap<K, V> {
  const map = new Map<K, V>();
  let evictions = 0;
  return {
    get(key) {
      const value = map.get(key);
      // Re-inserting moves the key to the end of Map's insertion order, which is the LRU order.
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      if (map.size > capacity) evictOldest();
    },
    delete: (key) => void map.delete(key),
    values: () => map.values(),
    entries: () => map.entries(),
    get size() {
      return map.size;
    },
    get evictions() {
      return evictions;
    },
  };

  function evictOldest(): void {
    const oldest = map.entries().next().value;
    if (oldest === undefined) return;
    map.delete(oldest[0]);
    evictions++;
    onEvict?.(oldest[0], oldest[1]);
  }
}
