import { describe, expect, it } from 'vitest';
import { CaptureFileError } from '../../src/errors.js';
import { createCaptureReader } from '../../src/sources/capture-reader.js';
import {
  block,
  enhancedPacket,
  interfaceDescription,
  obsoletePacket,
  option,
  packetBytes,
  pcapFile,
  sectionHeader,
  simplePacket,
  u32,
} from './capture-bytes.js';
import { collectFrames } from './collect-frames.js';

function read(chunks: Buffer[]) {
  const sink = collectFrames();
  const reader = createCaptureReader(sink);
  for (const chunk of chunks) reader.push(chunk);
  return { sink, end: reader.end() };
}

function bytewise(file: Buffer): Buffer[] {
  return Array.from({ length: file.length }, (_, i) => file.subarray(i, i + 1));
}

const pcap = pcapFile({ littleEndian: false, nanoseconds: true }, [
  { seconds: 1, fraction: 2, data: packetBytes(60, 0) },
  { seconds: 3, fraction: 4, data: packetBytes(0, 0) },
  { seconds: 5, fraction: 6, data: packetBytes(7, 1), original: 70 },
]);
const pcapBoundaries = [24, 24 + 76, 24 + 76 + 16, pcap.length];

const pcapngBlocks = [
  sectionHeader(true),
  interfaceDescription(true, { options: [option(2, Buffer.from('eth0'), true)] }),
  enhancedPacket(true, { high: 1, low: 2, data: packetBytes(13, 3), options: [option(2, u32(1, true), true)] }),
  block(0xbad, packetBytes(40, 0), true),
  sectionHeader(false),
  interfaceDescription(false, { options: [option(9, Buffer.from([9]), false)] }),
  simplePacket(false, packetBytes(20, 4)),
  obsoletePacket(false, { high: 7, low: 8, data: packetBytes(6, 5) }),
];
const pcapng = Buffer.concat(pcapngBlocks);
const pcapngBoundaries = pcapngBlocks.map((_, i) => Buffer.concat(pcapngBlocks.slice(0, i + 1)).length);

describe('capture reader', () => {
  it('reads classic pcap and pcapng through the same entry point', () => {
    expect(read([pcap]).sink.frames.length).toBe(3);
    expect(read([pcapng]).sink.frames.map((f) => f.interfaceId)).toEqual([0, 1, 1]);
  });

  it('refuses an empty input', () => {
    const reader = createCaptureReader(collectFrames());
    reader.push(Buffer.alloc(0));
    expect(() => reader.end()).toThrow(new CaptureFileError('empty file', 0));
  });

  it('refuses input that is neither format, showing its first four bytes', () => {
    const reader = createCaptureReader(collectFrames());
    reader.push(Buffer.from('GE'));
    let error: unknown;
    try {
      reader.push(Buffer.from('T / HTTP/1.1'));
    } catch (e) {
      error = e;
    }
    expect(error).toEqual(new CaptureFileError('not a pcap or pcapng file (magic 0x47455420)', 0));
    expect((error as CaptureFileError).offset).toBe(0);
  });

  it('treats fewer than four bytes as truncated when they start a known magic, else as not a capture', () => {
    expect(read([Buffer.from([0xd4, 0xc3])]).end).toEqual({ truncated: true });
    expect(read([Buffer.from([0x0a])]).end).toEqual({ truncated: true });
    expect(() => read([Buffer.from([0x7f, 0x45, 0x4c])])).toThrow('not a pcap or pcapng file (magic 0x7f454c)');
  });

  for (const [format, file, boundaries] of [
    ['classic pcap', pcap, pcapBoundaries],
    ['pcapng', pcapng, pcapngBoundaries],
  ] as const) {
    it(`${format}: one byte at a time gives the same frames as one chunk`, () => {
      const whole = read([file]);
      const byByte = read(bytewise(file));
      expect(byByte.sink.frames).toEqual(whole.sink.frames);
      expect(byByte.sink.interfaces).toEqual(whole.sink.interfaces);
      expect(byByte.end).toEqual({ truncated: false });
    });

    it(`${format}: every split into two chunks gives the same frames`, () => {
      const whole = read([file]).sink.frames;
      for (let cut = 0; cut <= file.length; cut++) {
        expect(read([file.subarray(0, cut), file.subarray(cut)]).sink.frames).toEqual(whole);
      }
    });

    it(`${format}: a cut at any byte delivers a prefix of the frames and reports truncation exactly`, () => {
      const whole = read([file]).sink.frames;
      for (let cut = 1; cut < file.length; cut++) {
        const { sink, end } = read([file.subarray(0, cut)]);
        expect(sink.frames).toEqual(whole.slice(0, sink.frames.length));
        expect(end).toEqual({ truncated: !boundaries.includes(cut) });
      }
    });
  }

  it('a cut inside a block that is streamed past is truncated', () => {
    const big = Buffer.concat([sectionHeader(true), block(0xbad, packetBytes(1000, 0), true)]);
    expect(read([big.subarray(0, 500)]).end).toEqual({ truncated: true });
    expect(read([big.subarray(0, big.length - 2)]).end).toEqual({ truncated: true });
    expect(read([big]).end).toEqual({ truncated: false });
  });

  it('a corrupt byte anywhere is read or refused with a CaptureFileError, never another error', () => {
    for (const file of [pcap, pcapng]) {
      for (let at = 0; at < file.length; at++) {
        for (const value of [0x00, 0xff, file[at] ^ 0x80]) {
          const corrupt = Buffer.from(file);
          corrupt[at] = value;
          try {
            read([corrupt]);
          } catch (error) {
            expect(error).toBeInstanceOf(CaptureFileError);
          }
        }
      }
    }
  });

  it('random bytes behind each magic, in random chunks, end or fail only with a CaptureFileError', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const starts = [pcapFile({}, []), pcapFile({ littleEndian: false }, []), sectionHeader(true), sectionHeader(false)];
    for (let round = 0; round < 4000; round++) {
      const start = starts[round % starts.length];
      const tail = Buffer.from(Array.from({ length: random(300) }, () => (random(4) === 0 ? random(256) : random(8))));
      const file = Buffer.concat([start.subarray(0, 4 + random(start.length - 3)), tail]);
      const chunks: Buffer[] = [];
      for (let at = 0; at < file.length; ) {
        const size = 1 + random(64);
        chunks.push(file.subarray(at, at + size));
        at += size;
      }
      try {
        read(chunks);
      } catch (error) {
        expect(error).toBeInstanceOf(CaptureFileError);
      }
    }
  });
});
