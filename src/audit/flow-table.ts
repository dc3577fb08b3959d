// A bounded table of per-flow state keyed by flow identity as 32-bit words (flow-key.ts), with
// least-recently-used eviction like the other bounded tables (bounded-map.ts). Every TCP segment on
// 53 and 853 looks its flow up; keyed by a string, each lookup first built the key and then hashed it,
// one short-lived string per packet. Here the key's words are hashed and compared where the packet
// left them, and a flow's own copy of them lives in a typed array.
import { FLOW_KEY_WORDS, type FlowKey } from './flow-key.js';
import { RecencyList } from './recency-list.js';

export interface FlowTable<V> {
  /** Looks up and marks the flow most recently used. */
  get(key: FlowKey): V | undefined;
  /** Inserts or replaces, marking the flow most recently used; may evict the least recently used. */
  set(key: FlowKey, value: V): void;
  /** Replaces the value of a flow still in the table, keeping its place in the order. */
  replace(key: FlowKey, value: V): void;
  /**
   * ORs bits into the flow's marks, a byte kept beside its value (0 when it enters the table), and
   * returns them; 0 for a flow not in the table. Does not change the order.
   */
  mark(key: FlowKey, bits: number): number;
  delete(key: FlowKey): void;
  values(): IterableIterator<V>;
  readonly size: number;
  readonly evictions: number;
}

const EMPTY = -1;

/**
 * onEvict is told of each flow evicted for room (not of those deleted).
 *
 * Entries are numbered densely, as in bounded-map.ts, and found through an open-addressing index kept
 * at most half full, with linear probing. Deletion shifts the later entries of a probe run back, so
 * no tombstones build up as flows come and go. The hash is seeded per table at random: a capture
 * cannot be crafted to pile its flows into one probe run.
 */
export function createFlowTable<V>(capacity: number, onEvict?: (value: V) => void): FlowTable<V> {
  let indexMask = 63;
  let index = new Int32Array(indexMask + 1).fill(EMPTY);
  let words = new Int32Array(0);
  let hashes = new Int32Array(0);
  let marks = new Uint8Array(0);
  const values: (V | undefined)[] = [];
  const recency = new RecencyList(capacity);
  const freed: number[] = [];
  // Math.random, not node:crypto, which takes 3-4 ms to load: the seed only has to be unknown to
  // whoever wrote the capture, before the audit began.
  const seed = (Math.random() * 0x1_0000_0000) | 0;
  let size = 0;
  let evictions = 0;
  // The index position of the entry the last find found, for delete.
  let foundAt = 0;

  return {
    get(key) {
      const entry = find(key, hashOf(key));
      if (entry === EMPTY) return undefined;
      recency.touch(entry);
      return values[entry];
    },
    set(key, value) {
      const hash = hashOf(key);
      let entry = find(key, hash);
      if (entry === EMPTY) {
        if (size >= capacity) evictOldest();
        entry = add(key, hash);
      } else recency.unlink(entry);
      values[entry] = value;
      recency.linkYoungest(entry);
    },
    replace(key, value) {
      const entry = find(key, hashOf(key));
      if (entry !== EMPTY) values[entry] = value;
    },
    mark(key, bits) {
      const entry = find(key, hashOf(key));
      return entry === EMPTY ? 0 : (marks[entry] |= bits);
    },
    delete(key) {
      const entry = find(key, hashOf(key));
      if (entry !== EMPTY) release(entry, foundAt);
    },
    *values() {
      for (const entry of index) if (entry !== EMPTY) yield values[entry] as V;
    },
    get size() {
      return size;
    },
    get evictions() {
      return evictions;
    },
  };

  function hashOf(key: FlowKey): number {
    let hash = seed ^ key.length;
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.words[i], 0x9e3779b1) ^ (hash >>> 15);
    return Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) ^ (hash >>> 13);
  }

  /** The key's entry, or EMPTY. */
  function find(key: FlowKey, hash: number): number {
    for (let position = hash & indexMask; ; position = (position + 1) & indexMask) {
      const entry = index[position];
      if (entry === EMPTY) return EMPTY;
      if (hashes[entry] === hash && sameKey(entry, key)) {
        foundAt = position;
        return entry;
      }
    }
  }

  /** The head word holds the IP version, so keys that agree on it have the same length. */
  function sameKey(entry: number, key: FlowKey): boolean {
    const base = entry * FLOW_KEY_WORDS;
    for (let i = 0; i < key.length; i++) if (words[base + i] !== key.words[i]) return false;
    return true;
  }

  /** A new entry for a key not in the table. */
  function add(key: FlowKey, hash: number): number {
    const entry = freed.pop() ?? size;
    if (entry >= hashes.length) grow(entry + 1);
    words.set(key.words, entry * FLOW_KEY_WORDS);
    hashes[entry] = hash;
    marks[entry] = 0;
    index[positionFor(hash)] = entry;
    size++;
    return entry;
  }

  /** The free index position that ends hash's probe run. */
  function positionFor(hash: number): number {
    let position = hash & indexMask;
    while (index[position] !== EMPTY) position = (position + 1) & indexMask;
    return position;
  }

  function evictOldest(): void {
    const entry = recency.oldest;
    const value = values[entry] as V;
    let position = hashes[entry] & indexMask;
    while (index[position] !== entry) position = (position + 1) & indexMask;
    release(entry, position);
    evictions++;
    onEvict?.(value);
  }

  function release(entry: number, position: number): void {
    recency.unlink(entry);
    // Dropped at once: a forgotten flow's buffers must not live on in a free entry.
    values[entry] = undefined;
    freed.push(entry);
    size--;
    // Later entries of the probe run move back into the hole unless their home lies after it.
    let hole = position;
    for (let next = (hole + 1) & indexMask; index[next] !== EMPTY; next = (next + 1) & indexMask) {
      const home = hashes[index[next]] & indexMask;
      const staysPut = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (staysPut) continue;
      index[hole] = index[next];
      hole = next;
    }
    index[hole] = EMPTY;
  }

  /** Room for entries below count, and an index at most half full; entries keep their numbers. */
  function grow(count: number): void {
    const length = Math.min(capacity, Math.max(count, hashes.length * 2, 64));
    const largerWords = new Int32Array(length * FLOW_KEY_WORDS);
    largerWords.set(words);
    words = largerWords;
    const largerHashes = new Int32Array(length);
    largerHashes.set(hashes);
    hashes = largerHashes;
    const largerMarks = new Uint8Array(length);
    largerMarks.set(marks);
    marks = largerMarks;
    recency.reserve(length);
    if (length * 2 <= indexMask + 1) return;
    const old = index;
    indexMask = (1 << Math.ceil(Math.log2(length * 2))) - 1;
    index = new Int32Array(indexMask + 1).fill(EMPTY);
    for (const entry of old) if (entry !== EMPTY) index[positionFor(hashes[entry])] = entry;
  }
}
