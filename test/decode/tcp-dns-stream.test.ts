import { describe, expect, it } from 'vitest';
import { createTcpDnsStream, type TcpDnsStream } from '../../src/decode/tcp-dns-stream.js';
import { bytes, u16 } from './build.js';

/** A length-prefixed message whose body is `length` bytes of `fill`. */
function framed(length: number, fill: number): Buffer {
  return bytes(u16(length), Buffer.alloc(length, fill));
}

/** Pushes and returns the messages delivered, copied out as [length, first byte, where it lay]. */
function push(stream: TcpDnsStream, seq: number, segment: Buffer): [number, number, 'in place' | 'copied'][] {
  const delivered: [number, number, 'in place' | 'copied'][] = [];
  stream.push(seq, segment, 0, segment.length, (buf, offset, length) => {
    delivered.push([length, buf[offset], buf === segment ? 'in place' : 'copied']);
  });
  return delivered;
}

describe('createTcpDnsStream', () => {
  it('delivers two messages from one segment in place', () => {
    const stream = createTcpDnsStream();
    expect(push(stream, 100, bytes(framed(30, 1), framed(40, 2)))).toEqual([
      [30, 1, 'in place'],
      [40, 2, 'in place'],
    ]);
    expect(stream.bufferedBytes).toBe(0);
  });

  it('delivers the exact bytes at the right offset', () => {
    const stream = createTcpDnsStream();
    const segment = bytes([0xee, 0xee], framed(3, 7));
    let seen = '';
    stream.push(5, segment, 2, 5, (buf, offset, length) => (seen = `${offset}:${buf.toString('hex', offset, offset + length)}`));
    expect(seen).toBe('4:070707');
  });

  it('assembles one message over three segments, the length prefix split too', () => {
    const stream = createTcpDnsStream();
    const message = framed(100, 9);
    expect(push(stream, 1, message.subarray(0, 1))).toEqual([]);
    expect(stream.bufferedBytes).toBe(1);
    expect(push(stream, 2, message.subarray(1, 50))).toEqual([]);
    expect(stream.bufferedBytes).toBe(50);
    expect(push(stream, 51, message.subarray(50))).toEqual([[100, 9, 'copied']]);
    expect(stream.bufferedBytes).toBe(0);
    expect(stream.gaps).toBe(0);
  });

  it('finishes a message and starts the next in one segment', () => {
    const stream = createTcpDnsStream();
    const data = bytes(framed(20, 1), framed(20, 2), framed(20, 3));
    expect(push(stream, 0, data.subarray(0, 10))).toEqual([]);
    expect(push(stream, 10, data.subarray(10, 60))).toEqual([
      [20, 1, 'copied'],
      [20, 2, 'in place'],
    ]);
    expect(push(stream, 60, data.subarray(60))).toEqual([[20, 3, 'copied']]);
  });

  it('skips a retransmission and the overlapping part of a segment', () => {
    const stream = createTcpDnsStream();
    const data = bytes(framed(20, 1), framed(20, 2));
    expect(push(stream, 1000, data.subarray(0, 10))).toEqual([]);
    expect(push(stream, 1000, data.subarray(0, 10))).toEqual([]); // retransmitted whole
    expect(push(stream, 1000, data.subarray(0, 5))).toEqual([]);
    expect(stream.bufferedBytes).toBe(10);
    // Resent from the start with new bytes appended: only bytes 10..30 are new.
    expect(push(stream, 1000, data.subarray(0, 30))).toEqual([[20, 1, 'copied']]);
    expect(push(stream, 1030, data.subarray(30))).toEqual([[20, 2, 'copied']]);
    expect(push(stream, 1000, data)).toEqual([]);
    expect(stream.gaps).toBe(0);
  });

  it('hands on the partial message cut short at a gap and resynchronises at the next segment', () => {
    const stream = createTcpDnsStream();
    const first = framed(50, 1);
    expect(push(stream, 500, first.subarray(0, 20))).toEqual([]);
    // 20..52 lost: the rest of message 1. The next segment begins message 2.
    expect(push(stream, 552, framed(10, 2))).toEqual([
      [18, 1, 'copied'],
      [10, 2, 'in place'],
    ]);
    expect(stream.gaps).toBe(1);
    expect(stream.bufferedBytes).toBe(0);
    expect(push(stream, 564, framed(10, 3))).toEqual([[10, 3, 'in place']]);
    expect(stream.gaps).toBe(1);
  });

  it('starts at whatever sequence number the capture first shows', () => {
    const stream = createTcpDnsStream();
    expect(push(stream, 0x7fffffff, framed(4, 5))).toEqual([[4, 5, 'in place']]);
    expect(push(stream, 0x7fffffff + 6, framed(4, 6))).toEqual([[4, 6, 'in place']]);
  });

  it('ignores empty segments, so a SYN does not set the sequence number', () => {
    const stream = createTcpDnsStream();
    push(stream, 41, Buffer.alloc(0));
    expect(push(stream, 42, framed(4, 1))).toEqual([[4, 1, 'in place']]);
    expect(stream.gaps).toBe(0);
  });

  it('continues across the 2^32 sequence wrap', () => {
    const stream = createTcpDnsStream();
    const message = framed(30, 4);
    expect(push(stream, 0xfffffff0, message.subarray(0, 16))).toEqual([]);
    expect(push(stream, 0, message.subarray(16))).toEqual([[30, 4, 'copied']]);
    expect(push(stream, 0xfffffff0, message.subarray(0, 16))).toEqual([]); // old retransmission
    expect(push(stream, 16, framed(2, 8))).toEqual([[2, 8, 'in place']]);
    expect(stream.gaps).toBe(0);
  });

  it('holds at most one message of 65535 bytes plus its prefix', () => {
    const stream = createTcpDnsStream();
    const largest = framed(65535, 3);
    let seq = 0;
    for (let at = 0; at < largest.length - 1; at += 1000) {
      const chunk = largest.subarray(at, Math.min(at + 1000, largest.length - 1));
      expect(push(stream, seq, chunk)).toEqual([]);
      seq += chunk.length;
      expect(stream.bufferedBytes).toBeLessThanOrEqual(65537);
    }
    expect(stream.bufferedBytes).toBe(65536);
    expect(push(stream, seq, largest.subarray(largest.length - 1))).toEqual([[65535, 3, 'copied']]);
    expect(stream.bufferedBytes).toBe(0);
  });

  it('keeps only the first keepLength bytes of a message that spans segments', () => {
    const stream = createTcpDnsStream({ keepLength: 512 });
    const large = bytes(u16(4000), Buffer.alloc(100, 1), Buffer.alloc(3900, 2));
    const kept: string[] = [];
    const onMessage = (buf: Buffer, offset: number, length: number) => kept.push(`${length}:${buf[offset]}:${buf[offset + 511]}`);
    stream.push(0, large, 0, 3, onMessage);
    expect(stream.bufferedBytes).toBe(3);
    stream.push(3, large, 3, 2000, onMessage);
    expect(stream.bufferedBytes).toBe(514);
    stream.push(2003, large, 2003, large.length - 2003, onMessage);
    expect(kept).toEqual(['512:1:2']);
    // A message whole in one segment is handed out in place, whatever its length.
    expect(push(stream, 4002, framed(1000, 5))).toEqual([[1000, 5, 'in place']]);
    expect(stream.gaps).toBe(0);
  });

  it('flushes what it holds of an unfinished message, once', () => {
    const stream = createTcpDnsStream();
    const flushed: number[] = [];
    const onMessage = (_buf: Buffer, _offset: number, length: number) => flushed.push(length);
    expect(stream.flushPartial(onMessage)).toBe(false);
    stream.push(0, framed(300, 4), 0, 100, onMessage);
    expect(stream.flushPartial(onMessage)).toBe(true);
    expect(stream.flushPartial(onMessage)).toBe(false);
    // Only the first byte of a length prefix: an empty message cut short.
    stream.push(100, Buffer.from([0x01]), 0, 1, onMessage);
    expect(stream.flushPartial(onMessage)).toBe(true);
    expect(flushed).toEqual([98, 0]);
    expect(stream.bufferedBytes).toBe(0);
  });

  it('skips messages over maxMessageLength without buffering them', () => {
    const stream = createTcpDnsStream({ maxMessageLength: 512 });
    const data = bytes(framed(600, 1), framed(12, 2));
    expect(push(stream, 0, data.subarray(0, 300))).toEqual([]);
    expect(stream.bufferedBytes).toBe(0);
    expect(push(stream, 300, data.subarray(300))).toEqual([[12, 2, 'in place']]);
    expect(push(stream, 616, framed(600, 3))).toEqual([]);
    expect(stream.skippedMessages).toBe(2);
  });

  it('delivers a zero-length message as such', () => {
    const stream = createTcpDnsStream();
    expect(push(stream, 0, Buffer.from([0]))).toEqual([]);
    expect(push(stream, 1, bytes([0], framed(1, 6)))).toEqual([
      [0, undefined, 'copied'],
      [1, 6, 'in place'],
    ]);
  });
});
