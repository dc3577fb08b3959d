import { describe, expect, it } from 'vitest';
import { newDnsHeader, readDnsHeader, readQuestion } from '../../src/decode/dns-message.js';
import { bytes, dnsQuery, u16, wireName } from './build.js';

const HEADER = bytes(u16(0xbeef), u16(0x0100), u16(1), u16(0), u16(0), u16(0));

function question(name: Buffer, type = 28, klass = 1): Buffer {
  return bytes(HEADER, name, u16(type), u16(klass));
}

describe('readDnsHeader', () => {
  it('reads every header field at an offset', () => {
    // Response, opcode 5 (UPDATE), AA, RA, rcode 3 (NXDOMAIN), counts 1/2/3/4.
    const message = bytes([0xff, 0xff], u16(0x1234), [0x80 | (5 << 3) | 0x04, 0x83], u16(1), u16(2), u16(3), u16(4));
    const header = newDnsHeader();
    expect(readDnsHeader(message, 2, 12, header)).toBe(true);
    expect(header).toEqual({ id: 0x1234, isResponse: true, opcode: 5, rcode: 3, qdcount: 1, ancount: 2, nscount: 3, arcount: 4 });
  });

  it('is false under 12 bytes', () => {
    expect(readDnsHeader(Buffer.alloc(20), 0, 11, newDnsHeader())).toBe(false);
    expect(readDnsHeader(Buffer.alloc(11), 0, 12, newDnsHeader())).toBe(false);
  });
});

describe('readQuestion', () => {
  it('reads name, type and class of the first question', () => {
    expect(readQuestion(dnsQuery('www.example.com', 28), 0, 33)).toEqual({ name: 'www.example.com', type: 28, class: 1 });
  });

  it('reads a message at an offset within a larger buffer', () => {
    const message = dnsQuery('example.org', 65);
    const buf = bytes(Buffer.alloc(7), message, Buffer.alloc(5));
    expect(readQuestion(buf, 7, message.length)).toEqual({ name: 'example.org', type: 65, class: 1 });
  });

  it('prints the root as "."', () => {
    expect(readQuestion(question(Buffer.from([0]), 2), 0, 17)).toEqual({ name: '.', type: 2, class: 1 });
  });

  it('escapes dots, backslashes, spaces, control and high bytes (RFC 4343)', () => {
    const label = Buffer.from([0x61, 0x2e, 0x62, 0x5c, 0x20, 0x1b, 0x00, 0x7f, 0xff, 0x7e, 0x21]);
    const name = bytes([label.length], label, [3], Buffer.from('com'), [0]);
    expect(readQuestion(question(name), 0, 12 + name.length + 4)?.name).toBe('a\\.b\\\\\\032\\027\\000\\127\\255~!.com');
  });

  it('escapes a label reached through a pointer after plain ones, and the most labels a name can have', () => {
    const escapedTail = bytes([3], Buffer.from('a b'), [3], Buffer.from('com'), [0]);
    const nameOffset = 12 + 6 + 4;
    const message = bytes(HEADER, [3], Buffer.from('www'), u16(0xc000 | nameOffset), u16(1), u16(1), escapedTail);
    expect(readQuestion(message, 0, message.length)?.name).toBe('www.a\\032b.com');
    // 127 one-byte labels, each a space: 255 bytes on the wire.
    const spaces = bytes(...Array.from({ length: 127 }, () => [1, 0x20]), [0]);
    expect(readQuestion(question(spaces), 0, 12 + spaces.length + 4)?.name).toBe(Array(127).fill('\\032').join('.'));
  });

  it('follows a compression pointer relative to the message start', () => {
    // The question name is "www" then a pointer to "example.com" placed after the question.
    const tail = wireName('example.com');
    const nameOffset = 12 + 6 + 4;
    const message = bytes(HEADER, [3], Buffer.from('www'), u16(0xc000 | nameOffset), u16(1), u16(1), tail);
    const buf = bytes(Buffer.alloc(3), message);
    expect(readQuestion(buf, 3, message.length)).toEqual({ name: 'www.example.com', type: 1, class: 1 });
  });

  it('is null for a pointer loop', () => {
    const message = bytes(HEADER, u16(0xc000 | 12), u16(1), u16(1));
    expect(readQuestion(message, 0, message.length)).toBeNull();
  });

  it('follows 64 pointer hops and refuses 65', () => {
    // After the question: a chain of pointers, each to the next, ending at a one-label name.
    function chain(hops: number): Buffer {
      const start = 12 + 2 + 4;
      const pointers: number[] = [];
      for (let i = 1; i < hops; i++) pointers.push(...u16(0xc000 | (start + i * 2)));
      return bytes(HEADER, u16(0xc000 | start), u16(1), u16(1), pointers, wireName('end'));
    }
    expect(readQuestion(chain(64), 0, chain(64).length)?.name).toBe('end');
    expect(readQuestion(chain(65), 0, chain(65).length)).toBeNull();
  });

  it('costs bounded time on a 64 KB message of pointer chains', () => {
    const pointers: number[] = [];
    for (let i = 0; i < 32000; i++) pointers.push(...u16(0xc000 | (12 + 4 + (i + 1) * 2)));
    const message = bytes(HEADER, u16(0xc000 | 16), u16(1), pointers);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) expect(readQuestion(message, 0, message.length)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('accepts a 255-byte name and refuses 256', () => {
    const label63 = 'a'.repeat(63);
    // 4 labels: 3 of 63 + one of 61 -> 3*64 + 62 + 1 = 255 bytes on the wire.
    const longest = wireName([label63, label63, label63, 'b'.repeat(61)].join('.'));
    expect(longest.length).toBe(255);
    expect(readQuestion(question(longest), 0, 12 + 255 + 4)?.name.length).toBe(253);
    const tooLong = wireName([label63, label63, label63, 'b'.repeat(62)].join('.'));
    expect(readQuestion(question(tooLong), 0, 12 + 256 + 4)).toBeNull();
  });

  it('is null for reserved label types, truncation, a pointer outside the message or no question', () => {
    expect(readQuestion(question(Buffer.from([0x40, 0])), 0, 18)).toBeNull();
    expect(readQuestion(question(Buffer.from([0x80, 0])), 0, 18)).toBeNull();
    const message = dnsQuery('example.com');
    expect(readQuestion(message, 0, message.length - 1)).toBeNull();
    expect(readQuestion(message, 0, 12 + 5)).toBeNull();
    const outside = bytes(HEADER, u16(0xc000 | 0x3fff), u16(1), u16(1));
    expect(readQuestion(outside, 0, outside.length)).toBeNull();
    const noQuestion = Buffer.from(message);
    noQuestion[5] = 0;
    expect(readQuestion(noQuestion, 0, noQuestion.length)).toBeNull();
  });

  it('reads no byte past the given length', () => {
    const message = dnsQuery('example.com');
    // The pointer targets bytes that exist in the buffer but lie past the message.
    const buf = bytes(HEADER, u16(0xc000 | 18), u16(1), u16(1), wireName('x'));
    expect(readQuestion(buf, 0, 18)).toBeNull();
    expect(readQuestion(buf, 0, buf.length)?.name).toBe('x');
    expect(readQuestion(message, 0, message.length)?.name).toBe('example.com');
  });
});
