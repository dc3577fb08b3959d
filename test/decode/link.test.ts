import { describe, expect, it } from 'vitest';
import { Direction } from '../../src/frame.js';
import { DecodeStatus, newPacketFacts, PROTOCOL_UDP } from '../../src/decode/packet-facts.js';
import { decodePacket } from '../../src/decode/packet.js';
import { bytes, ethernet, frameOf, ipv4, ipv6, u16, u32, udp } from './build.js';

const query = Buffer.from('0123456789ab', 'latin1');
const ip4 = ipv4({ protocol: PROTOCOL_UDP, payload: udp(40000, 53, query) });
const ip6 = ipv6(PROTOCOL_UDP, udp(40000, 53, query));

function decode(data: Buffer, linkType: number, direction = Direction.Unknown) {
  const facts = newPacketFacts();
  decodePacket(frameOf(data, direction), linkType, facts);
  return facts;
}

function sll(packetType: number, arphrd: number, protocol: number, payload: Buffer): Buffer {
  return bytes(u16(packetType), u16(arphrd), u16(6), [2, 0, 0, 0, 0, 1, 0, 0], u16(protocol), payload);
}

function sll2(protocol: number, ifindex: number, arphrd: number, packetType: number, payload: Buffer): Buffer {
  return bytes(u16(protocol), u16(0), u32(ifindex), u16(arphrd), [packetType, 6], [2, 0, 0, 0, 0, 1, 0, 0], payload);
}

describe('Ethernet (link type 1)', () => {
  it('finds IPv4 after the 14-byte header', () => {
    const facts = decode(ethernet(0x0800, ip4), 1);
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.ipVersion).toBe(4);
    expect(facts.srcAddressOffset).toBe(14 + 12);
    expect(facts.payloadOffset).toBe(14 + 20 + 8);
    expect(facts.linkLoopback).toBe(false);
    expect(facts.linkInterfaceIndex).toBe(-1);
  });

  it('finds IPv6 after the header', () => {
    const facts = decode(ethernet(0x86dd, ip6), 1);
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.ipVersion).toBe(6);
    expect(facts.srcAddressOffset).toBe(14 + 8);
    expect(facts.dstPort).toBe(53);
  });

  it('walks a stack of 802.1ad, 802.1Q and 0x9100 tags', () => {
    const tags = [
      { tpid: 0x88a8, vid: 100 },
      { tpid: 0x8100, vid: 200 },
      { tpid: 0x9100, vid: 300 },
    ];
    const facts = decode(ethernet(0x0800, ip4, tags), 1);
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.srcAddressOffset).toBe(14 + 12 + 12);
    expect(facts.payloadLength).toBe(12);
  });

  it('accepts four tags and refuses a fifth', () => {
    const four = Array.from({ length: 4 }, () => ({ tpid: 0x8100, vid: 1 }));
    expect(decode(ethernet(0x0800, ip4, four), 1).status).toBe(DecodeStatus.Ok);
    const five = Array.from({ length: 5 }, () => ({ tpid: 0x8100, vid: 1 }));
    expect(decode(ethernet(0x0800, ip4, five), 1).status).toBe(DecodeStatus.Undecodable);
  });

  it('reports ARP and 802.3 length fields as not IP', () => {
    expect(decode(ethernet(0x0806, Buffer.alloc(28)), 1).status).toBe(DecodeStatus.NotIp);
    expect(decode(ethernet(46, Buffer.alloc(46)), 1).status).toBe(DecodeStatus.NotIp);
    expect(decode(ethernet(0x0806, Buffer.alloc(28), [{ tpid: 0x8100, vid: 5 }]), 1).status).toBe(DecodeStatus.NotIp);
  });

  it('is undecodable when the header or a tag is cut short', () => {
    expect(decode(Buffer.alloc(13), 1).status).toBe(DecodeStatus.Undecodable);
    const tagged = ethernet(0x0800, Buffer.alloc(0), [{ tpid: 0x8100, vid: 1 }]);
    expect(decode(tagged.subarray(0, 16), 1).status).toBe(DecodeStatus.Undecodable);
  });

  it('keeps the direction the frame recorded', () => {
    expect(decode(ethernet(0x0800, ip4), 1, Direction.Outbound).direction).toBe(Direction.Outbound);
  });

  it('refuses IPv4 bytes behind the IPv6 ethertype', () => {
    expect(decode(ethernet(0x86dd, ip4), 1).status).toBe(DecodeStatus.Undecodable);
  });
});

describe('Linux cooked SLL (link type 113)', () => {
  it('reads packet type as direction and ARPHRD_LOOPBACK as loopback', () => {
    const facts = decode(sll(4, 772, 0x0800, ip4), 113, Direction.Inbound);
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.direction).toBe(Direction.Outbound);
    expect(facts.linkLoopback).toBe(true);
    expect(facts.srcAddressOffset).toBe(16 + 12);
  });

  it('maps packet types 0 to 3 to inbound and keeps the frame direction otherwise', () => {
    for (const packetType of [0, 1, 2, 3]) {
      expect(decode(sll(packetType, 1, 0x86dd, ip6), 113).direction).toBe(Direction.Inbound);
    }
    expect(decode(sll(7, 1, 0x86dd, ip6), 113, Direction.Outbound).direction).toBe(Direction.Outbound);
    expect(decode(sll(0, 1, 0x86dd, ip6), 113).linkLoopback).toBe(false);
  });

  it('follows a VLAN tag libpcap put back after the header', () => {
    const facts = decode(sll(0, 1, 0x8100, bytes(u16(42), u16(0x0800), ip4)), 113);
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.srcAddressOffset).toBe(20 + 12);
  });

  it('reports a non-IP protocol as not IP and a short header as undecodable', () => {
    expect(decode(sll(0, 1, 0x0806, Buffer.alloc(28)), 113).status).toBe(DecodeStatus.NotIp);
    expect(decode(Buffer.alloc(15), 113).status).toBe(DecodeStatus.Undecodable);
  });
});

describe('Linux cooked SLL2 (link type 276)', () => {
  it('reads interface index, ARPHRD type and packet type', () => {
    const facts = decode(sll2(0x86dd, 7, 772, 4, ip6), 276);
    expect(facts.status).toBe(DecodeStatus.Ok);
    expect(facts.linkInterfaceIndex).toBe(7);
    expect(facts.linkLoopback).toBe(true);
    expect(facts.direction).toBe(Direction.Outbound);
    expect(facts.srcAddressOffset).toBe(20 + 8);
  });

  it('reads an interface index above 2^31 unsigned', () => {
    const facts = decode(sll2(0x0800, 0xfffffffe, 1, 0, ip4), 276);
    expect(facts.linkInterfaceIndex).toBe(4294967294);
    expect(facts.direction).toBe(Direction.Inbound);
    expect(facts.linkLoopback).toBe(false);
  });

  it('reports a non-IP protocol as not IP and a 19-byte header as undecodable', () => {
    expect(decode(sll2(0x0806, 2, 1, 0, Buffer.alloc(28)), 276).status).toBe(DecodeStatus.NotIp);
    expect(decode(Buffer.alloc(19), 276).status).toBe(DecodeStatus.Undecodable);
  });
});

describe('raw IP (link types 101, 12, 14)', () => {
  it('takes the version from the first nibble', () => {
    for (const linkType of [101, 12, 14]) {
      expect(decode(ip4, linkType).ipVersion).toBe(4);
      expect(decode(ip6, linkType).ipVersion).toBe(6);
      expect(decode(ip6, linkType).srcAddressOffset).toBe(8);
    }
  });

  it('is undecodable for another version or no bytes', () => {
    expect(decode(bytes([0x50], ip4.subarray(1)), 101).status).toBe(DecodeStatus.Undecodable);
    expect(decode(Buffer.alloc(0), 101).status).toBe(DecodeStatus.Undecodable);
  });
});

describe('BSD NULL (0) and LOOP (108)', () => {
  it('accepts the address family in either byte order for NULL', () => {
    const little = decode(bytes([2, 0, 0, 0], ip4), 0);
    expect(little.status).toBe(DecodeStatus.Ok);
    expect(little.linkLoopback).toBe(true);
    expect(little.srcAddressOffset).toBe(4 + 12);
    expect(decode(bytes([0, 0, 0, 2], ip4), 0).ipVersion).toBe(4);
  });

  it('knows the three AF_INET6 values', () => {
    for (const family of [24, 28, 30]) {
      expect(decode(bytes([family, 0, 0, 0], ip6), 0).ipVersion).toBe(6);
      expect(decode(bytes(u32(family), ip6), 0).ipVersion).toBe(6);
    }
  });

  it('reads LOOP in network byte order only', () => {
    expect(decode(bytes(u32(30), ip6), 108).status).toBe(DecodeStatus.Ok);
    expect(decode(bytes(u32(30), ip6), 108).linkLoopback).toBe(true);
    expect(decode(bytes([2, 0, 0, 0], ip4), 108).status).toBe(DecodeStatus.NotIp);
  });

  it('reports another family as not IP and a short header as undecodable', () => {
    expect(decode(bytes([7, 0, 0, 0], ip4), 0).status).toBe(DecodeStatus.NotIp);
    expect(decode(Buffer.from([2, 0, 0]), 0).status).toBe(DecodeStatus.Undecodable);
  });
});

describe('unknown link types', () => {
  it('are undecodable', () => {
    expect(decode(ip4, 105).status).toBe(DecodeStatus.Undecodable);
  });
});
