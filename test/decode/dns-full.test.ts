import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDnsMessage, qtypeName } from '../../src/decode/dns-full.js';
import { bytes, dnsQuery, u16 } from './build.js';

const response = dnsPacket.encode({
  type: 'response',
  id: 0x4242,
  flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
  questions: [{ type: 'A', name: 'example.com' }],
  answers: [
    { type: 'CNAME', name: 'example.com', ttl: 300, data: 'edge.example.net' },
    { type: 'A', name: 'edge.example.net', ttl: 60, data: '192.0.2.7' },
    { type: 'AAAA', name: 'edge.example.net', ttl: 60, data: '2001:db8::7' },
    { type: 'MX', name: 'example.com', ttl: 60, data: { preference: 10, exchange: 'mail.example.com' } },
    { type: 'TXT', name: 'example.com', ttl: 60, data: ['v=spf1 -all', Buffer.from([0x1b, 0x22])] },
  ],
  authorities: [
    {
      type: 'SOA',
      name: 'example.com',
      ttl: 900,
      data: { mname: 'ns.example.com', rname: 'host.example.com', serial: 7, refresh: 1, retry: 2, expire: 3, minimum: 4 },
    },
  ],
  additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
});

describe('decodeDnsMessage', () => {
  it('decodes every section of a response as text', () => {
    const buf = bytes(Buffer.alloc(5), response, Buffer.alloc(3, 0xff));
    expect(decodeDnsMessage(buf, 5, response.length)).toEqual({
      id: 0x4242,
      isResponse: true,
      opcode: 'QUERY',
      rcode: 'NOERROR',
      truncated: false,
      questions: [{ name: 'example.com', type: 'A', class: 'IN' }],
      answers: [
        { name: 'example.com', type: 'CNAME', ttl: 300, data: 'edge.example.net' },
        { name: 'edge.example.net', type: 'A', ttl: 60, data: '192.0.2.7' },
        { name: 'edge.example.net', type: 'AAAA', ttl: 60, data: '2001:db8::7' },
        { name: 'example.com', type: 'MX', ttl: 60, data: '10 mail.example.com' },
        { name: 'example.com', type: 'TXT', ttl: 60, data: '"v=spf1\\032-all" "\\027\\""' },
      ],
      authorities: [{ name: 'example.com', type: 'SOA', ttl: 900, data: 'ns.example.com host.example.com 7 1 2 3 4' }],
      additionals: [],
    });
  });

  it('reads question names with exact escapes and unknown types as TYPEnnn', () => {
    const label = Buffer.from('a.b\x07', 'latin1');
    const query = dnsQuery(bytes([label.length], label, [0]), 65);
    expect(decodeDnsMessage(query, 0, query.length)?.questions).toEqual([{ name: 'a\\.b\\007', type: 'HTTPS', class: 'IN' }]);
  });

  it('shows an unknown record type as RFC 3597 generic data', () => {
    const message = bytes(u16(1), u16(0x8180), u16(0), u16(1), u16(0), u16(0), [0], u16(4321), u16(1), [0, 0, 0, 5], u16(2), [0xab, 0xcd]);
    expect(decodeDnsMessage(message, 0, message.length)?.answers).toEqual([{ name: '.', type: 'TYPE4321', ttl: 5, data: '\\# 2 abcd' }]);
  });

  it('returns null on malformed input instead of throwing', () => {
    expect(decodeDnsMessage(response, 0, 11)).toBeNull();
    expect(decodeDnsMessage(response, 0, response.length - 3)).toBeNull(); // cut inside the OPT record
    expect(decodeDnsMessage(response, 10, response.length)).toBeNull(); // past the buffer
    const lying = Buffer.from(response);
    lying[7] = 200; // 200 answers claimed
    expect(decodeDnsMessage(lying, 0, lying.length)).toBeNull();
    const loop = bytes(u16(1), u16(0x0100), u16(1), u16(0), u16(0), u16(0), u16(0xc00c), u16(1), u16(1));
    expect(decodeDnsMessage(loop, 0, loop.length)).toBeNull();
  });

  it('does not read the bytes after the message', () => {
    // A question whose type and class are only present past the declared length.
    const query = dnsQuery('example.com');
    expect(decodeDnsMessage(query, 0, query.length - 2)).toBeNull();
  });
});

/** Name-like bytes: labels, compression pointers anywhere (before, at or after themselves), roots and reserved label types. */
const nameToken = fc.oneof(
  fc.uint8Array({ maxLength: 12 }).map((label) => [label.length, ...label]),
  fc.uint8Array({ minLength: 1, maxLength: 63 }).map((label) => [label.length, ...label]),
  fc.nat({ max: 80 }).map((target) => [0xc0 | (target >> 8), target & 0xff]),
  fc.constant([0]),
  fc.integer({ min: 0x40, max: 0xbf }).map((type) => [type]),
);
const questionsOnlyMessage = fc
  .record({
    id: fc.nat({ max: 0xffff }),
    flags: fc.nat({ max: 0xffff }),
    questions: fc.array(fc.array(nameToken, { maxLength: 6 }).map((tokens) => [...tokens.flat(), 0, 0, 1, 0, 1]), { minLength: 1, maxLength: 3 }),
    cut: fc.option(fc.nat({ max: 6 }), { nil: undefined }),
  })
  .map(({ id, flags, questions, cut }) => {
    const message = bytes(u16(id), u16(flags), u16(questions.length), u16(0), u16(0), u16(0), Buffer.from(questions.flat()));
    return cut === undefined ? message : message.subarray(0, message.length - cut);
  });

describe('decodeDnsMessage, a message of questions alone (decoded without dns-packet)', () => {
  it('decodes exactly the messages dns-packet decodes, with the same header and question count', () => {
    fc.assert(
      fc.property(questionsOnlyMessage, (message) => {
        let expected: ReturnType<typeof dnsPacket.decode> | null;
        try {
          expected = dnsPacket.decode(message);
        } catch {
          expected = null;
        }
        const decoded = decodeDnsMessage(message, 0, message.length);
        if (expected === null) {
          expect(decoded).toBeNull();
          return;
        }
        expect(decoded).not.toBeNull();
        expect(decoded).toMatchObject({ id: expected.id, isResponse: expected.type === 'response', answers: [], authorities: [], additionals: [] });
        expect(decoded!.questions).toHaveLength(expected.questions!.length);
      }),
      { seed: 0x5eed, numRuns: 5000 },
    );
  });
});

describe('qtypeName', () => {
  it.each([
    [1, 'A'],
    [28, 'AAAA'],
    [12, 'PTR'],
    [255, 'ANY'],
    [64, 'SVCB'],
    [65, 'HTTPS'],
    [0, 'TYPE0'],
    [65280, 'TYPE65280'],
  ])('names %i as %s', (type, name) => {
    expect(qtypeName(type)).toBe(name);
  });
});
