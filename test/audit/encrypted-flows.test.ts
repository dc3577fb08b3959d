import { describe, expect, it } from 'vitest';
import { createEncryptedFlows, PacketOutcome, type Segment, type Upstream } from '../../src/audit/encrypted-flows.js';
import { newFlowKey, type FlowKey } from '../../src/audit/flow-key.js';
import { PROTOCOL_TCP, PROTOCOL_UDP } from '../../src/decode/packet-facts.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST } from '../../src/decode/tcp.js';
import { LONG_HEADER_INITIAL, quicLongHeader, quicShortHeader } from '../../fixtures/build/quic.js';
import { seededBytes } from '../../fixtures/build/seeded-bytes.js';
import { tlsClientHello, tlsServerHello } from '../../fixtures/build/tls.js';
import { bytes, dnsQuery, u16 } from '../decode/build.js';

function upstream(): Upstream {
  return { server: '198.51.100.85', port: 853, transport: 'tcp', sni: null, tlsVersion: null, flows: 0, bytes: 0, lastSec: 0, lastNsec: 0 };
}

/** A flow key per test flow name; the table only compares keys, so any distinct words will do. */
const flowKeys = new Map<string, FlowKey>();
function keyOf(name: string): FlowKey {
  let key = flowKeys.get(name);
  if (key === undefined) {
    key = newFlowKey();
    key.words[0] = flowKeys.size;
    key.length = 4;
    flowKeys.set(name, key);
  }
  return key;
}

function segment(options: Partial<Omit<Segment, 'flowKey'>> & { flowKey?: string } = {}): Segment {
  return { toServer: true, protocol: PROTOCOL_TCP, tcpFlags: TCP_PSH | TCP_ACK, tcpSeq: 1, tsSec: 0, tsNsec: 0, ...options, flowKey: keyOf(options.flowKey ?? 'flow') };
}

function feed(flows: ReturnType<typeof createEncryptedFlows>, payload: Buffer, options: Parameters<typeof segment>[0] = {}): PacketOutcome {
  return flows.packet(segment(options), payload, 0, payload.length, upstream);
}

/** The first bytes of a TLS 1.3 application data record carrying `length` bytes. */
function tlsRecord(length: number, seed = 1): Buffer {
  return bytes([0x17, 0x03, 0x03], u16(length), seededBytes(seed, length));
}

/** Ciphertext from the middle of a record: what a capture that joined an open connection sees first. */
const MID_RECORD = Buffer.from([0xa9, 0x41, 0x07, 0xe3, 0x5c, 0x11, 0x90, 0x2b, 0x66, 0xd4, 0x38, 0x7f, 0x02, 0xc5, 0x9e, 0x10]);

describe('encrypted flows: judging the first payload', () => {
  it('waits past ciphertext from the middle of a record and counts the flow once a record starts', () => {
    const flows = createEncryptedFlows(16, 16);
    expect(feed(flows, MID_RECORD)).toBe(PacketOutcome.Nothing);
    expect(feed(flows, MID_RECORD, { toServer: false })).toBe(PacketOutcome.Nothing);
    expect(feed(flows, tlsRecord(80))).toBe(PacketOutcome.NewEncrypted);
    expect(feed(flows, MID_RECORD)).toBe(PacketOutcome.Encrypted);
  });

  it('calls DNS over TCP on 853 plaintext, after its length or with the length in a segment of its own', () => {
    const query = dnsQuery('plain.example');
    expect(feed(createEncryptedFlows(16, 16), bytes(u16(query.length), query))).toBe(PacketOutcome.NewNotEncrypted);
    const split = createEncryptedFlows(16, 16);
    expect(feed(split, Buffer.from(u16(query.length)))).toBe(PacketOutcome.Nothing);
    expect(feed(split, query)).toBe(PacketOutcome.NewNotEncrypted);
  });

  it('calls a DNS query on UDP 853 plaintext even when its ID carries the QUIC fixed bit', () => {
    const query = dnsQuery('quic-bit.example', 1, 0x4a4a);
    expect(query[0] & 0x40).not.toBe(0);
    expect(feed(createEncryptedFlows(16, 16), query, { protocol: PROTOCOL_UDP, tcpFlags: 0 })).toBe(PacketOutcome.NewNotEncrypted);
  });

  it('counts QUIC long and short headers on UDP 853 as encrypted', () => {
    const initial = quicLongHeader({ packetType: LONG_HEADER_INITIAL, dcid: seededBytes(2, 8), scid: seededBytes(3, 8), seed: 4, datagramSize: 1200 });
    expect(feed(createEncryptedFlows(16, 16), initial, { protocol: PROTOCOL_UDP, tcpFlags: 0 })).toBe(PacketOutcome.NewEncrypted);
    expect(feed(createEncryptedFlows(16, 16), quicShortHeader(seededBytes(5, 8), 80, 6), { protocol: PROTOCOL_UDP, tcpFlags: 0 })).toBe(PacketOutcome.NewEncrypted);
  });
});

describe('encrypted flows: closing', () => {
  it('forgets a connection once both sides sent FIN, and not before', () => {
    const flows = createEncryptedFlows(16, 16);
    expect(feed(flows, tlsRecord(80))).toBe(PacketOutcome.NewEncrypted);
    expect(feed(flows, Buffer.alloc(0), { tcpFlags: TCP_FIN | TCP_ACK })).toBe(PacketOutcome.Nothing);
    // Half closed: the server's answer still belongs to the counted flow.
    expect(feed(flows, tlsRecord(120, 2), { toServer: false })).toBe(PacketOutcome.Encrypted);
    feed(flows, Buffer.alloc(0), { toServer: false, tcpFlags: TCP_FIN | TCP_ACK });
    // Forgotten: the same four-tuple's next payload is judged as a new flow.
    expect(feed(flows, tlsRecord(80))).toBe(PacketOutcome.NewEncrypted);
  });

  it('forgets a connection on RST, and after a FIN that carried the last payload', () => {
    const reset = createEncryptedFlows(16, 16);
    feed(reset, tlsRecord(80));
    feed(reset, Buffer.alloc(0), { toServer: false, tcpFlags: TCP_RST | TCP_ACK });
    expect(feed(reset, tlsRecord(80))).toBe(PacketOutcome.NewEncrypted);

    const finWithData = createEncryptedFlows(16, 16);
    expect(feed(finWithData, tlsRecord(80), { tcpFlags: TCP_FIN | TCP_PSH | TCP_ACK })).toBe(PacketOutcome.NewEncrypted);
    feed(finWithData, Buffer.alloc(0), { toServer: false, tcpFlags: TCP_FIN | TCP_ACK });
    expect(feed(finWithData, tlsRecord(80))).toBe(PacketOutcome.NewEncrypted);
  });
});

describe('encrypted flows: upstreams', () => {
  it('counts DoT and DoQ to one server, and DoT on another port, as separate upstreams', () => {
    const flows = createEncryptedFlows(16, 16);
    const to = (transport: Upstream['transport'], port: number) => (): Upstream => ({ ...upstream(), transport, port });
    const initial = quicLongHeader({ packetType: LONG_HEADER_INITIAL, dcid: seededBytes(2, 8), scid: seededBytes(3, 8), seed: 4, datagramSize: 1200 });
    flows.packet(segment({ flowKey: 'dot-1' }), tlsRecord(80), 0, 85, to('tcp', 853));
    flows.packet(segment({ flowKey: 'dot-2' }), tlsRecord(80), 0, 85, to('tcp', 853));
    flows.packet(segment({ flowKey: 'doq', protocol: PROTOCOL_UDP, tcpFlags: 0 }), initial, 0, initial.length, to('udp', 853));
    flows.packet(segment({ flowKey: 'dot-8853' }), tlsRecord(80), 0, 85, to('tcp', 8853));
    const counted = [...flows.upstreams()].map(({ transport, port, flows: count }) => [transport, port, count]);
    expect(counted).toEqual([['tcp', 853, 2], ['udp', 853, 1], ['tcp', 8853, 1]]);
  });
});

describe('encrypted flows: TLS hellos', () => {
  it('reads the SNI from a ClientHello in one segment or spread over two, and the version from the ServerHello', () => {
    for (const [padding, cut] of [[0, null], [2600, 1400]] as const) {
      const flows = createEncryptedFlows(16, 16);
      const seen = upstream();
      const clientHello = tlsClientHello({ sni: 'dot.example', seed: 7, padding });
      const parts = cut === null ? [clientHello] : [clientHello.subarray(0, cut), clientHello.subarray(cut)];
      let seq = 1;
      for (const part of parts) {
        flows.packet(segment({ tcpSeq: seq }), part, 0, part.length, () => seen);
        seq += part.length;
      }
      const serverHello = tlsServerHello({ version: '1.3', seed: 3 });
      flows.packet(segment({ toServer: false, tcpSeq: 9000 }), serverHello, 0, serverHello.length, () => seen);
      expect([padding, seen.sni, seen.tlsVersion]).toEqual([padding, 'dot.example', 0x0304]);
    }
  });

  it('keeps the SNI an upstream was first seen with, and the version of its latest ServerHello', () => {
    const flows = createEncryptedFlows(16, 16);
    for (const [flowKey, sni, version] of [['first', 'a.example', '1.2'], ['second', 'b.example', '1.3']] as const) {
      const clientHello = tlsClientHello({ sni, seed: 7 });
      flows.packet(segment({ flowKey }), clientHello, 0, clientHello.length, upstream);
      const serverHello = tlsServerHello({ version, seed: 3 });
      flows.packet(segment({ flowKey, toServer: false, tcpSeq: 9000 }), serverHello, 0, serverHello.length, upstream);
    }
    const [only] = flows.upstreams();
    expect([only.flows, only.sni, only.tlsVersion]).toEqual([2, 'a.example', 0x0304]);
  });
});
