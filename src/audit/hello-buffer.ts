// Collects the first bytes of one direction of a TLS flow until its hello message parses. A hello may
// span TCP segments (post-quantum key shares make ClientHellos exceed one MSS), so bytes are gathered
// in sequence order up to a bound; out-of-order and retransmitted segments are ignored. The bytes held
// by all flows' hellos together are capped by a HelloBudget.

/** One TLS record of the largest allowed size plus its header: a hello never needs more. */
const HELLO_LIMIT = 16 * 1024 + 5;

export interface HelloParse {
  status: 'ok' | 'need-more' | 'invalid';
}

export interface HelloBuffer<T extends HelloParse> {
  append(seq: number, data: Buffer, offset: number, length: number): void;
  readonly done: boolean;
  /** The parse, when it succeeded. */
  readonly result: T | null;
}

export function createHelloBuffer<T extends HelloParse>(parse: (data: Buffer, offset: number, length: number) => T, budget: HelloBudget): HelloBuffer<T> {
  return new Gatherer(parse, budget);
}

/**
 * The bytes all hellos being gathered may hold together. Per flow a hello is bounded by HELLO_LIMIT,
 * but a full flow table of half-sent hellos would hold 16,384 x 2 x 16 KiB (measured: a table of
 * hellos each 1,400 bytes into a declared 16 KiB took peak RSS to 111 MiB, 83 with this; README
 * "Hostile captures"). Past the
 * limit the hellos gathering longest are given up: their flows stay counted as encrypted, with SNI
 * and version unknown. A flow forgotten while gathering is never told so; its bytes are the first
 * reclaimed, being the oldest.
 */
export class HelloBudget {
  /** Hellos given up to stay within the limit. */
  abandoned = 0;
  private held = 0;
  // Insertion order is the order of last growth: the first entries are the longest gathering.
  private readonly gathering = new Set<Gatherer<HelloParse>>();

  constructor(readonly limit: number) {}

  get heldBytes(): number {
    return this.held;
  }

  /** Accounts for bytes more held by gatherer, giving up the longest-gathering others past the limit. */
  grow(gatherer: Gatherer<HelloParse>, bytes: number): void {
    this.gathering.delete(gatherer);
    this.gathering.add(gatherer);
    this.held += bytes;
    for (const oldest of this.gathering) {
      if (this.held <= this.limit || oldest === gatherer) break;
      this.abandoned++;
      oldest.giveUp();
    }
  }

  release(gatherer: Gatherer<HelloParse>, bytes: number): void {
    if (this.gathering.delete(gatherer)) this.held -= bytes;
  }
}

// A class rather than a closure: every DoT flow makes two. The closure version (five functions and an
// object literal with getters, which V8 builds on a slow path) cost about 2 % of the audit's CPU time
// on the 500k-packet bench file.
class Gatherer<T extends HelloParse> implements HelloBuffer<T> {
  done = false;
  /** The parse, when it succeeded. */
  result: T | null = null;
  private gathered: Buffer | null = null;
  private used = 0;
  private expectedSeq = -1;

  constructor(
    private readonly parse: (data: Buffer, offset: number, length: number) => T,
    private readonly budget: HelloBudget,
  ) {}

  append(seq: number, data: Buffer, offset: number, length: number): void {
    if (this.done || (this.expectedSeq !== -1 && seq !== this.expectedSeq)) return;
    this.expectedSeq = (seq + length) >>> 0;
    let gathered = this.gathered;
    // The common case, a whole hello in one segment, parses in place without copying.
    if (gathered === null) {
      if (this.finish(this.parse(data, offset, length))) return;
      gathered = this.hold(Buffer.allocUnsafeSlow(Math.min(HELLO_LIMIT, Math.max(2048, 2 * length))));
    }
    const take = Math.min(length, HELLO_LIMIT - this.used);
    // Grown as bytes arrive: thousands of flows each holding half a hello must not each hold 16 KiB.
    if (this.used + take > gathered.length) gathered = this.hold(grown(gathered, this.used, this.used + take));
    data.copy(gathered, this.used, offset, offset + take);
    this.used += take;
    if (!this.finish(this.parse(gathered, 0, this.used)) && this.used === HELLO_LIMIT) this.finish(null);
  }

  /** Stops gathering with no result: the budget needs the bytes. */
  giveUp(): void {
    this.finish(null);
  }

  /** Holds buffer in place of the one gathered so far; the budget may give up other hellos, never this one. */
  private hold(buffer: Buffer): Buffer {
    const before = this.gathered?.length ?? 0;
    this.gathered = buffer;
    this.budget.grow(this as Gatherer<HelloParse>, buffer.length - before);
    return buffer;
  }

  private finish(parsed: T | null): boolean {
    if (parsed !== null && parsed.status === 'need-more') return false;
    this.done = true;
    this.result = parsed !== null && parsed.status === 'ok' ? parsed : null;
    if (this.gathered !== null) this.budget.release(this as Gatherer<HelloParse>, this.gathered.length);
    this.gathered = null;
    return true;
  }
}

function grown(buffer: Buffer, used: number, needed: number): Buffer {
  const larger = Buffer.allocUnsafeSlow(Math.min(HELLO_LIMIT, Math.max(needed, 2 * buffer.length)));
  buffer.copy(larger, 0, 0, used);
  return larger;
}
