// The order of use of a table's entries, least recently used first, as a doubly linked list of entry
// numbers in two typed arrays: marking an entry used rewrites four numbers and allocates nothing.
// Shared by the bounded tables keyed by strings (bounded-map.ts) and by flow identity (flow-table.ts).

/** No entry: the end of the list. */
const NONE = -1;

export class RecencyList {
  oldest = NONE;
  private youngest = NONE;
  // Grown as entries are first used: most tables (one per interface, per server) stay small.
  private older: Int32Array<ArrayBuffer>;
  private younger: Int32Array<ArrayBuffer>;

  constructor(private readonly capacity: number) {
    this.older = new Int32Array(Math.min(capacity, 64));
    this.younger = new Int32Array(this.older.length);
  }

  /** Makes room for entries numbered below count (at most the capacity). */
  reserve(count: number): void {
    if (count <= this.older.length) return;
    const length = Math.min(this.capacity, Math.max(count, this.older.length * 2));
    this.older = grown(this.older, length);
    this.younger = grown(this.younger, length);
  }

  /** Marks an entry in the list the most recently used. */
  touch(entry: number): void {
    if (entry === this.youngest) return;
    this.unlink(entry);
    this.linkYoungest(entry);
  }

  /** Adds an entry not in the list as the most recently used. */
  linkYoungest(entry: number): void {
    this.older[entry] = this.youngest;
    this.younger[entry] = NONE;
    if (this.youngest === NONE) this.oldest = entry;
    else this.younger[this.youngest] = entry;
    this.youngest = entry;
  }

  unlink(entry: number): void {
    const before = this.older[entry];
    const after = this.younger[entry];
    if (before === NONE) this.oldest = after;
    else this.younger[before] = after;
    if (after === NONE) this.youngest = before;
    else this.older[after] = before;
  }
}

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(length);
  larger.set(array);
  return larger;
}
