// Cross-checks the classic pcap reader against an independent implementation (pcap-parser) on every
// classic pcap capture under fixtures/, plain or gzip-compressed.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../src/sources/capture-file.js';
import { collectFrames } from './collect-frames.js';

const pcapParser = createRequire(import.meta.url)('pcap-parser') as {
  parse(input: string | Readable): NodeJS.EventEmitter;
};

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'fixtures');

interface Packet {
  seconds: number;
  microseconds: number;
  originalLength: number;
  bytes: string;
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (e.isDirectory()) return filesUnder(join(dir, e.name));
    return e.isFile() ? [join(dir, e.name)] : [];
  });
}

/** The capture bytes of a file (inflated when gzip), or null when the file cannot be one. */
function captureBytes(path: string): Buffer | null {
  const raw = readFileSync(path);
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch {
      return null;
    }
  }
  return raw;
}

const MICROSECOND_MAGICS = ['a1b2c3d4', 'd4c3b2a1'];
const NANOSECOND_MAGICS = ['a1b23c4d', '4d3cb2a1'];

const comparable: string[] = [];
const skipped: string[] = [];
for (const path of filesUnder(fixtures)) {
  const bytes = captureBytes(path);
  const magic = bytes !== null && bytes.length >= 4 ? bytes.toString('hex', 0, 4) : '';
  if (MICROSECOND_MAGICS.includes(magic)) comparable.push(path);
  else if (NANOSECOND_MAGICS.includes(magic)) skipped.push(path);
}

function parseWithPcapParser(path: string): Promise<Packet[]> {
  return new Promise((resolve, reject) => {
    const packets: Packet[] = [];
    const parser = pcapParser.parse(Readable.from([captureBytes(path) as Buffer]));
    parser.on('packet', (packet: { header: Record<string, number>; data: Buffer }) => {
      packets.push({
        seconds: packet.header.timestampSeconds,
        microseconds: packet.header.timestampMicroseconds,
        originalLength: packet.header.originalLength,
        bytes: packet.data.toString('hex'),
      });
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(packets));
  });
}

async function readWithOurs(path: string): Promise<Packet[]> {
  const sink = collectFrames();
  // A deliberately cut fixture is compared too: both readers stop at the last complete record.
  await readCaptureFile(path, sink);
  return sink.frames.map((f) => ({
    seconds: f.tsSec,
    microseconds: f.tsNsec / 1000,
    originalLength: f.originalLength,
    bytes: f.bytes,
  }));
}

describe('classic pcap reader against pcap-parser', () => {
  it('has classic pcap fixtures to compare', () => {
    for (const path of skipped) {
      console.log(`skipping ${relative(root, path)}: nanosecond timestamps, which pcap-parser cannot read`);
    }
    if (comparable.length === 0 && skipped.length === 0) throw new Error('no classic pcap fixtures found');
    if (comparable.length === 0) throw new Error('no classic pcap fixtures found that pcap-parser can read');
  });

  for (const path of comparable) {
    it(`${relative(root, path)}: same packets, bytes and timestamps`, async () => {
      const [theirs, ours] = await Promise.all([parseWithPcapParser(path), readWithOurs(path)]);
      expect(ours.length).toBe(theirs.length);
      expect(ours).toEqual(theirs);
    });
  }
});
