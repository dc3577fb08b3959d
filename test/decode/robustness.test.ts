// Untrusted bytes: mutated and truncated packets must never make a decoder throw, read outside its
// input, or let a control character into a name.
import { describe, expect, it } from 'vitest';
import { decodeDnsMessage } from '../../src/decode/dns-full.js';
import { readQuestion } from '../../src/decode/dns-message.js';
import { DecodeStatus, newPacketFacts, PROTOCOL_TCP, PROTOCOL_UDP } from '../../src/decode/packet-facts.js';
import { decodePacket } from '../../src/decode/packet.js';
import { createTcpDnsStream } from '../../src/decode/tcp-dns-stream.js';
import { parseClientHello, parseServerHello, tlsRecordCheck } from '../../src/decode/tls-hello.js';
import { bytes, dnsQuery, ethernet, extensionHeader, fragmentHeader, frameOf, ipv4, ipv6, tcp, u16, u32, udp } from './build.js';

/** xorshift32: the same mutations on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

function mutate(seed: Buffer, next: () => number): Buffer {
  const copy = Buffer.from(seed);
  const flips = 1 + Math.floor(next() * 4);
  for (let i = 0; i < flips; i++) copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
  return copy.subarray(0, Math.floor(next() * (copy.length + 1)));
}

const SAFE_TEXT = /^[\x21-\x7e]*$/;
const query = dnsQuery('www.example.com', 28);

describe('decoders on mutated input', () => {
  it('decodePacket keeps every offset inside the frame', () => {
    const seeds: [Buffer, number][] = [
      [ethernet(0x0800, ipv4({ protocol: PROTOCOL_UDP, payload: udp(40000, 53, query), options: [1, 1, 1, 0] }), [{ tpid: 0x8100, vid: 9 }]), 1],
      [ipv6(0, bytes(extensionHeader(44), fragmentHeader(PROTOCOL_TCP, 0, true), tcp({ options: [1, 1, 1, 1], payload: query }))), 101],
      [bytes(u16(0x86dd), u16(0), u32(3), u16(772), [4, 0], Buffer.alloc(8), ipv6(PROTOCOL_UDP, udp(1, 53, query))), 276],
      [bytes([2, 0, 0, 0], ipv4({ protocol: PROTOCOL_TCP, payload: tcp({ payload: query }) })), 0],
    ];
    const next = random(0x5eed);
    const facts = newPacketFacts();
    for (let i = 0; i < 20000; i++) {
      const [seed, linkType] = seeds[i % seeds.length];
      const data = mutate(seed, next);
      decodePacket(frameOf(data), linkType, facts);
      if (facts.status !== DecodeStatus.Ok) continue;
      expect(facts.payloadOffset + facts.payloadLength).toBeLessThanOrEqual(data.length);
      expect(facts.dstAddressOffset + (facts.ipVersion === 4 ? 4 : 16)).toBeLessThanOrEqual(data.length);
    }
  });

  it('readQuestion and decodeDnsMessage return null or escaped names', () => {
    const withPointer = bytes(u16(1), u16(0x8180), u16(1), u16(1), u16(0), u16(0), [1, 0x61, 0xc0, 12 + 4 + 4], u16(1), u16(1), [1, 0x62, 0]);
    const next = random(0xd115);
    for (let i = 0; i < 20000; i++) {
      const message = mutate(i % 2 === 0 ? query : withPointer, next);
      const question = readQuestion(message, 0, message.length);
      if (question !== null) expect(question.name).toMatch(SAFE_TEXT);
      const full = decodeDnsMessage(message, 0, message.length);
      for (const record of full?.answers ?? []) expect(record.name).toMatch(SAFE_TEXT);
    }
  });

  it('the TLS parsers return a status for any bytes', () => {
    const sni = bytes(u16(0), u16(9), u16(7), [0], u16(4), Buffer.from('a.io'));
    const body = bytes(u16(0x0303), Buffer.alloc(32), [0], u16(2), u16(0x1301), [1, 0], u16(sni.length), sni);
    const hello = bytes([22, 3, 1], u16(4 + body.length), [1, 0, 0, body.length], body);
    expect(parseClientHello(hello, 0, hello.length)).toEqual({ status: 'ok', sni: 'a.io' });
    const next = random(0x7151);
    for (let i = 0; i < 20000; i++) {
      const data = mutate(hello, next);
      expect(['tls', 'not-tls', 'need-more']).toContain(tlsRecordCheck(data, 0, data.length));
      const client = parseClientHello(data, 0, data.length);
      if (client.sni !== null) expect(client.sni).toMatch(SAFE_TEXT);
      expect(['ok', 'need-more', 'invalid']).toContain(parseServerHello(data, 0, data.length).status);
    }
  });

  it('the TCP stream stays bounded under random segments', () => {
    const stream = createTcpDnsStream();
    const next = random(0x7c9);
    for (let i = 0; i < 5000; i++) {
      const segment = mutate(Buffer.alloc(1400, 0xff), next);
      stream.push(Math.floor(next() * 0x100000000), segment, 0, segment.length, (buf, offset, length) => {
        expect(offset + length).toBeLessThanOrEqual(buf.length);
      });
      expect(stream.bufferedBytes).toBeLessThanOrEqual(65537);
    }
  });
});
