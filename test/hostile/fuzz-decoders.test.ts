// Mutated DNS messages and TLS hellos straight into the decoders, and DNS-over-TCP streams cut into
// arbitrary segments: no decoder throws, every name comes out escaped, work stays bounded per byte, and
// reassembly does not depend on where the segments were cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDnsMessage } from '../../src/decode/dns-full.js';
import { newDnsHeader, readDnsHeader, readQuestion } from '../../src/decode/dns-message.js';
import { createTcpDnsStream } from '../../src/decode/tcp-dns-stream.js';
import { parseClientHello, parseServerHello, tlsRecordCheck } from '../../src/decode/tls-hello.js';
import { dnsOverTcp, dnsQuery, dnsResponse, llmnrQuery, mdnsResponse } from '../../fixtures/build/dns.js';
import { tlsClientHello, tlsServerHello } from '../../fixtures/build/tls.js';
import { dnsHeader, pointerChainQuery, QUESTION_A_EXAMPLE } from './dns-messages.js';

const SEED = Number(process.env.DNSLEAK_FUZZ_SEED ?? 0x0d15ea5e);
/** Presentation-form escapes leave printable ASCII only (dots separate labels). */
const ESCAPED = /^[\x21-\x7e]+$/;

const DNS_SEEDS = [
  dnsQuery({ id: 1, name: 'www.example.com', type: 'AAAA' }),
  dnsResponse({ id: 2, name: 'a.example', addresses: ['192.0.2.1', '192.0.2.2'] }),
  mdnsResponse('printer.local', '192.0.2.20'),
  llmnrQuery(3, 'fileserver'),
  Buffer.concat([dnsHeader({ ancount: 1 }), QUESTION_A_EXAMPLE, Buffer.from([0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 9, 0, 2, 0xc0, 12])]),
  pointerChainQuery(200, 40),
];
const TLS_SEEDS = [
  { parse: parseClientHello, bytes: tlsClientHello({ sni: 'dot.example', seed: 1, alpn: ['dot'] }) },
  { parse: parseClientHello, bytes: tlsClientHello({ sni: null, seed: 2 }) },
  { parse: parseServerHello, bytes: tlsServerHello({ version: '1.3', seed: 3 }) },
  { parse: parseServerHello, bytes: tlsServerHello({ version: '1.2', seed: 4 }) },
];

/** Up to 6 edits: byte overwrites (often with length-like values), then optionally a cut. */
const edits = fc.record({
  writes: fc.array(fc.tuple(fc.nat({ max: 0xffff }), fc.oneof(fc.nat({ max: 255 }), fc.constantFrom(0, 0x3f, 0x40, 0xc0, 0xff))), { maxLength: 6 }),
  cut: fc.option(fc.nat({ max: 0xffff }), { nil: undefined }),
});

function edited(seed: Buffer, { writes, cut }: { writes: [number, number][]; cut?: number }): Buffer {
  const bytes = Buffer.from(seed);
  for (const [at, value] of writes) bytes[at % bytes.length] = value;
  return cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
}

describe('DNS decoders on mutated messages', () => {
  it('read a question or null, with escaped names, and a full decode or null, quickly', () => {
    const header = newDnsHeader();
    fc.assert(
      fc.property(fc.nat({ max: DNS_SEEDS.length - 1 }), edits, fc.nat({ max: 3 }), (seed, edit, pad) => {
        // The message sits inside a larger buffer, as it does in a frame: nothing may read around it.
        const message = edited(DNS_SEEDS[seed], edit);
        const frame = Buffer.concat([Buffer.alloc(pad, 0xc0), message, Buffer.alloc(pad, 0xc0)]);
        const question = readDnsHeader(frame, pad, message.length, header) ? readQuestion(frame, pad, message.length) : null;
        if (question !== null) expect(question.name).toMatch(ESCAPED);
        const started = performance.now();
        const decoded = decodeDnsMessage(frame, pad, message.length);
        expect(performance.now() - started).toBeLessThan(100);
        if (decoded !== null) {
          expect(decoded).toEqual(decodeDnsMessage(message, 0, message.length));
          for (const q of decoded.questions) expect(q.name).toMatch(ESCAPED);
          for (const r of [...decoded.answers, ...decoded.authorities, ...decoded.additionals]) expect(r.name).toMatch(/^[\x20-\x7e]*$/);
        }
      }),
      { seed: SEED, numRuns: 4000 },
    );
  });
});

describe('TLS hello parsers on mutated hellos', () => {
  it('return a status, and an escaped SNI only when ok', () => {
    fc.assert(
      fc.property(fc.nat({ max: TLS_SEEDS.length - 1 }), edits, (seed, edit) => {
        const { parse, bytes } = TLS_SEEDS[seed];
        const hello = edited(bytes, edit);
        expect(['tls', 'not-tls', 'need-more']).toContain(tlsRecordCheck(hello, 0, hello.length));
        const facts = parse(hello, 0, hello.length);
        expect(['ok', 'need-more', 'invalid']).toContain(facts.status);
        if ('sni' in facts && facts.sni !== null) {
          expect(facts.status).toBe('ok');
          expect(facts.sni).toMatch(ESCAPED);
        }
      }),
      { seed: SEED, numRuns: 4000 },
    );
  });
});

describe('DNS over TCP reassembly', () => {
  const messages = [dnsQuery({ id: 1, name: 'a.example' }), dnsResponse({ id: 1, name: 'a.example', addresses: ['192.0.2.1'] }), dnsQuery({ id: 2, name: 'b.example' })];
  const stream = Buffer.concat([dnsOverTcp(...messages), Buffer.from([0x00])]);

  it('delivers the same messages wherever the stream is cut into segments', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const tcp = createTcpDnsStream();
        const seen: string[] = [];
        for (let i = 0; i + 1 < points.length; i++) {
          // Each segment in a buffer of its own with bytes around it, at its own sequence number.
          const segment = Buffer.concat([Buffer.from([0xee]), stream.subarray(points[i], points[i + 1]), Buffer.from([0xee])]);
          tcp.push(1000 + points[i], segment, 1, segment.length - 2, (buf, offset, length) => seen.push(buf.toString('hex', offset, offset + length)));
        }
        expect(seen).toEqual(messages.map((m) => m.toString('hex')));
        expect(tcp.gaps).toBe(0);
        expect(tcp.bufferedBytes).toBe(1);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('stays bounded under arbitrary segments: sequence numbers, lengths and bytes all hostile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 3000 })), { maxLength: 30 }),
        (segments) => {
          const tcp = createTcpDnsStream();
          let delivered = 0;
          for (const [seq, bytes] of segments) {
            tcp.push(seq, Buffer.from(bytes), 0, bytes.length, (buf, offset, length) => {
              expect(offset + length).toBeLessThanOrEqual(buf.length);
              delivered += length;
            });
            expect(tcp.bufferedBytes).toBeLessThanOrEqual(2 + 65_535);
          }
          expect(delivered).toBeLessThanOrEqual(segments.reduce((sum, [, bytes]) => sum + bytes.length, 0));
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
