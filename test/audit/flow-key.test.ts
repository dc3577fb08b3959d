import { describe, expect, it } from 'vitest';
import { flowKey, newFlowKey } from '../../src/audit/flow-key.js';
import { addressOf } from '../../src/audit/packet-endpoints.js';
import { newPacketFacts, PROTOCOL_TCP, PROTOCOL_UDP } from '../../src/decode/packet-facts.js';
import { decodePacket } from '../../src/decode/packet.js';
import { frameOf, ipv4, ipv6, tcp, udp, V6_SRC } from '../decode/build.js';

const RAW = 101;

function decode(data: Buffer) {
  const facts = newPacketFacts();
  decodePacket(frameOf(data), RAW, facts);
  return { data, facts };
}

function v4(src: number[], dst: number[], srcPort: number, dstPort: number, protocol = PROTOCOL_TCP) {
  const payload = protocol === PROTOCOL_TCP ? tcp({ srcPort, dstPort }) : udp(srcPort, dstPort, Buffer.alloc(0));
  return decode(ipv4({ src, dst, protocol, payload }));
}

/** The key's words as text, so that keys compare with toBe. */
function key(packet: { data: Buffer; facts: ReturnType<typeof newPacketFacts> }, serverIsSource: boolean, ordinal = 0): string {
  const { words, length } = flowKey(ordinal, packet.data, packet.facts, serverIsSource, newFlowKey());
  return [...words.subarray(0, length)].join(',');
}

describe('flowKey', () => {
  const query = v4([192, 0, 2, 10], [198, 51, 100, 53], 40000, 853);
  const answer = v4([198, 51, 100, 53], [192, 0, 2, 10], 853, 40000);

  it('gives both directions of a flow one key, client first', () => {
    expect(key(query, false)).toBe(key(answer, true));
    expect(key(query, false)).not.toBe(key(query, true));
  });

  it('tells apart every field of the identity', () => {
    const base = key(query, false);
    expect(key(query, false, 1)).not.toBe(base);
    expect(key(query, false, 256)).not.toBe(key(query, false, 0));
    expect(key(v4([192, 0, 2, 10], [198, 51, 100, 53], 40000, 853, PROTOCOL_UDP), false)).not.toBe(base);
    expect(key(v4([192, 0, 2, 11], [198, 51, 100, 53], 40000, 853), false)).not.toBe(base);
    expect(key(v4([192, 0, 2, 10], [198, 51, 100, 54], 40000, 853), false)).not.toBe(base);
    expect(key(v4([192, 0, 2, 10], [198, 51, 100, 53], 40001, 853), false)).not.toBe(base);
    expect(key(v4([192, 0, 2, 10], [198, 51, 100, 53], 40000, 53), false)).not.toBe(base);
  });

  it('keys IPv6 flows by all sixteen bytes of each address', () => {
    const a = decode(ipv6(PROTOCOL_TCP, tcp({ srcPort: 40000, dstPort: 853 })));
    const lastByteChanged = [...V6_SRC.slice(0, 15), 0x02];
    const b = decode(Buffer.from(a.data));
    b.data.set(lastByteChanged, b.facts.srcAddressOffset);
    expect(key(a, false)).not.toBe(key(b, false));
    expect(key(a, false).split(',')).toHaveLength(10);
    expect(key(query, false).split(',')).toHaveLength(4);
    // The flow table compares only as many words as the key looked up has: the head words must differ.
    expect(key(a, false).split(',')[0]).not.toBe(key(query, false).split(',')[0]);
  });

  it('keeps no trace of the previous packet in a reused key', () => {
    const reused = newFlowKey();
    const v6 = decode(ipv6(PROTOCOL_TCP, tcp({ srcPort: 40000, dstPort: 853 })));
    flowKey(0, v6.data, v6.facts, false, reused);
    flowKey(0, query.data, query.facts, false, reused);
    expect([...reused.words.subarray(0, reused.length)].join(',')).toBe(key(query, false));
  });
});

describe('addressOf', () => {
  it('formats addresses that share a memo slot correctly, in any order', () => {
    // The memo slot is chosen by the three low bytes: these two collide.
    const first = v4([10, 1, 2, 3], [192, 0, 2, 1], 1, 53, PROTOCOL_UDP);
    const second = v4([172, 1, 2, 3], [192, 0, 2, 1], 1, 53, PROTOCOL_UDP);
    for (let round = 0; round < 3; round++) {
      expect(addressOf(first.data, first.facts, true)).toBe('10.1.2.3');
      expect(addressOf(second.data, second.facts, true)).toBe('172.1.2.3');
    }
    expect(addressOf(first.data, first.facts, false)).toBe('192.0.2.1');
  });
});
