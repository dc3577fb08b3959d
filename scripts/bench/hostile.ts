// Peak RSS of `dnsleak audit` on crafted captures that fill a flow table with half-sent messages or
// hellos: what the per-flow buffer bounds (README, "Hostile input and bounds") hold memory to.
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { createCaptureWriter } from '../../fixtures/build/capture-file.js';
import { halfSentTcpDnsMessages, halfSentTlsHellos } from '../../fixtures/build/hostile-flows.js';
import { LINKTYPE_ETHERNET } from '../../fixtures/build/link.js';
import { ethernetLink } from '../../fixtures/build/links.js';
import { dnsleakCommand, measure, median, warmPageCache } from './measure.js';

/** The flow tables' capacity (DEFAULT_AUDIT_LIMITS): every flow is held at once. */
const FLOWS = 16_384;

export interface HostileResult {
  capture: string;
  file: string;
  wallSeconds: number;
  peakRssKiB: number;
}

const CAPTURES: { capture: string; packets: () => Buffer[] }[] = [
  { capture: `${FLOWS.toLocaleString('en')} TCP 53 connections, each 1,400 bytes of a message declaring 65,535`, packets: () => halfSentTcpDnsMessages(FLOWS, 1400) },
  { capture: `${FLOWS.toLocaleString('en')} TCP 853 connections, each 1,400 bytes of a TLS hello declaring 16 KiB`, packets: () => halfSentTlsHellos(FLOWS, 1400) },
];

export function runHostile(cache: string, runs: number): HostileResult[] {
  return CAPTURES.map(({ capture, packets }, index) => {
    const file = `${cache}/hostile-${index + 1}.pcap`;
    if (!existsSync(file)) writeCapture(file, packets());
    const samples = [];
    for (let run = 0; run < runs; run++) {
      warmPageCache(file);
      // Exit 3 (inconclusive) is expected: messages are left unfinished on purpose.
      const result = measure(`${dnsleakCommand(process.execPath)} audit --json ${file} > /dev/null; test $? -le 3`, cache);
      if (result.status !== 0) throw new Error(`dnsleak failed on ${file}`);
      samples.push(result);
    }
    return { capture, file, wallSeconds: median(samples.map((m) => m.wallSeconds)), peakRssKiB: median(samples.map((m) => m.peakRssKiB)) };
  });
}

function writeCapture(file: string, ipPackets: Buffer[]): void {
  const fd = openSync(file, 'w');
  try {
    const writer = createCaptureWriter({ format: 'pcap', linkType: LINKTYPE_ETHERNET }, (chunk) => writeSync(fd, chunk));
    const link = ethernetLink();
    ipPackets.forEach((packet, i) => {
      for (const frame of link.frames(packet, true)) writer.write({ interfaceId: 0, section: 0, tsSec: 1_700_000_000 + Math.floor(i / 1000), tsNsec: (i % 1000) * 1_000_000, packet: frame });
    });
    writer.close();
  } finally {
    closeSync(fd);
  }
}
