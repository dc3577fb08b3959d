import { describe, expect, it } from 'vitest';
import { DecodeStatus, newPacketFacts, PROTOCOL_TCP, PROTOCOL_UDP } from '../../src/decode/packet-facts.js';
import { decodePacket } from '../../src/decode/packet.js';
import { bytes, extensionHeader, fragmentHeader, frameOf, ipv4, ipv6, tcp, u16, udp } from './build.js';

const RAW = 101;
const dnsBytes = Buffer.from('abcdefghijklmnop', 'latin1');

function decode(data: Buffer, capturedLength = data.length) {
  const facts = newPacketFacts();
  decodePacket(frameOf(data, undefined, 0, capturedLength), RAW, facts);
  return facts;
}

describe('IPv4', () => {
  it('decodes a plain header', () => {
    const facts = decode(ipv4({ protocol: PROTOCOL_UDP, payload: udp(5353, 53, dnsBytes) }));
    expect(facts).toMatchObject({ status: DecodeStatus.Ok, ipVersion: 4, srcAddressOffset: 12, dstAddressOffset: 16 });
    expect(facts).toMatchObject({ ipLength: 44, protocol: 17, srcPort: 5353, dstPort: 53, payloadOffset: 28, payloadLength: 16 });
  });

  it('skips options by IHL', () => {
    const options = [0x94, 0x04, 0, 0, 0x01, 0x01, 0x01, 0x00]; // router alert, NOPs, end of list
    const facts = decode(ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes), options }));
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.payloadOffset).toBe(28 + 8);
    expect(facts.payloadLength).toBe(16);
    expect(facts.dstPort).toBe(53);
  });

  it('is undecodable with IHL under 5 or beyond the captured bytes', () => {
    expect(decode(ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes), ihl: 4 })).status).toBe(DecodeStatus.Undecodable);
    const packet = ipv4({ protocol: PROTOCOL_UDP, payload: Buffer.alloc(0), ihl: 15, totalLength: 60 });
    expect(decode(packet).status).toBe(DecodeStatus.Undecodable);
  });

  it('is undecodable when total length is below the header length', () => {
    const packet = ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes), options: [1, 1, 1, 1], totalLength: 22 });
    expect(decode(packet).status).toBe(DecodeStatus.Undecodable);
  });

  it('takes the captured length when total length is 0 (offloaded segment)', () => {
    const facts = decode(ipv4({ protocol: PROTOCOL_TCP, payload: tcp({ payload: dnsBytes }), totalLength: 0 }));
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.ipLength).toBe(20 + 20 + 16);
    expect(facts.payloadLength).toBe(16);
  });

  it('ignores link padding past the total length', () => {
    const packet = bytes(ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes) }), Buffer.alloc(10));
    const facts = decode(packet);
    expect(facts.payloadLength).toBe(16);
    expect(facts.payloadMissing).toBe(0);
  });

  it('decodes the transport header of a first fragment (MF set, offset 0)', () => {
    // The UDP length covers the whole datagram; this fragment carries only its first 16 payload bytes.
    const packet = ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes, 8 + 3000), flagsAndFragment: 0x2000 });
    const facts = decode(packet);
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.dstPort).toBe(53);
    expect(facts.payloadLength).toBe(16);
    expect(facts.payloadMissing).toBe(0);
  });

  it('is undecodable for a non-first fragment', () => {
    const packet = ipv4({ protocol: PROTOCOL_UDP, payload: Buffer.alloc(24), flagsAndFragment: 185 });
    expect(decode(packet).status).toBe(DecodeStatus.Undecodable);
    const last = ipv4({ protocol: PROTOCOL_UDP, payload: Buffer.alloc(24), flagsAndFragment: 0x2000 | 1 });
    expect(decode(last).status).toBe(DecodeStatus.Undecodable);
  });

  it('counts payload bytes a snaplen cut off as missing', () => {
    const packet = ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes) });
    const facts = decode(packet, 20 + 8 + 5);
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.payloadLength).toBe(5);
    expect(facts.payloadMissing).toBe(11);
  });

  it('never reads past the buffer when capturedLength claims more', () => {
    const packet = ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes) });
    const facts = decode(packet, packet.length + 100);
    expect(facts.payloadLength).toBe(16);
  });

  it('leaves ports and payload unset for other protocols, giving the IP payload', () => {
    const facts = decode(ipv4({ protocol: 1, payload: Buffer.alloc(8) }));
    expect(facts).toMatchObject({ status: DecodeStatus.Ok, protocol: 1, srcPort: 0, dstPort: 0, payloadOffset: 20, payloadLength: 8 });
  });

  it('is undecodable under 20 bytes or with another version nibble', () => {
    expect(decode(Buffer.from([0x45, 0, 0, 19])).status).toBe(DecodeStatus.Undecodable);
  });
});

describe('IPv6', () => {
  it('decodes the fixed header', () => {
    const facts = decode(ipv6(PROTOCOL_UDP, udp(1, 53, dnsBytes)));
    expect(facts).toMatchObject({ status: DecodeStatus.Ok, ipVersion: 6, srcAddressOffset: 8, dstAddressOffset: 24 });
    expect(facts).toMatchObject({ ipLength: 64, protocol: 17, payloadOffset: 48, payloadLength: 16 });
  });

  it('walks hop-by-hop, destination options and a first fragment header', () => {
    const chain = bytes(extensionHeader(60, 0), extensionHeader(44, 1), fragmentHeader(PROTOCOL_UDP, 0, true), udp(1, 53, dnsBytes));
    const facts = decode(ipv6(0, chain));
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.protocol).toBe(17);
    expect(facts.payloadOffset).toBe(40 + 8 + 16 + 8 + 8);
    expect(facts.payloadLength).toBe(16);
  });

  it('walks routing and AH (length in 4-byte units plus 2)', () => {
    const ah = Buffer.alloc(24);
    ah[0] = PROTOCOL_TCP;
    ah[1] = 4; // (4 + 2) * 4 = 24 bytes
    const facts = decode(ipv6(43, bytes(extensionHeader(51, 0), ah, tcp({ seq: 7, payload: dnsBytes }))));
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.protocol).toBe(6);
    expect(facts.tcpSeq).toBe(7);
    expect(facts.payloadOffset).toBe(40 + 8 + 24 + 20);
  });

  it('is undecodable for a non-first fragment', () => {
    expect(decode(ipv6(44, bytes(fragmentHeader(PROTOCOL_UDP, 100, false), Buffer.alloc(16)))).status).toBe(DecodeStatus.Undecodable);
  });

  it('ends at ESP and no-next-header with no ports', () => {
    const esp = decode(ipv6(0, bytes(extensionHeader(50), Buffer.alloc(16))));
    expect(esp).toMatchObject({ status: DecodeStatus.Ok, protocol: 50, srcPort: 0, dstPort: 0 });
    expect(decode(ipv6(59, Buffer.alloc(0)))).toMatchObject({ status: DecodeStatus.Ok, protocol: 59, payloadLength: 0 });
  });

  it('refuses chains longer than eight headers', () => {
    let chain = udp(1, 53, dnsBytes);
    for (let i = 0; i < 8; i++) chain = bytes(extensionHeader(i === 0 ? PROTOCOL_UDP : 60), chain);
    expect(decode(ipv6(60, chain)).status).toBe(DecodeStatus.Ok);
    expect(decode(ipv6(60, bytes(extensionHeader(60), chain))).status).toBe(DecodeStatus.Undecodable);
  });

  it('is undecodable when an extension header runs past the packet', () => {
    expect(decode(ipv6(0, extensionHeader(17, 1).subarray(0, 12))).status).toBe(DecodeStatus.Undecodable);
    const declaredShort = ipv6(0, bytes(extensionHeader(17, 1), udp(1, 53, dnsBytes)), 8);
    expect(decode(declaredShort).status).toBe(DecodeStatus.Undecodable);
  });

  it('counts payload bytes a snaplen cut off as missing', () => {
    const facts = decode(ipv6(PROTOCOL_UDP, udp(1, 53, dnsBytes)), 40 + 8 + 4);
    expect(facts.payloadLength).toBe(4);
    expect(facts.payloadMissing).toBe(12);
  });

  it('takes the captured length when the payload length is 0', () => {
    const facts = decode(ipv6(PROTOCOL_UDP, udp(1, 53, dnsBytes, 0), 0));
    expect(facts.ipLength).toBe(64);
    expect(facts.payloadLength).toBe(16);
  });
});

describe('UDP', () => {
  it('trims bytes past its length field and refuses lengths under 8', () => {
    const trailing = decode(ipv4({ protocol: PROTOCOL_UDP, payload: bytes(udp(1, 53, dnsBytes, 8 + 10)) }));
    expect(trailing.payloadLength).toBe(10);
    expect(decode(ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes, 7) })).status).toBe(DecodeStatus.Undecodable);
  });

  it('is undecodable when the header is cut short', () => {
    const packet = ipv4({ protocol: PROTOCOL_UDP, payload: udp(1, 53, dnsBytes) });
    expect(decode(packet, 27).status).toBe(DecodeStatus.Undecodable);
  });
});

describe('TCP', () => {
  it('reads ports, an unsigned sequence number and flags', () => {
    const facts = decode(ipv4({ protocol: PROTOCOL_TCP, payload: tcp({ srcPort: 853, dstPort: 51000, seq: 0xfffffff0, flags: 0x12 }) }));
    expect(facts).toMatchObject({ status: DecodeStatus.Ok, srcPort: 853, dstPort: 51000, tcpSeq: 4294967280, tcpFlags: 0x12, payloadLength: 0 });
  });

  it('finds the payload after options by data offset', () => {
    const options = [2, 4, 0x05, 0xb4, 1, 1, 4, 2]; // MSS, NOP, NOP, SACK permitted
    const facts = decode(ipv4({ protocol: PROTOCOL_TCP, payload: tcp({ options, payload: dnsBytes }) }));
    expect(facts.payloadOffset).toBe(20 + 28);
    expect(facts.payloadLength).toBe(16);
  });

  it('is undecodable with a data offset under 5 or past the packet', () => {
    expect(decode(ipv4({ protocol: PROTOCOL_TCP, payload: tcp({ dataOffsetWords: 4 }) })).status).toBe(DecodeStatus.Undecodable);
    expect(decode(ipv4({ protocol: PROTOCOL_TCP, payload: tcp({ dataOffsetWords: 6 }) })).status).toBe(DecodeStatus.Undecodable);
  });

  it('is undecodable when a snaplen cut falls inside the options', () => {
    const packet = ipv4({ protocol: PROTOCOL_TCP, payload: tcp({ options: [1, 1, 1, 1], payload: dnsBytes }) });
    expect(decode(packet, 20 + 22).status).toBe(DecodeStatus.Undecodable);
    expect(decode(packet, 20 + 24 + 3)).toMatchObject({ payloadLength: 3, payloadMissing: 13 });
  });

  it('keeps the NS bit as 0x100', () => {
    const segment = tcp({ flags: 0x10 });
    segment[12] |= 1;
    expect(decode(ipv4({ protocol: PROTOCOL_TCP, payload: segment })).tcpFlags).toBe(0x110);
  });
});

describe('decodePacket', () => {
  it('resets every field of a reused PacketFacts', () => {
    const facts = newPacketFacts();
    decodePacket(frameOf(ipv4({ protocol: PROTOCOL_TCP, payload: tcp({ seq: 99, payload: dnsBytes }) })), RAW, facts);
    // An ARP frame: ethertype 0x0806 after the two MAC addresses.
    decodePacket(frameOf(bytes(Buffer.alloc(12), u16(0x0806), Buffer.alloc(28))), 1, facts);
    expect(facts).toEqual({ ...newPacketFacts(), status: DecodeStatus.NotIp });
  });
});
