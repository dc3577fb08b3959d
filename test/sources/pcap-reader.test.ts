import { describe, expect, it } from 'vitest';
import { CaptureFileError } from '../../src/errors.js';
import { createCaptureReader } from '../../src/sources/capture-reader.js';
import { packetBytes, pcapFile, type PcapRecord } from './capture-bytes.js';
import { collectFrames, seen } from './collect-frames.js';

function readAll(file: Buffer) {
  const sink = collectFrames();
  const reader = createCaptureReader(sink);
  reader.push(file);
  return { sink, end: reader.end() };
}

function readError(file: Buffer): CaptureFileError {
  try {
    readAll(file);
  } catch (error) {
    if (error instanceof CaptureFileError) return error;
    throw error;
  }
  throw new Error('no error');
}

const records: PcapRecord[] = [
  { seconds: 1700000000, fraction: 123456, data: packetBytes(60, 1) },
  { seconds: 1700000001, fraction: 999999, data: packetBytes(42, 7), original: 1514 },
];

describe('classic pcap', () => {
  for (const littleEndian of [true, false]) {
    const order = littleEndian ? 'little-endian' : 'big-endian';

    it(`reads microsecond records written ${order}`, () => {
      const { sink, end } = readAll(pcapFile({ littleEndian }, records));
      expect(end).toEqual({ truncated: false });
      expect(sink.interfaces).toEqual([
        { id: 0, description: { name: null, linkType: 1, snaplen: 65535, loopback: false } },
      ]);
      expect(sink.frames).toEqual([
        seen(0, 1700000000, 123456000, packetBytes(60, 1)),
        seen(0, 1700000001, 999999000, packetBytes(42, 7), 1514),
      ]);
    });

    it(`reads nanosecond records written ${order}`, () => {
      const file = pcapFile({ littleEndian, nanoseconds: true }, [
        { seconds: 1700000000, fraction: 999999999, data: packetBytes(20, 3) },
      ]);
      const { sink } = readAll(file);
      expect(sink.frames.map((f) => [f.tsSec, f.tsNsec])).toEqual([[1700000000, 999999999]]);
    });
  }

  it('takes the link type from the low 16 bits of the network field', () => {
    const { sink } = readAll(pcapFile({ network: 0x14000071 }, []));
    expect(sink.interfaces[0].description.linkType).toBe(113);
  });

  it('reads snaplen 0 as 262144 and accepts records up to it', () => {
    const { sink } = readAll(pcapFile({ snaplen: 0 }, [{ seconds: 1, fraction: 0, data: packetBytes(70000, 0) }]));
    expect(sink.interfaces[0].description.snaplen).toBe(262144);
    expect(sink.frames.map((f) => f.bytes.length / 2)).toEqual([70000]);
  });

  it('carries a sub-second field of a second or more into the seconds', () => {
    const { sink } = readAll(pcapFile({}, [{ seconds: 10, fraction: 2500000, data: packetBytes(1, 0) }]));
    expect(sink.frames.map((f) => [f.tsSec, f.tsNsec])).toEqual([[12, 500000000]]);
  });

  it('delivers a zero-length record', () => {
    const { sink } = readAll(pcapFile({}, [{ seconds: 5, fraction: 0, data: Buffer.alloc(0), original: 0 }]));
    expect(sink.frames).toEqual([seen(0, 5, 0, Buffer.alloc(0))]);
  });

  it('a header alone is a complete, empty capture', () => {
    const { sink, end } = readAll(pcapFile({}, []));
    expect(end).toEqual({ truncated: false });
    expect(sink.frames).toEqual([]);
  });

  it('rejects a major version other than 2', () => {
    const error = readError(pcapFile({ major: 3 }, []));
    expect(error.message).toBe('file header: unsupported pcap version 3.4');
    expect(error.offset).toBe(0);
  });

  it('rejects a captured length over the snaplen, naming the record offset', () => {
    const file = pcapFile({ snaplen: 65535 }, [records[0], { seconds: 1, fraction: 0, data: packetBytes(70000, 0) }]);
    const error = readError(file);
    expect(error.message).toBe('record at offset 100: captured length 70000 exceeds snaplen 65535');
    expect(error.offset).toBe(100);
  });

  it('rejects a captured length over 262144 whatever the snaplen', () => {
    const record = { seconds: 1, fraction: 0, data: Buffer.alloc(0), captured: 262145, original: 300000 };
    const file = pcapFile({ snaplen: 0xffffffff }, [record]);
    const error = readError(file);
    expect(error.message).toBe('record at offset 24: captured length 262145 exceeds maximum 262144');
    expect(error.offset).toBe(24);
  });

  it('rejects a captured length over the original length', () => {
    const error = readError(pcapFile({}, [{ seconds: 1, fraction: 0, data: packetBytes(61, 0), original: 60 }]));
    expect(error.message).toBe('record at offset 24: captured length 61 exceeds original length 60');
  });

  it('detects the bad length from the header alone, before the record body arrives', () => {
    const sink = collectFrames();
    const reader = createCaptureReader(sink);
    const file = pcapFile({}, [{ seconds: 1, fraction: 0, data: Buffer.alloc(0), captured: 0xffffffff }]);
    expect(() => reader.push(file)).toThrow('record at offset 24: captured length 4294967295 exceeds snaplen 65535');
    // The reader stays failed rather than resynchronising on garbage.
    expect(() => reader.push(Buffer.alloc(16))).toThrow('record at offset 24');
    expect(() => reader.end()).toThrow('record at offset 24');
  });
});
