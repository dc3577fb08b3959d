// Builds LiveView snapshots for the dashboard tests: a complete, clean default that each test
// overrides only where its behaviour lives.
import type { Counters, EncryptedUpstream, InterfaceReport, LeakEvent, ReportV1 } from '../../src/report/report-v1.js';
import type { LiveInterface, LiveView } from '../../src/ui/live-view.js';
import { newCounters } from '../../src/audit/counters.js';

export function counters(overrides: Partial<Counters> = {}): Counters {
  return { ...newCounters(0), ...overrides };
}

export function interfaceReport(name: string | null, overrides: Partial<InterfaceReport> = {}): InterfaceReport {
  return { ...counters(), name, loopback: name === 'lo', ...overrides };
}

export function leakEvent(overrides: Partial<LeakEvent> = {}): LeakEvent {
  return {
    time: '2024-05-01T12:00:00.000000Z',
    interface: 'eth0',
    category: 'plaintext',
    transport: 'udp',
    src: '192.0.2.10',
    dst: '198.51.100.53',
    srcPort: 40000,
    dstPort: 53,
    qname: 'example.com',
    qtype: 'A',
    message: null,
    ...overrides,
  };
}

export function upstream(overrides: Partial<EncryptedUpstream> = {}): EncryptedUpstream {
  return {
    server: '1.1.1.1',
    port: 853,
    transport: 'tcp',
    sni: 'cloudflare-dns.com',
    tlsVersion: 'TLS 1.3',
    flows: 2,
    bytes: 1536,
    lastSeen: '2024-05-01T12:00:05.123456Z',
    ...overrides,
  };
}

export function report(overrides: Partial<ReportV1> = {}): ReportV1 {
  return {
    schema: 'dnsleak/report/v1',
    verdict: 'clean',
    exitCode: 0,
    reasons: [],
    sources: ['live:eth0'],
    totals: { ...counters(), truncated: false },
    interfaces: [],
    leaks: [],
    leaksNotListed: 0,
    encrypted: [],
    topLeakedNames: [],
    overflow: { tcpDnsFlows: 0, encryptedFlows: 0, encryptedServers: 0, plaintextServers: 0, leakedNames: 0, tlsHellos: 0 },
    ...overrides,
  };
}

export function liveInterface(name: string, overrides: Partial<LiveInterface> = {}): LiveInterface {
  return { name, status: 'capturing', drops: 0, ...overrides };
}

export function liveView(overrides: Partial<LiveView> = {}): LiveView {
  return {
    report: report(),
    recentLeaks: [],
    captureStatus: [],
    startedAt: new Date('2024-05-01T12:00:00Z'),
    elapsedSeconds: 0,
    packetsPerSecond: 0,
    paused: false,
    ...overrides,
  };
}
