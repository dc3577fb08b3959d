// Streams a generated capture of many distinct flows through the built pipeline (dist/) without ever
// holding it, and prints the memory in use after a full GC at each checkpoint as one JSON line.
// Run as: node --expose-gc test/hostile/flat-memory-stream.mjs PACKETS CHECKPOINT...
// Every table the audit keeps overflows its cap: each cycle opens a new TCP 53 flow left mid-message,
// a new DoT flow to a new server left mid-ClientHello, a new DoQ flow, and leaks two new names.
import { createAuditSink } from '../../dist/src/audit/audit-sink.js';
import { createAuditState } from '../../dist/src/audit/audit-state.js';
import { snapshot } from '../../dist/src/audit/snapshot.js';
import { NO_POLICY } from '../../dist/src/classify/policy.js';
import { createCaptureReader } from '../../dist/src/sources/capture-reader.js';
import { encodePcapHeader, writePcapRecordHeader } from '../../dist/src/write/pcap-writer.js';
import { dnsOverTcp, dnsQuery, mdnsQuery } from '../../dist/fixtures/build/dns.js';
import { ethernet, etherTypeOf, LINKTYPE_ETHERNET } from '../../dist/fixtures/build/link.js';
import { GATEWAY_MAC, HOST_MAC } from '../../dist/fixtures/build/links.js';
import { quicLongHeader, quicShortHeader } from '../../dist/fixtures/build/quic.js';
import { seededBytes } from '../../dist/fixtures/build/seeded-bytes.js';
import { tlsClientHello } from '../../dist/fixtures/build/tls.js';
import { TCP_ACK, TCP_PSH, TCP_SYN, tcpPacket, udpPacket } from '../../dist/fixtures/build/transport.js';

const [packetCount, ...checkpoints] = process.argv.slice(2).map(Number);
if (!(packetCount > 0) || typeof globalThis.gc !== 'function') {
  process.stderr.write('usage: node --expose-gc flat-memory-stream.mjs PACKETS CHECKPOINT...\n');
  process.exit(2);
}

// Templates: the client is 198.18.0.1 and the varying server 100.64.0.1; both are patched per cycle.
const CLIENT = '198.18.0.1';
const PLAIN = '198.51.100.53';
const TCP_PLAIN = '203.0.113.53';
const VARYING_SERVER = '100.64.0.1';
const NAME = 'n00000000.example';
// A ClientHello padded past one segment, so the flow's hello buffer must gather it.
// Its record and handshake headers say 4096 bytes; only the first segment is ever sent.
const hello = tlsClientHello({ sni: 'dot.example', seed: 7, alpn: ['dot'] });
const bigHello = Buffer.concat([Buffer.from([22, 3, 1, 0x10, 0x00, 1, 0x00, 0x0f, 0xfc]), hello.subarray(9), Buffer.alloc(4096 + 5 - hello.length)]);
const ip = (src, dst) => ({ src, dst });
const CONTINUING = 24;

/** Each packet with where its fields to vary sit: [offset, kind] pairs. */
const templates = [
  udpPacket({ ...ip(CLIENT, PLAIN), srcPort: 1000, dstPort: 53 }, dnsQuery({ id: 1, name: NAME })),
  tcpPacket({ ...ip(CLIENT, TCP_PLAIN), srcPort: 1000, dstPort: 53 }, { seq: 100, ack: 0, flags: TCP_SYN }),
  // Half a query: the flow's reassembly buffer holds the rest's room until the flow is evicted.
  tcpPacket({ ...ip(CLIENT, TCP_PLAIN), srcPort: 1000, dstPort: 53 }, { seq: 101, ack: 1, flags: TCP_PSH | TCP_ACK }, dnsOverTcp(dnsQuery({ id: 2, name: NAME })).subarray(0, 20)),
  tcpPacket({ ...ip(CLIENT, VARYING_SERVER), srcPort: 1000, dstPort: 853 }, { seq: 500, ack: 0, flags: TCP_SYN }),
  tcpPacket({ ...ip(CLIENT, VARYING_SERVER), srcPort: 1000, dstPort: 853 }, { seq: 501, ack: 1, flags: TCP_PSH | TCP_ACK }, bigHello.subarray(0, 1400)),
  udpPacket({ ...ip(CLIENT, VARYING_SERVER), srcPort: 1000, dstPort: 853 }, quicLongHeader({ packetType: 0, dcid: seededBytes(1, 8), scid: seededBytes(2, 8), seed: 3, datagramSize: 1200 })),
  udpPacket({ src: CLIENT, dst: '224.0.0.251', srcPort: 5353, dstPort: 5353 }, mdnsQuery('n00000000.local')),
  tcpPacket({ ...ip(CLIENT, '203.0.113.80'), srcPort: 1000, dstPort: 443 }, { seq: 9, ack: 9, flags: TCP_ACK }),
  // Most packets of real traffic continue a flow already open: here the cycle's DoQ flow.
  ...Array.from({ length: CONTINUING }, () => udpPacket({ ...ip(CLIENT, VARYING_SERVER), srcPort: 1000, dstPort: 853 }, quicShortHeader(seededBytes(4, 8), 100, 5))),
].map((packet) => {
  const frame = ethernet({ src: HOST_MAC, dst: GATEWAY_MAC, etherType: etherTypeOf(packet) }, packet);
  const nameAt = frame.indexOf('n00000000', 0, 'latin1');
  return { frame, nameAt, varyServer: frame.readUInt32BE(30) === 0x64400001 };
});

const state = createAuditState(NO_POLICY);
const reader = createCaptureReader(createAuditSink(state));
const chunk = Buffer.alloc(1 << 20);
let used = encodePcapHeader({ linkType: LINKTYPE_ETHERNET, snaplen: 262_144 }).copy(chunk, 0);
let written = 0;
const marks = [];
const started = performance.now();

for (let cycle = 0; written < packetCount; cycle++) {
  // 2^26 clients (address x port) and 2^22 servers: no flow or server ever repeats in 10M packets.
  const client = 0xc6120000 + (cycle >>> 10) % 0x20000;
  const port = 1024 + (cycle & 1023);
  const server = 0x64400000 + (cycle % 0x400000);
  const name = (cycle >>> 0).toString(16).padStart(8, '0');
  for (const { frame, nameAt, varyServer } of templates) {
    if (written === packetCount) break;
    if (used + 16 + frame.length > chunk.length) flush();
    const at = writePcapRecordHeader(chunk, used, 1_700_000_000 + (cycle >>> 12), (cycle & 4095) * 1000, frame.length, frame.length);
    frame.copy(chunk, at);
    chunk.writeUInt32BE(client, at + 26);
    if (varyServer) chunk.writeUInt32BE(server, at + 30);
    if (frame.readUInt16BE(34) === 1000) chunk.writeUInt16BE(port, at + 34);
    if (nameAt >= 0) chunk.write(name, at + nameAt + 1, 'latin1');
    used = at + frame.length;
    written++;
    if (written === checkpoints[marks.length]) {
      flush();
      marks.push(measure(written));
    }
  }
}
flush();
if (reader.end().truncated) state.markTruncated();
const report = snapshot(state, { sources: ['generated'], live: false, requireEncrypted: false });
process.stdout.write(
  JSON.stringify({
    packets: report.totals.packets,
    seconds: (performance.now() - started) / 1000,
    marks,
    totals: report.totals,
    listedLeaks: report.leaks.length,
    leaksNotListed: report.leaksNotListed,
    upstreams: report.encrypted.length,
  }) + '\n',
);

function flush() {
  reader.push(chunk.subarray(0, used));
  used = 0;
}

function measure(packets) {
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  return { packets, heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss, seconds: (performance.now() - started) / 1000 };
}
