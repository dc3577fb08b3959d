// DNS over TCP (RFC 7766 section 8: each message prefixed by a two-byte length) reassembled for one
// direction of one flow, from segments in capture order. Bounded: at most one incomplete message is
// held, and messages that fit in one segment are handed out in place without copying.

export interface TcpDnsStreamLimits {
  /** Messages declaring more bytes are skipped, not buffered (counted in skippedMessages). Default 65535. */
  maxMessageLength?: number;
}

export interface TcpDnsStream {
  /**
   * Feeds one segment: seq is the sequence number of data[offset], length its payload length (0 is
   * ignored, so SYNs and bare ACKs may be pushed too). onMessage receives each complete message; its
   * bytes are valid only during the call.
   */
  push(seq: number, data: Buffer, offset: number, length: number, onMessage: MessageHandler): void;
  /** Times data was missing (a segment started past the expected sequence number). */
  readonly gaps: number;
  /** Bytes of the incomplete message held so far, its length prefix included. */
  readonly bufferedBytes: number;
  readonly skippedMessages: number;
}

export type MessageHandler = (buf: Buffer, offset: number, length: number) => void;

export function createTcpDnsStream(limits: TcpDnsStreamLimits = {}): TcpDnsStream {
  const maxMessageLength = Math.min(limits.maxMessageLength ?? 65535, 65535);
  let started = false;
  let nextSeq = 0;
  let gaps = 0;
  let skippedMessages = 0;
  // The incomplete message: a lone first byte of its length prefix, or its length and body so far.
  let haveLengthHigh = false;
  let lengthHigh = 0;
  let messageLength = -1;
  let filled = 0;
  let skipping = false;
  let store: Buffer | null = null;

  function dropPartial(): void {
    haveLengthHigh = false;
    messageLength = -1;
    filled = 0;
    skipping = false;
  }

  function finishMessage(onMessage: MessageHandler): void {
    const length = messageLength;
    const wasSkipping = skipping;
    dropPartial();
    if (!wasSkipping) onMessage(store ?? Buffer.alloc(0), 0, length);
    // Let it go: thousands of idle flows must not each hold a buffer.
    store = null;
  }

  function beginMessage(length: number, onMessage: MessageHandler): void {
    messageLength = length;
    filled = 0;
    skipping = length > maxMessageLength;
    if (skipping) skippedMessages++;
    // Not from Node's shared pool: a partial message kept by a flow would pin a whole 8 KiB slab.
    else if (store === null || store.length < length) store = Buffer.allocUnsafeSlow(length);
    if (length === 0) finishMessage(onMessage);
  }

  /** Consumes data[pos, end), which continues the stream exactly where it left off. */
  function consume(data: Buffer, pos: number, end: number, onMessage: MessageHandler): void {
    while (pos < end) {
      if (messageLength < 0 && haveLengthHigh) {
        haveLengthHigh = false;
        beginMessage((lengthHigh << 8) | data[pos++], onMessage);
      } else if (messageLength < 0) {
        if (end - pos < 2) {
          haveLengthHigh = true;
          lengthHigh = data[pos++];
          continue;
        }
        const length = (data[pos] << 8) | data[pos + 1];
        if (end - pos - 2 >= length && length <= maxMessageLength) {
          onMessage(data, pos + 2, length);
          pos += 2 + length;
        } else {
          pos += 2;
          beginMessage(length, onMessage);
        }
      } else {
        const take = Math.min(messageLength - filled, end - pos);
        if (!skipping && store !== null) data.copy(store, filled, pos, pos + take);
        filled += take;
        pos += take;
        if (filled === messageLength) finishMessage(onMessage);
      }
    }
  }

  return {
    push(seq, data, offset, length, onMessage) {
      const end = Math.min(offset + length, data.length);
      if (offset < 0 || end <= offset) return;
      let start = seq >>> 0;
      if (!started) {
        started = true;
        nextSeq = start;
      }
      // Sequence numbers compare modulo 2^32 (RFC 9293 section 3.4): the signed 32-bit difference.
      const delta = (start - nextSeq) | 0;
      if (delta < 0) {
        if (-delta >= end - offset) return; // a retransmission of bytes already consumed
        offset -= delta;
        start = nextSeq;
      } else if (delta > 0) {
        // Bytes are missing: the partial message cannot complete. DNS clients and servers write each
        // message with its length in one send, so a new segment is the best guess at a boundary.
        gaps++;
        dropPartial();
      }
      nextSeq = (start + (end - offset)) >>> 0;
      consume(data, offset, end, onMessage);
    },
    get gaps() {
      return gaps;
    },
    get bufferedBytes() {
      if (haveLengthHigh) return 1;
      return messageLength >= 0 && !skipping ? 2 + filled : 0;
    },
    get skippedMessages() {
      return skippedMessages;
    },
  };
}
