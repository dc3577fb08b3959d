// DNS messages no resolver would send, through the whole offline pipeline: whatever dns-packet does
// with them (throw Error, throw RangeError, accept bad input, read past a TCP length, follow pointer
// chains for a quarter of a second), the audit counts what was on the wire and moves on.
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decodeDnsMessage } from '../../src/decode/dns-full.js';
import { dnsOverTcp, dnsQuery, dnsResponse } from '../../fixtures/build/dns.js';
import * as H from '../../fixtures/build/hosts.js';
import { tcpConversation } from '../../fixtures/build/tcp-conversation.js';
import { udpPacket } from '../../fixtures/build/transport.js';
import { auditBytes } from './audit-bytes.js';
import { pcapOf } from './build-capture.js';
import { dnsHeader, pointerChainQuery, QUESTION_A_EXAMPLE } from './dns-messages.js';

const toPlainResolver = (payload: Buffer, srcPort = 40_000) =>
  udpPacket({ src: H.HOST, dst: H.PLAIN_RESOLVER, srcPort, dstPort: 53 }, payload);
const toStub = (payload: Buffer) => udpPacket({ src: H.LOCALHOST, dst: H.STUB, srcPort: 40_001, dstPort: 53 }, payload);

/** A question a.example, then an answer section the header promises but the bytes cut short. */
const cutInAnswerName = Buffer.concat([dnsHeader({ ancount: 1 }), QUESTION_A_EXAMPLE, Buffer.from([5, 0x61])]);
const cutAfterAnswerName = Buffer.concat([dnsHeader({ ancount: 1 }), QUESTION_A_EXAMPLE, Buffer.from([0, 0])]);

describe('undecodable payloads on port 53', () => {
  it('are counted as undecodable, and as leaked queries when they leave the host', () => {
    const garbage = Buffer.from('GET / HTTP/1.0');
    const pointerLoop = Buffer.concat([dnsHeader({}), Buffer.from([0xc0, 12, 0, 1, 0, 1])]);
    const report = auditBytes(pcapOf([toPlainResolver(garbage), toPlainResolver(pointerLoop), toStub(pointerLoop)]));

    expect(report.totals).toMatchObject({ packets: 3, dnsMessages: 0, undecodable: 3, leakedQueries: 2, stubQueries: 0 });
    expect(report.verdict).toBe('leak');
    expect(report.leaks.map((e) => [e.category, e.dst, e.qname, e.qtype, e.message])).toEqual([
      ['plaintext', H.PLAIN_RESOLVER, null, null, null],
      ['plaintext', H.PLAIN_RESOLVER, null, null, null],
    ]);
  });
});

describe('dns-packet failures', () => {
  it('an Error or RangeError from dns-packet leaves the leak counted with its name and no message', () => {
    expect(() => dnsPacket.decode(cutInAnswerName)).toThrow(Error);
    expect(() => dnsPacket.decode(cutAfterAnswerName)).toThrow(RangeError);

    const report = auditBytes(pcapOf([toPlainResolver(cutInAnswerName), toPlainResolver(cutAfterAnswerName)]));

    expect(report.totals).toMatchObject({ dnsMessages: 2, undecodable: 0, leakedQueries: 2 });
    expect(report.leaks.map((e) => [e.qname, e.qtype, e.message])).toEqual([
      ['a.example', 'A', null],
      ['a.example', 'A', null],
    ]);
  });

  it('question names are read exactly where dns-packet would accept a wrong one', () => {
    // dns-packet reads the label "a.b\xff" as two labels and U+FFFD; the report must show the bytes.
    const label = Buffer.from([4, 0x61, 0x2e, 0x62, 0xff]);
    const message = Buffer.concat([dnsHeader({}), label, Buffer.from([7]), Buffer.from('example'), Buffer.from([0, 0, 1, 0, 1])]);
    expect(dnsPacket.decode(message).questions?.[0].name).toBe('a.b\ufffd.example');

    const [event] = auditBytes(pcapOf([toPlainResolver(message)])).leaks;

    expect(event.qname).toBe('a\\.b\\255.example');
    expect(event.message?.questions).toEqual([{ name: 'a\\.b\\255.example', type: 'A', class: 'IN' }]);
  });
});

describe('DNS over TCP', () => {
  it('each message is decoded within its declared length, never from the bytes after it', () => {
    // The first message's header promises an answer that only the second message's bytes could supply:
    // dns-packet's streamDecode reads on into them, the pipeline must not.
    const short = Buffer.concat([dnsHeader({ id: 1, ancount: 1 }), QUESTION_A_EXAMPLE]);
    const next = dnsQuery({ id: 2, name: 'b.example' });
    const stream = dnsOverTcp(short, next);
    expect(dnsPacket.streamDecode(stream).answers).toHaveLength(1);

    const tcp = tcpConversation({ client: H.HOST, server: H.PLAIN_RESOLVER_2, clientPort: 40_002, serverPort: 53, clientIsn: 7, serverIsn: 9 });
    const report = auditBytes(pcapOf([...tcp.handshake(), tcp.client(stream)]));

    expect(report.totals).toMatchObject({ packets: 4, dnsMessages: 2, leakedQueries: 2, undecodable: 0 });
    expect(report.leaks.map((e) => [e.transport, e.qname, e.message?.id ?? null])).toEqual([
      ['tcp', 'a.example', null],
      ['tcp', 'b.example', 2],
    ]);
  });
});

describe('DNS over TCP messages whose end is not seen', () => {
  const connection = (client: string, server: string) =>
    tcpConversation({ client, server, clientPort: 40_003, serverPort: 53, clientIsn: 100, serverIsn: 200 });
  // A query padded past one segment: the question is in the first, the rest never comes.
  const query = dnsQuery({ id: 5, name: 'cut.example' });
  const declared = Buffer.concat([Buffer.from([0x02, 0x00]), query]);

  it('a query whose connection closes mid-message is counted from what was seen of it', () => {
    const tcp = connection(H.HOST, H.PLAIN_RESOLVER_2);
    const report = auditBytes(pcapOf([...tcp.handshake(), tcp.client(declared), tcp.clientFin()]));

    expect(report.totals).toMatchObject({ dnsMessages: 1, leakedQueries: 1, undecodable: 0 });
    expect(report.verdict).toBe('leak');
    expect(report.leaks.map((e) => [e.transport, e.dst, e.qname])).toEqual([['tcp', H.PLAIN_RESOLVER_2, 'cut.example']]);
  });

  it('a query cut short by a reset from the server is shown as the client sent it', () => {
    const tcp = connection(H.HOST, H.PLAIN_RESOLVER_2);
    const report = auditBytes(pcapOf([...tcp.handshake(), tcp.client(declared), tcp.serverReset()]));

    expect(report.totals).toMatchObject({ dnsMessages: 1, leakedQueries: 1 });
    expect(report.leaks.map((e) => [e.src, e.srcPort, e.dst, e.dstPort, e.qname])).toEqual([[H.HOST, 40_003, H.PLAIN_RESOLVER_2, 53, 'cut.example']]);
  });

  it('a capture that ends mid-message is inconclusive, not clean; on loopback it is clean', () => {
    const outside = connection(H.HOST, H.PLAIN_RESOLVER_2);
    const cut = auditBytes(pcapOf([...outside.handshake(), outside.client(declared)]));
    expect(cut.totals).toMatchObject({ dnsMessages: 0, leakedQueries: 0 });
    expect(cut.verdict).toBe('inconclusive');
    expect(cut.reasons).toEqual(['1 DNS-over-TCP message(s) off loopback were never seen to their end']);

    const stub = connection(H.LOCALHOST, H.STUB);
    expect(auditBytes(pcapOf([...stub.handshake(), stub.client(declared)])).verdict).toBe('clean');
  });

  it('bytes missing mid-message: the part seen is counted, and the gap as undecodable', () => {
    const tcp = connection(H.HOST, H.PLAIN_RESOLVER_2);
    const first = tcp.client(declared);
    tcp.client(Buffer.alloc(400)); // lost: never in the capture
    const report = auditBytes(pcapOf([...tcp.handshake(), first, tcp.client(Buffer.concat([Buffer.from([0, query.length]), query]))]));

    expect(report.totals).toMatchObject({ dnsMessages: 2, leakedQueries: 2, undecodable: 1 });
    expect(report.verdict).toBe('leak');
  });

  it('a response longer than the bytes kept per message is still read from its start', () => {
    const tcp = connection(H.HOST, H.PLAIN_RESOLVER_2);
    const long = Buffer.concat([dnsResponse({ id: 5, name: 'long.example', addresses: ['203.0.113.9'] }), Buffer.alloc(1500)]);
    const framed = dnsOverTcp(long);
    const report = auditBytes(pcapOf([...tcp.handshake(), tcp.server(framed.subarray(0, 1000)), tcp.server(framed.subarray(1000))]));

    expect(report.totals).toMatchObject({ dnsMessages: 1, leakedResponses: 1, undecodable: 0 });
  });
});

describe('compression pointer chains', () => {
  it('ordinary compression, a name ending in a pointer to a name ending in a pointer, still decodes', () => {
    // Answer 1 "www" + pointer to the question (offset 12); answer 2 "v6" + pointer to answer 1's name.
    const answer1 = Buffer.from([3, 0x77, 0x77, 0x77, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
    const answer1At = 12 + QUESTION_A_EXAMPLE.length;
    const answer2 = Buffer.from([2, 0x76, 0x36, 0xc0, answer1At, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 2]);
    const message = Buffer.concat([dnsHeader({ flags: 0x8180, ancount: 2 }), QUESTION_A_EXAMPLE, answer1, answer2]);

    expect(decodeDnsMessage(message, 0, message.length)?.answers).toEqual([
      { name: 'www.a.example', type: 'A', ttl: 60, data: '192.0.2.1' },
      { name: 'v6.www.a.example', type: 'A', ttl: 60, data: '192.0.2.2' },
    ]);
  });

  it('a 64 KB message of pointer chains is decoded in bounded time, not followed hop by hop', () => {
    const message = pointerChainQuery();
    expect(message.length).toBe(65_438);
    const started = performance.now();
    const decoded = decodeDnsMessage(message, 0, message.length);
    const elapsed = performance.now() - started;

    expect(decoded).toBeNull();
    // dns-packet alone follows 33 million hops here: about 250 ms on this machine.
    expect(elapsed).toBeLessThan(25);
  });

  it('twenty such leaked queries cost the audit well under a second and are all counted', () => {
    const message = pointerChainQuery();
    const packets = Array.from({ length: 20 }, (_, i) => toPlainResolver(message, 41_000 + i));
    const capture = pcapOf(packets);
    const started = performance.now();
    const report = auditBytes(capture);
    const elapsed = performance.now() - started;

    expect(report.totals).toMatchObject({ packets: 20, dnsMessages: 20, leakedQueries: 20, undecodable: 0 });
    expect(report.leaks.every((e) => e.qname === 'a.example' && e.message === null)).toBe(true);
    expect(elapsed).toBeLessThan(1000);
  });
});
