// Collects the first bytes of one direction of a TLS flow until its hello message parses. A hello may
// span TCP segments (post-quantum key shares make ClientHellos exceed one MSS), so bytes are gathered
// in sequence order up to a bound; out-of-order and retransmitted segments are ignored.

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

export function createHelloBuffer<T extends HelloParse>(parse: (data: Buffer, offset: number, length: number) => T): HelloBuffer<T> {
  let gathered: Buffer | null = null;
  let used = 0;
  let expectedSeq = -1;
  let done = false;
  let result: T | null = null;

  return {
    append(seq, data, offset, length) {
      if (done || (expectedSeq !== -1 && seq !== expectedSeq)) return;
      expectedSeq = (seq + length) >>> 0;
      // The common case, a whole hello in one segment, parses in place without copying.
      if (gathered === null) {
        if (finish(parse(data, offset, length))) return;
        gathered = Buffer.allocUnsafeSlow(Math.min(HELLO_LIMIT, Math.max(2048, 2 * length)));
      }
      const take = Math.min(length, HELLO_LIMIT - used);
      // Grown as bytes arrive: thousands of flows each holding half a hello must not each hold 16 KiB.
      if (used + take > gathered.length) gathered = grown(gathered, used, used + take);
      data.copy(gathered, used, offset, offset + take);
      used += take;
      if (!finish(parse(gathered, 0, used)) && used === HELLO_LIMIT) finish(null);
    },
    get done() {
      return done;
    },
    get result() {
      return result;
    },
  };

  function grown(buffer: Buffer, used: number, needed: number): Buffer {
    const larger = Buffer.allocUnsafeSlow(Math.min(HELLO_LIMIT, Math.max(needed, 2 * buffer.length)));
    buffer.copy(larger, 0, 0, used);
    return larger;
  }

  function finish(parsed: T | null): boolean {
    if (parsed !== null && parsed.status === 'need-more') return false;
    done = true;
    result = parsed !== null && parsed.status === 'ok' ? parsed : null;
    gathered = null;
    return true;
  }
}
