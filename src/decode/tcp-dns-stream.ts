// DNS over TCP (RFC 7766 section 8: each message prefixed by a two-byte length) reassembled for one
// direction of one flow, from segments in capture order. Bounded: at most the first keepLength bytes
// of one incomplete message are held, and messages that fit in one segment are handed out in place
// without copying.

export interface TcpDnsStreamLimits {
  /** Messages declaring more bytes are skipped, not buffered (counted in skippedMessages). Default 65535. */
  maxMessageLength?: number;
  /**
   * Of a message that spans segments, only the first keepLength bytes are kept and handed out (the
   * rest is passed over). Default: the whole message. Memory is then bounded by what the reader uses,
   * not by the length a message's prefix declares.
   */
  keepLength?: number;
}

export interface TcpDnsStream {
  /**
   * Feeds one segment: seq is the sequence number of data[offset], length its payload length (0 is
   * ignored, so SYNs and bare ACKs may be pushed too). onMessage receives each complete message; its
   * bytes are valid only during the call.
   */
  push(seq: number, data: Buffer, offset: number, length: number, onMessage: MessageHandler): void;
  /**
   * Hands out what is held of an incomplete message, as a message cut short (possibly empty, when only
   * its length prefix came), and forgets it: for when its end can no longer come. Returns whether one
   * was held. push does the same at a gap.
   */
  flushPartial(onMessage: MessageHandler): boolean;
  /** Times data was missing (a segment started past the expected sequence number). */
  readonly gaps: number;
  /** Bytes of the incomplete message held so far, its length prefix included. */
  readonly bufferedBytes: number;
  readonly skippedMessages: number;
}

export type MessageHandler = (buf: Buffer, offset: number, length: number) => void;

export function createTcpDnsStream(limits: TcpDnsStreamLimits = {}): TcpDnsStream {
  const maxMessageLength = Math.min(limits.maxMessageLength ?? 65535, 65535);
  return new Reassembly(maxMessageLength, Math.min(limits.keepLength ?? maxMessageLength, maxMessageLength));
}

// A class rather than a closure over `let`s: a stream is made for each direction of each TCP DNS flow
// that carries data. The closure version (a context, five functions and an object literal with getters,
// which V8 builds on a slow path) cost about 1 µs per stream: measured on the 500k-packet bench file,
// 5 % of the audit's CPU time, and a steady stream of young garbage.
class Reassembly implements TcpDnsStream {
  gaps = 0;
  skippedMessages = 0;
  private started = false;
  private nextSeq = 0;
  // The incomplete message: a lone first byte of its length prefix, or its length and body so far.
  private haveLengthHigh = false;
  private lengthHigh = 0;
  private messageLength = -1;
  private filled = 0;
  private skipping = false;
  private store: Buffer | null = null;

  constructor(
    private readonly maxMessageLength: number,
    private readonly keepLength: number,
  ) {}

  get bufferedBytes(): number {
    if (this.haveLengthHigh) return 1;
    return this.messageLength >= 0 && !this.skipping ? 2 + Math.min(this.filled, this.keepLength) : 0;
  }

  push(seq: number, data: Buffer, offset: number, length: number, onMessage: MessageHandler): void {
    const end = Math.min(offset + length, data.length);
    if (offset < 0 || end <= offset) return;
    let start = seq >>> 0;
    if (!this.started) {
      this.started = true;
      this.nextSeq = start;
    }
    // Sequence numbers compare modulo 2^32 (RFC 9293 section 3.4): the signed 32-bit difference.
    const delta = (start - this.nextSeq) | 0;
    if (delta < 0) {
      if (-delta >= end - offset) return; // a retransmission of bytes already consumed
      offset -= delta;
      start = this.nextSeq;
    } else if (delta > 0) {
      // Bytes are missing: the partial message cannot complete. DNS clients and servers write each
      // message with its length in one send, so a new segment is the best guess at a boundary.
      this.gaps++;
      this.flushPartial(onMessage);
    }
    this.nextSeq = (start + (end - offset)) >>> 0;
    this.consume(data, offset, end, onMessage);
  }

  flushPartial(onMessage: MessageHandler): boolean {
    if (this.bufferedBytes === 0) return false;
    const kept = this.haveLengthHigh ? 0 : Math.min(this.filled, this.keepLength);
    const store = this.store ?? Buffer.alloc(0);
    this.dropPartial();
    this.store = null;
    onMessage(store, 0, kept);
    return true;
  }

  private dropPartial(): void {
    this.haveLengthHigh = false;
    this.messageLength = -1;
    this.filled = 0;
    this.skipping = false;
  }

  private finishMessage(onMessage: MessageHandler): void {
    const length = this.messageLength;
    const wasSkipping = this.skipping;
    this.dropPartial();
    if (!wasSkipping) onMessage(this.store ?? Buffer.alloc(0), 0, Math.min(length, this.keepLength));
    // Let it go: thousands of idle flows must not each hold a buffer.
    this.store = null;
  }

  private beginMessage(length: number, onMessage: MessageHandler): void {
    this.messageLength = length;
    this.filled = 0;
    this.skipping = length > this.maxMessageLength;
    if (this.skipping) this.skippedMessages++;
    // Sized by what is kept, not by the declared length: three bytes of input declaring 65535 must not
    // cost 64 KiB (measured: a flow table of such messages took peak RSS from 72 to 149 MiB, README
    // "Hostile captures"). Not from Node's shared pool: a partial message kept by a flow would pin a
    // whole 8 KiB slab.
    else {
      const kept = Math.min(length, this.keepLength);
      if (this.store === null || this.store.length < kept) this.store = Buffer.allocUnsafeSlow(kept);
    }
    if (length === 0) this.finishMessage(onMessage);
  }

  /** Consumes data[pos, end), which continues the stream exactly where it left off. */
  private consume(data: Buffer, pos: number, end: number, onMessage: MessageHandler): void {
    while (pos < end) {
      if (this.messageLength < 0 && this.haveLengthHigh) {
        this.haveLengthHigh = false;
        this.beginMessage((this.lengthHigh << 8) | data[pos++], onMessage);
      } else if (this.messageLength < 0) {
        if (end - pos < 2) {
          this.haveLengthHigh = true;
          this.lengthHigh = data[pos++];
          continue;
        }
        const length = (data[pos] << 8) | data[pos + 1];
        if (end - pos - 2 >= length && length <= this.maxMessageLength) {
          onMessage(data, pos + 2, length);
          pos += 2 + length;
        } else {
          pos += 2;
          this.beginMessage(length, onMessage);
        }
      } else {
        const take = Math.min(this.messageLength - this.filled, end - pos);
        const kept = Math.min(take, this.keepLength - this.filled);
        if (!this.skipping && this.store !== null && kept > 0) data.copy(this.store, this.filled, pos, pos + kept);
        this.filled += take;
        pos += take;
        if (this.filled === this.messageLength) this.finishMessage(onMessage);
      }
    }
  }
}
