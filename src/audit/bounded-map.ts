// A Map with a fixed capacity and least-recently-used eviction. Every table the audit keeps per flow,
// server or name is one of these, so memory is bounded whatever the capture holds; evictions are
// counted so the report can say what it forgot.

export interface BoundedMap<K, V> {
  /** Looks up and marks the key most recently used. */
  get(key: K): V | undefined;
  /** Looks up without changing the order. */
  peek(key: K): V | undefined;
  /** Inserts or replaces, marking the key most recently used; may evict the least recently used. */
  set(key: K, value: V): void;
  /** Replaces the value of a key still in the table, keeping its place in the order. */
  replace(key: K, value: V): void;
  delete(key: K): void;
  /** In the order keys were first inserted (not the order of use). */
  values(): IterableIterator<V>;
  entries(): IterableIterator<[K, V]>;
  readonly size: number;
  readonly evictions: number;
}

/** No slot: the end of the recency list. */
const NONE = -1;

/**
 * onEvict is told of each entry evicted for room (not of those deleted).
 *
 * The Map only finds a key's slot; the order of use is a doubly linked list of slot numbers in two
 * typed arrays, so marking a key used rewrites four numbers and leaves the Map alone. Keeping the order
 * in the Map itself, by deleting and setting a key again on each use, filled it with deleted entries
 * that forced a rehash of the whole table every few thousand uses, and made eviction walk them: on the
 * 2M-packet interleaved bench file (10,000 flows open in each flow table) the audit took 1.37-1.39 s
 * that way and 1.14-1.18 s this way, at the same peak RSS.
 */
export function createBoundedMap<K, V>(capacity: number, onEvict?: (key: K, value: V) => void): BoundedMap<K, V> {
  const slots = new Map<K, number>();
  const keys: (K | undefined)[] = [];
  const values: (V | undefined)[] = [];
  // Grown as slots are first used: most tables (one per interface, per server) stay small.
  let older = new Int32Array(Math.min(capacity, 64));
  let younger = new Int32Array(older.length);
  let oldest = NONE;
  let youngest = NONE;
  const freed: number[] = [];
  let evictions = 0;

  return {
    get(key) {
      const slot = slots.get(key);
      if (slot === undefined) return undefined;
      if (slot !== youngest) {
        unlink(slot);
        linkYoungest(slot);
      }
      return values[slot];
    },
    peek(key) {
      const slot = slots.get(key);
      return slot === undefined ? undefined : values[slot];
    },
    set(key, value) {
      let slot = slots.get(key);
      if (slot === undefined) {
        if (slots.size >= capacity) evictOldest();
        slot = freeSlot();
        slots.set(key, slot);
        keys[slot] = key;
      } else unlink(slot);
      values[slot] = value;
      linkYoungest(slot);
    },
    replace(key, value) {
      const slot = slots.get(key);
      if (slot !== undefined) values[slot] = value;
    },
    delete(key) {
      const slot = slots.get(key);
      if (slot !== undefined) release(slot);
    },
    *values() {
      for (const slot of slots.values()) yield values[slot] as V;
    },
    *entries() {
      for (const [key, slot] of slots) yield [key, values[slot] as V];
    },
    get size() {
      return slots.size;
    },
    get evictions() {
      return evictions;
    },
  };

  function evictOldest(): void {
    const slot = oldest;
    const key = keys[slot] as K;
    const value = values[slot] as V;
    release(slot);
    evictions++;
    onEvict?.(key, value);
  }

  function release(slot: number): void {
    unlink(slot);
    slots.delete(keys[slot] as K);
    // Dropped at once: a forgotten flow's buffers must not live on in a free slot.
    keys[slot] = undefined;
    values[slot] = undefined;
    freed.push(slot);
  }

  function freeSlot(): number {
    const reused = freed.pop();
    if (reused !== undefined) return reused;
    // With no slot freed, every slot below the table's size is taken.
    const slot = slots.size;
    if (slot === older.length) {
      older = grown(older, capacity);
      younger = grown(younger, capacity);
    }
    return slot;
  }

  function unlink(slot: number): void {
    const before = older[slot];
    const after = younger[slot];
    if (before === NONE) oldest = after;
    else younger[before] = after;
    if (after === NONE) youngest = before;
    else older[after] = before;
  }

  function linkYoungest(slot: number): void {
    older[slot] = youngest;
    younger[slot] = NONE;
    if (youngest === NONE) oldest = slot;
    else younger[youngest] = slot;
    youngest = slot;
  }
}

function grown(array: Int32Array<ArrayBuffer>, capacity: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(Math.min(capacity, array.length * 2));
  larger.set(array);
  return larger;
}
