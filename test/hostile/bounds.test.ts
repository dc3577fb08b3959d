// Tables that a crafted capture could grow one entry per packet, each held to its cap.
import { describe, expect, it } from 'vitest';
import { createAuditState, DEFAULT_AUDIT_LIMITS } from '../../src/audit/audit-state.js';
import { OTHER_INTERFACES } from '../../src/audit/interface-table.js';
import { snapshot } from '../../src/audit/snapshot.js';
import { NO_POLICY } from '../../src/classify/policy.js';
import { CaptureFileError } from '../../src/errors.js';
import { ARPHRD_ETHER, LINKTYPE_LINUX_SLL2, PACKET_OUTGOING, sll2 } from '../../fixtures/build/link.js';
import { quicShortHeader } from '../../fixtures/build/quic.js';
import { seededBytes } from '../../fixtures/build/seeded-bytes.js';
import { halfSentTcpDnsMessages, halfSentTlsHellos } from '../../fixtures/build/hostile-flows.js';
import { TCP_ACK, TCP_PSH, TCP_SYN, tcpPacket, udpPacket } from '../../fixtures/build/transport.js';
import { dnsOverTcp, dnsQuery } from '../../fixtures/build/dns.js';
import { encodePcapHeader, encodePcapRecord } from '../../src/write/pcap-writer.js';
import { encodeInterfaceDescription, encodeSectionHeader } from '../../src/write/pcapng-writer.js';
import { auditBytes, feed } from './audit-bytes.js';
import { pcapOf } from './build-capture.js';

const doq = (server: string) =>
  udpPacket({ src: '192.0.2.10', dst: server, srcPort: 40_000, dstPort: 853 }, quicShortHeader(seededBytes(1, 8), 60, 2));

describe('bounded audit tables', () => {
  it('a full DNS-over-TCP table of messages declaring 65,535 bytes holds only their kept starts', () => {
    // Sized by the declared length, the table held 16,384 x 64 KiB (1 GiB).
    const flows = DEFAULT_AUDIT_LIMITS.tcpDnsFlows;
    const packets = halfSentTcpDnsMessages(flows);
    const capture = pcapOf(packets);
    const state = createAuditState(NO_POLICY);
    const before = process.memoryUsage().arrayBuffers;
    feed(state, capture, 1 << 20);
    const held = process.memoryUsage().arrayBuffers - before;

    expect(state.unfinishedTcpMessages()).toBe(flows);
    expect(held).toBeLessThan(flows * 1024);
    const report = snapshot(state, { sources: [], live: false, requireEncrypted: false });
    expect(report.verdict).toBe('inconclusive');
    expect(report.reasons).toEqual([`${flows} DNS-over-TCP message(s) off loopback were never seen to their end`]);

    // Past the table's bound, a flow evicted mid-message still counts: its end will never be seen.
    const small = createAuditState(NO_POLICY, { ...DEFAULT_AUDIT_LIMITS, tcpDnsFlows: 16 });
    feed(small, pcapOf(packets.slice(0, 2 * 40)), 1 << 20);
    expect(small.overflow().tcpDnsFlows).toBe(24);
    expect(small.unfinishedTcpMessages()).toBe(40);
  });

  it("a flood of SYNs opens no DNS-over-TCP flow, so it cannot push out one holding half a message", () => {
    const state = createAuditState(NO_POLICY, { ...DEFAULT_AUDIT_LIMITS, tcpDnsFlows: 16 });
    const query = dnsOverTcp(dnsQuery({ id: 7, name: 'kept.example', type: 'A' }));
    const client = { src: '192.0.2.10', dst: '203.0.113.53', srcPort: 40_000, dstPort: 53 };
    const scan = Array.from({ length: 40 }, (_, i) => tcpPacket({ ...client, srcPort: 50_000 + i }, { seq: 0, ack: 0, flags: TCP_SYN }));
    const packets = [
      tcpPacket(client, { seq: 1, ack: 1, flags: TCP_PSH | TCP_ACK }, query.subarray(0, 10)),
      ...scan,
      tcpPacket(client, { seq: 11, ack: 1, flags: TCP_PSH | TCP_ACK }, query.subarray(10)),
    ];
    feed(state, pcapOf(packets), 1 << 20);
    const report = snapshot(state, { sources: [], live: false, requireEncrypted: false });

    expect([report.totals.leakedQueries, report.leaks[0]?.qname]).toEqual([1, 'kept.example']);
    expect([state.overflow().tcpDnsFlows, state.unfinishedTcpMessages(), report.verdict]).toEqual([0, 0, 'leak']);
  });

  it('half-sent TLS hellos of a full DoT flow table are held within their shared budget', () => {
    const flows = DEFAULT_AUDIT_LIMITS.encryptedFlows;
    const report = auditBytes(pcapOf(halfSentTlsHellos(flows)));

    expect(report.totals.encryptedFlows).toBe(flows);
    // 8 MiB holds about 3,000 of them (2,800 bytes each); the rest were given up, and say so.
    expect(report.overflow.tlsHellos).toBeGreaterThan(flows - 3100);
    expect(report.overflow.tlsHellos).toBeLessThan(flows - 2900);
    expect(report.encrypted).toHaveLength(1);
    expect(report.encrypted[0].sni).toBeNull();
  });

  it('servers known to carry DoT/DoQ are capped, the least recently seen forgotten and counted', () => {
    const state = createAuditState(NO_POLICY, { ...DEFAULT_AUDIT_LIMITS, encryptedServers: 16 });
    const servers = Array.from({ length: 40 }, (_, i) => `198.51.100.${100 + i}`);
    feed(state, pcapOf(servers.map(doq)), 1 << 20);

    expect(servers.filter((server) => state.encryptedServers.has(server))).toEqual(servers.slice(24));
    expect(state.overflow().encryptedServers).toBe(24);
    expect(snapshot(state, { sources: [], live: false, requireEncrypted: false }).totals.encryptedFlows).toBe(40);
  });

  it('interfaces past the cap share one row, and every packet is still counted', () => {
    const state = createAuditState(NO_POLICY, { ...DEFAULT_AUDIT_LIMITS, interfaces: 8 });
    const records = Array.from({ length: 5000 }, (_, i) => {
      const frame = sll2({ ifindex: i + 1, packetType: PACKET_OUTGOING, arphrd: ARPHRD_ETHER, protocol: 0x0800 }, doq('198.51.100.85'));
      return encodePcapRecord(1_700_000_000, i * 1000, frame);
    });
    feed(state, Buffer.concat([encodePcapHeader({ linkType: LINKTYPE_LINUX_SLL2, snaplen: 65_535 }), ...records]), 1 << 20);
    const report = snapshot(state, { sources: [], live: false, requireEncrypted: false });

    expect(report.interfaces.map((row) => [row.name, row.packets])).toEqual([
      ...Array.from({ length: 8 }, (_, i) => [`if#${i + 1}`, 1]),
      [OTHER_INTERFACES, 4992],
    ]);
    expect(report.totals.packets).toBe(5000);
  });

  it('a pcapng file describing more than 65536 interfaces across its sections is refused', () => {
    const idb = encodeInterfaceDescription({ linkType: 1, snaplen: 65_535, tsresol: 6 });
    const section = (count: number) => Buffer.concat([encodeSectionHeader(), ...Array.from({ length: count }, () => idb)]);
    const file = Buffer.concat([section(40_000), section(30_000)]);
    const idbAt = 28 + 40_000 * idb.length + 28 + 25_536 * idb.length;

    expect(() => auditBytes(file)).toThrow(new CaptureFileError(`interface description block at offset ${idbAt}: more than 65536 interfaces in one file`, idbAt));
  });
});
