import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePcapHeader, encodePcapRecord, writePcapRecordHeader } from '../../src/write/pcap-writer.js';
import { tsharkFields } from './tshark.js';

describe('encodePcapHeader', () => {
  it('writes the little-endian microsecond header libpcap writes on x86', () => {
    expect(encodePcapHeader({ linkType: 1, snaplen: 262144 }).toString('hex')).toBe(
      'd4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + '00000400' + '01000000',
    );
  });

  it('writes the nanosecond magic in big-endian order', () => {
    expect(encodePcapHeader({ linkType: 276, snaplen: 65535, nanosecond: true, bigEndian: true }).toString('hex')).toBe(
      'a1b23c4d' + '0002' + '0004' + '00000000' + '00000000' + '0000ffff' + '00000114',
    );
  });
});

describe('encodePcapRecord', () => {
  it('truncates nanoseconds to microseconds and keeps the original length', () => {
    const record = encodePcapRecord(1_700_000_000, 123_456_789, Buffer.from([1, 2, 3]), 1500);
    expect(record.length).toBe(19);
    expect(record.readUInt32LE(0)).toBe(1_700_000_000);
    expect(record.readUInt32LE(4)).toBe(123_456);
    expect(record.readUInt32LE(8)).toBe(3);
    expect(record.readUInt32LE(12)).toBe(1500);
    expect([...record.subarray(16)]).toEqual([1, 2, 3]);
  });

  it('writes nanoseconds big-endian when asked', () => {
    const record = encodePcapRecord(7, 999_999_999, Buffer.alloc(2), undefined, { nanosecond: true, bigEndian: true });
    expect(record.subarray(0, 16).toString('hex')).toBe('00000007' + '3b9ac9ff' + '00000002' + '00000002');
  });

  it('fills a caller buffer in place and returns the next offset', () => {
    const target = Buffer.alloc(40, 0xee);
    expect(writePcapRecordHeader(target, 4, 1, 2000, 10, 10)).toBe(20);
    expect(target.subarray(4, 20).toString('hex')).toBe('01000000' + '02000000' + '0a000000' + '0a000000');
    expect(target[3]).toBe(0xee);
    expect(target[20]).toBe(0xee);
  });

  it('refuses timestamps and lengths the fields cannot hold', () => {
    expect(() => encodePcapRecord(2 ** 32, 0, Buffer.alloc(1))).toThrow(RangeError);
    expect(() => encodePcapRecord(0, 1e9, Buffer.alloc(1))).toThrow(RangeError);
    expect(() => encodePcapRecord(0, -1, Buffer.alloc(1))).toThrow(RangeError);
    expect(() => encodePcapRecord(0, 0, Buffer.alloc(10), 9)).toThrow(RangeError);
  });
});

describe('files tshark reads back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcap-writer-'));
  const frame = Buffer.from('ffffffffffff' + '020000000001' + '0806' + '00'.repeat(46), 'hex'); // a 60-byte frame, ethertype ARP

  it.each([
    { name: 'le-us', options: {}, times: ['1700000000.123456000', '1700000001.000001000'] },
    { name: 'be-ns', options: { bigEndian: true, nanosecond: true }, times: ['1700000000.123456789', '1700000001.000001001'] },
  ])('$name: packet count, timestamps, captured and original lengths', ({ name, options, times }) => {
    const file = join(dir, `${name}.pcap`);
    writeFileSync(
      file,
      Buffer.concat([
        encodePcapHeader({ linkType: 1, snaplen: 262144, ...options }),
        encodePcapRecord(1_700_000_000, 123_456_789, frame, undefined, options),
        encodePcapRecord(1_700_000_001, 1_001, frame.subarray(0, 42), 60, options),
      ]),
    );
    expect(tsharkFields(file, ['frame.number', 'frame.time_epoch', 'frame.cap_len', 'frame.len'])).toEqual([
      ['1', times[0], '60', '60'],
      ['2', times[1], '42', '60'],
    ]);
  });
});
