import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Direction } from '../../src/frame.js';
import {
  encodeEnhancedPacket,
  encodeInterfaceDescription,
  encodeSectionHeader,
  enhancedPacketLength,
  writeEnhancedPacket,
} from '../../src/write/pcapng-writer.js';
import { tsharkFields } from './tshark.js';

describe('encodeSectionHeader', () => {
  it('writes a 28-byte little-endian SHB with unknown section length', () => {
    expect(encodeSectionHeader().toString('hex')).toBe('0a0d0d0a' + '1c000000' + '4d3c2b1a' + '0100' + '0000' + 'ff'.repeat(8) + '1c000000');
  });

  it('writes big-endian with shb_userappl padded to 4 bytes and an end-of-options marker', () => {
    const shb = encodeSectionHeader({ bigEndian: true, application: 'abcde' });
    expect(shb.toString('hex')).toBe(
      '0a0d0d0a' + '0000002c' + '1a2b3c4d' + '0001' + '0000' + 'ff'.repeat(8) + '0004' + '0005' + '6162636465000000' + '00000000' + '0000002c',
    );
  });
});

describe('encodeInterfaceDescription', () => {
  it('writes if_name and if_tsresol 9 by default', () => {
    const idb = encodeInterfaceDescription({ linkType: 1, snaplen: 262144, name: 'eth0' });
    expect(idb.toString('hex')).toBe(
      '01000000' + '28000000' + '0100' + '0000' + '00000400' + '0200' + '0400' + '65746830' + '0900' + '0100' + '09000000' + '00000000' + '28000000',
    );
  });

  it('omits if_tsresol for microseconds and every option when unnamed', () => {
    expect(encodeInterfaceDescription({ linkType: 101, snaplen: 65535, tsresol: 6 }).toString('hex')).toBe(
      '01000000' + '14000000' + '6500' + '0000' + 'ffff0000' + '14000000',
    );
  });

  it('refuses resolutions it cannot convert exactly', () => {
    expect(() => encodeInterfaceDescription({ linkType: 1, snaplen: 1, tsresol: 10 })).toThrow(RangeError);
    expect(() => encodeInterfaceDescription({ linkType: 1, snaplen: 1, tsresol: 0x86 })).toThrow(RangeError);
  });
});

describe('encodeEnhancedPacket', () => {
  const units = (block: Buffer, bigEndian = false) =>
    bigEndian
      ? (BigInt(block.readUInt32BE(12)) << 32n) | BigInt(block.readUInt32BE(16))
      : (BigInt(block.readUInt32LE(12)) << 32n) | BigInt(block.readUInt32LE(16));

  it.each([1, 2, 3, 4, 5])('pads %i packet bytes to 4 and repeats the total length at the end', (length) => {
    const block = encodeEnhancedPacket({ interfaceId: 3, tsSec: 0, tsNsec: 0, packet: Buffer.alloc(length, 0xab) });
    const total = 32 + Math.ceil(length / 4) * 4;
    expect(block.length).toBe(total);
    expect(block.readUInt32LE(0)).toBe(6);
    expect(block.readUInt32LE(4)).toBe(total);
    expect(block.readUInt32LE(8)).toBe(3);
    expect(block.readUInt32LE(20)).toBe(length);
    expect(block.readUInt32LE(24)).toBe(length);
    expect(block.readUInt32LE(total - 4)).toBe(total);
    expect(block.subarray(28 + length, total - 4).every((byte) => byte === 0)).toBe(true);
  });

  it('counts 64-bit timestamp units exactly in the interface resolution', () => {
    const packet = Buffer.alloc(1);
    expect(units(encodeEnhancedPacket({ interfaceId: 0, tsSec: 1_700_000_000, tsNsec: 123_456_789, packet }))).toBe(1_700_000_000_123_456_789n);
    expect(units(encodeEnhancedPacket({ interfaceId: 0, tsSec: 1_700_000_000, tsNsec: 123_456_789, packet, tsresol: 6 }))).toBe(1_700_000_000_123_456n);
    expect(units(encodeEnhancedPacket({ interfaceId: 0, tsSec: 0xffffffff, tsNsec: 999_999_999, packet, bigEndian: true }), true)).toBe(
      4_294_967_295_999_999_999n,
    );
    expect(units(encodeEnhancedPacket({ interfaceId: 0, tsSec: 65_536, tsNsec: 1, packet, tsresol: 0 }))).toBe(65_536n);
  });

  it('records direction as epb_flags bits 0-1', () => {
    const inbound = encodeEnhancedPacket({ interfaceId: 0, tsSec: 0, tsNsec: 0, packet: Buffer.alloc(4), direction: Direction.Inbound });
    expect(inbound.length).toBe(enhancedPacketLength(4, Direction.Inbound));
    expect(inbound.subarray(32, 44).toString('hex')).toBe('0200' + '0400' + '01000000' + '00000000');
    const outbound = encodeEnhancedPacket({ interfaceId: 0, tsSec: 0, tsNsec: 0, packet: Buffer.alloc(4), direction: Direction.Outbound, bigEndian: true });
    expect(outbound.subarray(32, 44).toString('hex')).toBe('0002' + '0004' + '00000002' + '00000000');
    expect(outbound.readUInt32BE(outbound.length - 4)).toBe(48);
  });

  it('writes into a caller buffer at an offset and returns the offset past the block', () => {
    const target = Buffer.alloc(100, 0xee);
    expect(writeEnhancedPacket(target, 8, { interfaceId: 0, tsSec: 1, tsNsec: 0, packet: Buffer.alloc(3, 1) })).toBe(8 + 36);
    expect(target[7]).toBe(0xee);
    expect(target.readUInt32LE(8 + 32)).toBe(36);
    expect(target[8 + 36]).toBe(0xee);
  });

  it('refuses a captured length above the original length', () => {
    expect(() => encodeEnhancedPacket({ interfaceId: 0, tsSec: 0, tsNsec: 0, packet: Buffer.alloc(8), originalLength: 7 })).toThrow(RangeError);
  });
});

describe('files tshark reads back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcapng-writer-'));
  const frame = Buffer.from('ffffffffffff' + '020000000001' + '0806' + '00'.repeat(45), 'hex'); // 59 bytes: needs padding
  const ipv4 = Buffer.from('4500001c000040004011' + '0000' + 'c0000201' + 'c0000202' + '0035003500080000', 'hex');

  it.each([false, true])('bigEndian %s: interface names, resolutions, timestamps, lengths and directions', (bigEndian) => {
    const file = join(dir, `two-interfaces-${bigEndian}.pcapng`);
    writeFileSync(
      file,
      Buffer.concat([
        encodeSectionHeader({ bigEndian, application: 'test' }),
        encodeInterfaceDescription({ bigEndian, linkType: 1, snaplen: 262144, name: 'eth0' }),
        encodeInterfaceDescription({ bigEndian, linkType: 101, snaplen: 262144, name: 'tun0', tsresol: 6 }),
        encodeEnhancedPacket({ bigEndian, interfaceId: 0, tsSec: 1_700_000_000, tsNsec: 123_456_789, packet: frame, direction: Direction.Outbound }),
        encodeEnhancedPacket({ bigEndian, interfaceId: 1, tsSec: 1_700_000_001, tsNsec: 987_654_321, packet: ipv4, tsresol: 6, direction: Direction.Inbound }),
        encodeEnhancedPacket({ bigEndian, interfaceId: 0, tsSec: 1_700_000_002, tsNsec: 5, packet: frame.subarray(0, 14), originalLength: 1514 }),
      ]),
    );
    expect(tsharkFields(file, ['frame.interface_name', 'frame.time_epoch', 'frame.cap_len', 'frame.len', 'frame.packet_flags_direction', 'frame.protocols'])).toEqual([
      ['eth0', '1700000000.123456789', '59', '59', '0x00000002', 'eth:ethertype:arp'],
      ['tun0', '1700000001.987654000', '28', '28', '0x00000001', 'raw:ip:udp'],
      ['eth0', '1700000002.000000005', '14', '1514', '', 'eth:ethertype:arp'],
    ]);
  });
});
