import { describe, expect, it } from 'vitest';
import { CaptureFileError } from '../../src/errors.js';
import { createCaptureReader } from '../../src/sources/capture-reader.js';
import { createPcapngReader } from '../../src/sources/pcapng-reader.js';
import {
  block,
  endOfOptions,
  enhancedPacket,
  interfaceDescription,
  obsoletePacket,
  option,
  packetBytes,
  sectionHeader,
  simplePacket,
  u32,
} from './capture-bytes.js';
import { collectFrames, seen } from './collect-frames.js';

function readAll(...blocks: Buffer[]) {
  const sink = collectFrames();
  const reader = createCaptureReader(sink);
  reader.push(Buffer.concat(blocks));
  return { sink, end: reader.end() };
}

function readError(...blocks: Buffer[]): CaptureFileError {
  try {
    readAll(...blocks);
  } catch (error) {
    if (error instanceof CaptureFileError) return error;
    throw error;
  }
  throw new Error('no error');
}

function split64(value: bigint): { high: number; low: number } {
  return { high: Number(value >> 32n), low: Number(value & 0xffffffffn) };
}

const LE = true;
const BE = false;
const name = (text: string, le: boolean) => option(2, Buffer.from(text), le);
const tsresol = (value: number, le: boolean) => option(9, Buffer.from([value]), le);
const flags = (value: number, le: boolean) => option(2, u32(value, le), le);

describe('pcapng sections and interfaces', () => {
  it('reads two sections of different byte order, numbering interfaces across the file', () => {
    const nanos = split64(1700000000_123456789n);
    const { sink, end } = readAll(
      sectionHeader(LE),
      interfaceDescription(LE, { linkType: 1, snaplen: 65535, options: [name('eth0', LE), endOfOptions()] }),
      enhancedPacket(LE, { ...split64(1700000000_654321n), data: packetBytes(60, 1) }),
      sectionHeader(BE),
      interfaceDescription(BE, { linkType: 772, options: [name('lo\0', BE), tsresol(9, BE)] }),
      interfaceDescription(BE, { linkType: 276 }),
      enhancedPacket(BE, { interfaceId: 1, ...split64(1700000002_000001n), data: packetBytes(40, 2), original: 1500 }),
      enhancedPacket(BE, { interfaceId: 0, ...nanos, data: packetBytes(33, 3) }),
    );
    expect(end).toEqual({ truncated: false });
    expect(sink.interfaces).toEqual([
      { id: 0, description: { name: 'eth0', linkType: 1, snaplen: 65535, loopback: false } },
      { id: 1, description: { name: 'lo', linkType: 772, snaplen: 262144, loopback: true } },
      { id: 2, description: { name: null, linkType: 276, snaplen: 262144, loopback: false } },
    ]);
    expect(sink.frames).toEqual([
      seen(0, 1700000000, 654321000, packetBytes(60, 1)),
      seen(2, 1700000002, 1000, packetBytes(40, 2), 1500),
      seen(1, 1700000000, 123456789, packetBytes(33, 3)),
    ]);
  });

  it('converts a power-of-2 resolution exactly', () => {
    // 2^-20 s units: 1700000000 s and 3/4 of a second, plus one unit (10^9 / 2^20 = 953.67 ns).
    const units = (1700000000n << 20n) + 786432n + 1n;
    const { sink } = readAll(
      sectionHeader(LE),
      interfaceDescription(LE, { options: [tsresol(0x80 | 20, LE)] }),
      enhancedPacket(LE, { ...split64(units), data: packetBytes(4, 0) }),
    );
    expect(sink.frames.map((f) => [f.tsSec, f.tsNsec])).toEqual([[1700000000, 750000953]]);
  });

  it('maps epb_flags direction bits, ignoring the other flag bits', () => {
    const packet = (flagsValue: number | null) => {
      const options = flagsValue === null ? [] : [flags(flagsValue, LE), endOfOptions()];
      return enhancedPacket(LE, { data: packetBytes(8, 0), options });
    };
    const { sink } = readAll(
      sectionHeader(LE),
      interfaceDescription(LE),
      packet(1),
      packet(2),
      packet(3),
      packet(0),
      packet(null),
      packet(0x01000006),
    );
    expect(sink.frames.map((f) => f.direction)).toEqual([1, 2, 0, 0, 0, 2]);
  });

  it('finds epb_flags after other options', () => {
    const { sink } = readAll(
      sectionHeader(BE),
      interfaceDescription(BE),
      enhancedPacket(BE, { data: packetBytes(5, 0), options: [option(1, Buffer.from('comment'), BE), flags(1, BE)] }),
    );
    expect(sink.frames.map((f) => f.direction)).toEqual([1]);
  });

  it('reads simple packets on interface 0 of the section, captured = min(original, snaplen, body)', () => {
    const { sink } = readAll(
      sectionHeader(LE),
      interfaceDescription(LE, { snaplen: 0 }),
      sectionHeader(LE),
      interfaceDescription(LE, { snaplen: 40 }),
      simplePacket(LE, packetBytes(60, 0), 100),
      simplePacket(LE, packetBytes(30, 5), 30),
      simplePacket(LE, packetBytes(20, 9), 1514),
    );
    expect(sink.frames).toEqual([
      seen(1, 0, 0, packetBytes(40, 0), 100),
      seen(1, 0, 0, packetBytes(30, 5), 30),
      seen(1, 0, 0, packetBytes(20, 9), 1514),
    ]);
  });

  it('reads obsolete packet blocks with their 16-bit interface id and flags', () => {
    const { sink } = readAll(
      sectionHeader(BE),
      interfaceDescription(BE),
      interfaceDescription(BE),
      obsoletePacket(BE, { interfaceId: 1, ...split64(5_000007n), data: packetBytes(14, 4), options: [flags(2, BE)] }),
    );
    expect(sink.frames).toEqual([seen(1, 5, 7000, packetBytes(14, 4), 14, 2)]);
  });

  it('skips unknown blocks of any size, including ones larger than any packet block', () => {
    const sink = collectFrames();
    const reader = createCaptureReader(sink);
    const file = Buffer.concat([
      sectionHeader(LE),
      block(0x00000bad, Buffer.alloc(0), LE),
      interfaceDescription(LE),
      block(5, packetBytes(4, 0), LE),
      block(0x40000001, packetBytes(1 << 20, 0), LE),
      enhancedPacket(LE, { data: packetBytes(9, 9) }),
      block(4, packetBytes(100, 0), LE),
    ]);
    for (let at = 0; at < file.length; at += 4096) reader.push(file.subarray(at, at + 4096));
    expect(reader.end()).toEqual({ truncated: false });
    expect(sink.frames.map((f) => f.bytes)).toEqual([packetBytes(9, 9).toString('hex')]);
  });
});

describe('pcapng errors', () => {
  const shb = sectionHeader(LE);
  const idb = interfaceDescription(LE, { snaplen: 1000 });
  const afterHeader = shb.length + idb.length;

  it('rejects a packet naming an interface its section did not describe', () => {
    const first = [shb, idb, sectionHeader(LE)];
    const at = first.reduce((n, b) => n + b.length, 0);
    const error = readError(...first, enhancedPacket(LE, { data: packetBytes(4, 0) }));
    expect(error.message).toBe(`enhanced packet block at offset ${at}: interface 0 not described in this section`);
    expect(error.offset).toBe(at);
  });

  it('rejects an obsolete packet block naming an undescribed interface', () => {
    const error = readError(shb, idb, obsoletePacket(LE, { interfaceId: 1, data: packetBytes(4, 0) }));
    expect(error.message).toBe(`packet block at offset ${afterHeader}: interface 1 not described in this section`);
  });

  it('rejects a simple packet before any interface', () => {
    const error = readError(shb, simplePacket(LE, packetBytes(4, 0)));
    expect(error.message).toBe(`simple packet block at offset ${shb.length}: no interface described in this section`);
    expect(error.offset).toBe(shb.length);
  });

  it('rejects an interface option running past the end of its block', () => {
    const bad = interfaceDescription(LE, { options: [name('eth0', LE)] });
    bad.writeUInt16LE(9, 18); // if_name length 9 where 4 bytes (plus 4 of trailer) remain
    const error = readError(shb, bad);
    expect(error.message).toBe(
      `interface description block at offset ${shb.length}: option 2 runs past the end of the block`,
    );
  });

  it('rejects a packet option running past the end of its block', () => {
    const bad = enhancedPacket(LE, { data: packetBytes(4, 0), options: [flags(1, LE)] });
    bad.writeUInt16LE(8, 34); // epb_flags length 8 where 4 bytes remain
    const error = readError(shb, idb, bad);
    expect(error.message).toBe(
      `enhanced packet block at offset ${afterHeader}: option 2 runs past the end of the block`,
    );
  });

  it('rejects an if_tsresol that is not one byte', () => {
    const error = readError(shb, interfaceDescription(LE, { options: [option(9, Buffer.from([6, 0]), LE)] }));
    expect(error.message).toBe(`interface description block at offset ${shb.length}: if_tsresol is not 1 byte`);
  });

  const capturedCases: [string, Buffer, string][] = [
    [
      'the original length',
      enhancedPacket(LE, { data: packetBytes(61, 0), original: 60 }),
      'captured length 61 exceeds original length 60',
    ],
    [
      'the snaplen',
      enhancedPacket(LE, { data: packetBytes(1001, 0), original: 2000 }),
      'captured length 1001 exceeds snaplen 1000',
    ],
    [
      'the data in the block',
      enhancedPacket(LE, { data: packetBytes(8, 0), captured: 100, original: 100 }),
      'captured length 100 runs past the end of the block',
    ],
  ];
  for (const [what, packet, problem] of capturedCases) {
    it(`rejects a captured length over ${what}`, () => {
      const error = readError(shb, idb, packet);
      expect(error.message).toBe(`enhanced packet block at offset ${afterHeader}: ${problem}`);
      expect(error.offset).toBe(afterHeader);
    });
  }

  it('rejects a captured length over 262144 when the snaplen is unlimited', () => {
    const packet = enhancedPacket(LE, { data: packetBytes(8, 0), captured: 262145, original: 300000 });
    const error = readError(shb, interfaceDescription(LE), packet);
    expect(error.message).toBe(
      `enhanced packet block at offset ${shb.length + 20}: captured length 262145 exceeds maximum 262144`,
    );
  });

  it('rejects an unknown byte-order magic', () => {
    const bad = sectionHeader(LE);
    bad.writeUInt32BE(0x1a2b3c4e, 8);
    const error = readError(bad);
    expect(error.message).toBe('section header block at offset 0: unknown byte-order magic 0x1a2b3c4e');
    expect(error.offset).toBe(0);
  });

  it('rejects a later section with an unknown byte-order magic at its own offset', () => {
    const bad = sectionHeader(BE);
    bad.writeUInt32BE(0xdeadbeef, 8);
    const error = readError(shb, idb, bad);
    expect(error.message).toBe(`section header block at offset ${afterHeader}: unknown byte-order magic 0xdeadbeef`);
  });

  it('rejects a major version other than 1', () => {
    const error = readError(sectionHeader(BE, { major: 2, minor: 1 }));
    expect(error.message).toBe('section header block at offset 0: unsupported pcapng version 2.1');
  });

  it('rejects a block length under 12 or not a multiple of 4', () => {
    expect(readError(shb, block(0xbad, Buffer.alloc(0), LE, { leading: 8 })).message).toBe(
      `block at offset ${shb.length}: invalid block length 8`,
    );
    expect(readError(shb, block(1, Buffer.alloc(8), LE, { leading: 22 })).message).toBe(
      `interface description block at offset ${shb.length}: invalid block length 22`,
    );
  });

  it('rejects a block too short for its type', () => {
    const error = readError(shb, idb, block(6, Buffer.alloc(16), LE));
    expect(error.message).toBe(`enhanced packet block at offset ${afterHeader}: block length 28 is shorter than 32`);
  });

  it('rejects a packet block over 256 KiB + 64 KiB without waiting for its body', () => {
    const sink = collectFrames();
    const reader = createCaptureReader(sink);
    const header = Buffer.concat([u32(6, LE), u32(327684, LE), Buffer.alloc(4)]);
    expect(() => reader.push(Buffer.concat([shb, idb, header]))).toThrow(
      `enhanced packet block at offset ${afterHeader}: block length 327684 exceeds maximum 327680`,
    );
  });

  it('rejects a trailing length that differs from the leading one, for read and skipped blocks', () => {
    expect(readError(shb, block(1, Buffer.alloc(8), LE, { trailing: 24 })).message).toBe(
      `interface description block at offset ${shb.length}: trailing length 24 differs from leading length 20`,
    );
    expect(readError(shb, block(0xbad, Buffer.alloc(100), LE, { trailing: 4 })).message).toBe(
      `block at offset ${shb.length}: trailing length 4 differs from leading length 112`,
    );
  });

  it('rejects a file whose first block is not a section header', () => {
    const reader = createPcapngReader(collectFrames());
    // Before a section header the byte order is unknown, so the block is not named.
    expect(() => reader.push(idb)).toThrow('block at offset 0: file does not start with a section header block');
  });

  it('bounds the interface table of one section', () => {
    const idbs = Buffer.concat(Array.from({ length: 65537 }, () => interfaceDescription(LE)));
    const error = readError(shb, idbs);
    expect(error.message).toBe(
      `interface description block at offset ${shb.length + 65536 * 20}: more than 65536 interfaces in one section`,
    );
  });
});
