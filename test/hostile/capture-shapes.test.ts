// Every malformed capture shape the issue lists, through the real CLI (`dnsleak audit --json FILE`):
// exit 2 with exactly one stderr line naming the file, or exit 3 with a report; never a stack trace,
// never an internal error, never a verdict of clean.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import * as H from '../../fixtures/build/hosts.js';
import { dnsQuery } from '../../fixtures/build/dns.js';
import { udpPacket } from '../../fixtures/build/transport.js';
import { runDnsleak } from '../support/run-dnsleak.js';
import {
  block,
  enhancedPacket,
  interfaceDescription,
  option,
  pcapFile,
  pcapHeader,
  pcapRecord,
  sectionHeader,
  simplePacket,
  u32,
} from '../sources/capture-bytes.js';
import { ethernetFrame } from './build-capture.js';

const scratch = mkdtempSync(join(tmpdir(), 'dnsleak-shapes-'));
afterAll(() => execFileSync('rm', ['-rf', scratch]));

const leak = ethernetFrame(udpPacket({ src: H.HOST, dst: H.PLAIN_RESOLVER, srcPort: 40_000, dstPort: 53 }, dnsQuery({ id: 7, name: 'a.example' })));
const LE = true;
const shb = sectionHeader(LE);
const idb = interfaceDescription(LE, { snaplen: 65_535 });
const epb = enhancedPacket(LE, { data: leak });
const goodPcap = pcapFile({ snaplen: 65_535 }, [{ seconds: 1, fraction: 0, data: leak }]);
const goodPcapng = Buffer.concat([shb, idb, epb]);

/** A valid EPB whose 32-bit field at `at` is replaced. */
function epbWith(at: number, value: number): Buffer {
  const copy = Buffer.from(epb);
  copy.writeUInt32LE(value >>> 0, at);
  return copy;
}

const refused: [string, Buffer, RegExp][] = [
  ['wrong magic', Buffer.concat([Buffer.from('a1b2c3d5', 'hex'), goodPcap.subarray(4)]), /not a pcap or pcapng file \(magic 0xa1b2c3d5\)/],
  ['unknown pcap version', Buffer.concat([pcapHeader({ major: 3, snaplen: 65_535 }), pcapRecord({ seconds: 1, fraction: 0, data: leak })]), /unsupported pcap version 3\.4/],
  ['unknown pcapng version', Buffer.concat([sectionHeader(LE, { major: 2 }), idb, epb]), /unsupported pcapng version 2\.0/],
  ['pcap caplen 0xFFFFFFF0', pcapFile({ snaplen: 65_535 }, [{ seconds: 1, fraction: 0, data: leak, captured: 0xfffffff0 }]), /captured length 4294967280 exceeds snaplen 65535/],
  ['pcap caplen > len', pcapFile({ snaplen: 65_535 }, [{ seconds: 1, fraction: 0, data: leak, original: 60 }]), /record at offset 24: captured length 69 exceeds original length 60/],
  ['pcapng caplen 0xFFFFFFF0', Buffer.concat([shb, idb, epbWith(20, 0xfffffff0)]), /captured length 4294967280 exceeds snaplen 65535/],
  ['pcapng caplen > len', Buffer.concat([shb, idb, epbWith(24, 10)]), /enhanced packet block at offset 48: captured length 69 exceeds original length 10/],
  ['block length not a multiple of 4', Buffer.concat([shb, idb, epbWith(4, epb.length - 2)]), /enhanced packet block at offset 48: invalid block length 102/],
  ['header and trailer lengths differ', Buffer.concat([shb, idb, epbWith(epb.length - 4, epb.length + 4)]), /enhanced packet block at offset 48: trailing length 108 differs from leading length 104/],
  ['an EPB naming a missing interface', Buffer.concat([shb, idb, epbWith(8, 1)]), /interface 1 not described in this section/],
  ['an SPB before any IDB', Buffer.concat([shb, simplePacket(LE, leak)]), /simple packet block at offset 28: no interface described/],
  [
    'options running past their block',
    Buffer.concat([shb, interfaceDescription(LE, { options: [Buffer.concat([Buffer.from([2, 0]), Buffer.from([64, 0]), Buffer.from('eth0')])] }), epb]),
    /options? (2 )?runs? past the end of the block/,
  ],
  ['a zero-length file', Buffer.alloc(0), /empty file/],
  ['a block before any section header', Buffer.concat([idb, epb]), /not a pcap or pcapng file/],
];

const inconclusive: [string, Buffer, number][] = [
  ['a pcap header and nothing else', pcapHeader({ snaplen: 65_535 }), 0],
  ['a pcapng section header and interface, no packets', Buffer.concat([shb, idb]), 0],
  ['cut inside the pcap file header', goodPcap.subarray(0, 10), 0],
  ['cut inside the pcapng section header', goodPcapng.subarray(0, 2), 0],
  ['cut inside a pcap record header', goodPcap.subarray(0, 24 + 7), 0],
  ['cut inside an EPB', goodPcapng.subarray(0, goodPcapng.length - 9), 0],
  ['gzip cut short inside the header', gzipSync(goodPcap).subarray(0, 12), 0],
];

function fileOf(name: string, bytes: Buffer): string {
  const path = join(scratch, `${name.replace(/[^a-z0-9]+/gi, '-')}.cap`);
  writeFileSync(path, bytes);
  return path;
}

function expectNoCrash(stderr: string): void {
  expect(stderr).not.toMatch(/internal error|\n\s+at |Error:/);
}

describe('malformed captures through the CLI', () => {
  for (const [shape, bytes, reason] of refused) {
    it(`${shape}: exit 2, one line naming the file`, () => {
      const file = fileOf(shape, bytes);
      const result = runDnsleak(['audit', '--json', file]);
      expectNoCrash(result.stderr);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.startsWith(`dnsleak: ${file}: `)).toBe(true);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr.split('\n')).toHaveLength(2);
    });
  }

  for (const [shape, bytes, packets] of inconclusive) {
    it(`${shape}: exit 3 with a report of what was seen`, () => {
      const result = runDnsleak(['audit', '--json', fileOf(shape, bytes)]);
      expectNoCrash(result.stderr);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(3);
      const report = JSON.parse(result.stdout);
      expect(report.verdict).toBe('inconclusive');
      expect(report.totals.packets).toBe(packets);
    });
  }

  it('sections that change byte order are read, each in its own order', () => {
    const bigEndian = Buffer.concat([sectionHeader(false), interfaceDescription(false, { snaplen: 65_535 }), enhancedPacket(false, { data: leak })]);
    const result = runDnsleak(['audit', '--json', fileOf('byte-order', Buffer.concat([goodPcapng, bigEndian, goodPcapng]))]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).totals).toMatchObject({ packets: 3, leakedQueries: 3, truncated: false });
  });

  it('an unknown block, streamed past, is still refused when its trailer disagrees', () => {
    const unknown = block(0x0bad, Buffer.concat([u32(1, LE), option(1, Buffer.from('x'), LE)]), LE, { trailing: 4 });
    const result = runDnsleak(['audit', '--json', fileOf('unknown-block', Buffer.concat([goodPcapng, unknown]))]);
    expectNoCrash(result.stderr);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/block at offset 152: trailing length 4 differs from leading length 24/);
  });
});
