// pcapng encoding (draft-ietf-opsawg-pcapng): Section Header, Interface Description and Enhanced Packet
// blocks. The live `watch --write` keeps each interface's name and nanosecond timestamps this way, which
// classic pcap cannot. Pure encoders: the caller owns the file. Every block carries its total length at
// both ends and pads its body to 4 bytes; the byte order is the section's, chosen by the caller.
import { Direction } from '../frame.js';

export const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
export const BLOCK_INTERFACE_DESCRIPTION = 0x00000001;
export const BLOCK_ENHANCED_PACKET = 0x00000006;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const OPTION_END = 0;
const SHB_USER_APPLICATION = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const EPB_FLAGS = 2;
/** An EPB without options: block header, five fixed fields, trailing length. */
const EPB_FIXED_LENGTH = 32;
const EPB_FLAGS_OPTION_LENGTH = 12; // the flags option (8) and the end-of-options marker (4)

export interface ByteOrder {
  /** Big-endian section; little-endian otherwise. Every block of a section must agree. */
  bigEndian?: boolean;
}

export interface SectionHeaderOptions extends ByteOrder {
  /** shb_userappl: the application that wrote the section. */
  application?: string;
}

export interface InterfaceDescriptionOptions extends ByteOrder {
  linkType: number;
  snaplen: number;
  /** if_name; omitted when undefined. */
  name?: string;
  /** Timestamp resolution as a power of ten (if_tsresol): 6 = microseconds, 9 = nanoseconds. Default 9. */
  tsresol?: number;
}

export interface EnhancedPacketOptions extends ByteOrder {
  interfaceId: number;
  tsSec: number;
  /** Nanoseconds within tsSec; written in the interface's resolution. */
  tsNsec: number;
  packet: Buffer;
  originalLength?: number;
  /** Written as epb_flags when inbound or outbound. */
  direction?: Direction;
  /** The resolution its interface announced (if_tsresol); 9 when not given. */
  tsresol?: number;
}

export function encodeSectionHeader(options: SectionHeaderOptions = {}): Buffer {
  const opts: Buffer[] = [];
  if (options.application !== undefined) {
    opts.push(option(SHB_USER_APPLICATION, Buffer.from(options.application, 'utf8'), options));
  }
  const body = Buffer.alloc(16);
  u32(body, options.bigEndian, BYTE_ORDER_MAGIC, 0);
  u16(body, options.bigEndian, 1, 4); // version 1.0
  u16(body, options.bigEndian, 0, 6);
  // Section length -1: unknown, so a writer can stream without seeking back.
  body.fill(0xff, 8, 16);
  return block(BLOCK_SECTION_HEADER, [body, ...withEnd(opts, options)], options);
}

export function encodeInterfaceDescription(options: InterfaceDescriptionOptions): Buffer {
  const tsresol = options.tsresol ?? 9;
  checkResolution(tsresol);
  const body = Buffer.alloc(8);
  u16(body, options.bigEndian, options.linkType, 0);
  u32(body, options.bigEndian, options.snaplen, 4);
  const opts: Buffer[] = [];
  if (options.name !== undefined) opts.push(option(IF_NAME, Buffer.from(options.name, 'utf8'), options));
  // Without if_tsresol readers assume microseconds, so it is written whenever the resolution differs.
  if (tsresol !== 6) opts.push(option(IF_TSRESOL, Buffer.from([tsresol]), options));
  return block(BLOCK_INTERFACE_DESCRIPTION, [body, ...withEnd(opts, options)], options);
}

/** The total length of the EPB that writeEnhancedPacket would write. */
export function enhancedPacketLength(capturedLength: number, direction: Direction = Direction.Unknown): number {
  return EPB_FIXED_LENGTH + pad4(capturedLength) + (direction === Direction.Unknown ? 0 : EPB_FLAGS_OPTION_LENGTH);
}

/** Writes one EPB at `offset` (enhancedPacketLength bytes must be free) and returns the offset past it. */
export function writeEnhancedPacket(target: Buffer, offset: number, options: EnhancedPacketOptions): number {
  const { packet } = options;
  const direction = options.direction ?? Direction.Unknown;
  const originalLength = options.originalLength ?? packet.length;
  const tsresol = options.tsresol ?? 9;
  checkResolution(tsresol);
  if (!Number.isInteger(options.tsSec) || options.tsSec < 0 || options.tsSec > 0xffffffff) {
    throw new RangeError(`timestamp seconds ${options.tsSec} do not fit 32 bits`);
  }
  if (!Number.isInteger(options.tsNsec) || options.tsNsec < 0 || options.tsNsec >= 1e9) {
    throw new RangeError(`timestamp nanoseconds ${options.tsNsec} are not within a second`);
  }
  if (originalLength < packet.length) {
    throw new RangeError(`original length ${originalLength} is below captured length ${packet.length}`);
  }
  const total = enhancedPacketLength(packet.length, direction);
  u32(target, options.bigEndian, BLOCK_ENHANCED_PACKET, offset);
  u32(target, options.bigEndian, total, offset + 4);
  u32(target, options.bigEndian, options.interfaceId, offset + 8);
  writeTimestamp(target, options.bigEndian, offset + 12, options.tsSec, options.tsNsec, tsresol);
  u32(target, options.bigEndian, packet.length, offset + 20);
  u32(target, options.bigEndian, originalLength, offset + 24);
  packet.copy(target, offset + 28);
  let at = offset + 28 + packet.length;
  const padded = offset + 28 + pad4(packet.length);
  target.fill(0, at, padded);
  at = padded;
  if (direction !== Direction.Unknown) {
    u16(target, options.bigEndian, EPB_FLAGS, at);
    u16(target, options.bigEndian, 4, at + 2);
    // Bits 0-1 of epb_flags: 01 inbound, 10 outbound, as Direction numbers them.
    u32(target, options.bigEndian, direction, at + 4);
    u32(target, options.bigEndian, OPTION_END, at + 8); // code 0, length 0
    at += EPB_FLAGS_OPTION_LENGTH;
  }
  u32(target, options.bigEndian, total, at);
  return at + 4;
}

export function encodeEnhancedPacket(options: EnhancedPacketOptions): Buffer {
  const out = Buffer.alloc(enhancedPacketLength(options.packet.length, options.direction));
  writeEnhancedPacket(out, 0, options);
  return out;
}

/**
 * The 64-bit count of 10^-tsresol units since the epoch, as high then low 32-bit words. Computed in
 * 16-bit limbs because tsSec * 10^9 exceeds 2^53 and BigInt would allocate for every packet.
 */
function writeTimestamp(
  target: Buffer,
  bigEndian: boolean | undefined,
  at: number,
  tsSec: number,
  tsNsec: number,
  tsresol: number,
): void {
  const unitsPerSecond = 10 ** tsresol;
  const fraction = Math.floor(tsNsec / 10 ** (9 - tsresol));
  const low = (tsSec % 0x10000) * unitsPerSecond + fraction; // < 2^47, exact
  const high = Math.floor(tsSec / 0x10000) * unitsPerSecond; // < 2^46, exact; scaled by 2^16 below
  const mixed = (high % 0x10000) * 0x10000 + low; // < 2^48, exact
  u32(target, bigEndian, Math.floor(high / 0x10000) + Math.floor(mixed / 0x100000000), at);
  u32(target, bigEndian, mixed % 0x100000000, at + 4);
}

function checkResolution(tsresol: number): void {
  // Binary resolutions (high bit set) and units finer than a nanosecond are valid pcapng but nothing
  // here produces them; refusing them keeps the timestamp arithmetic exact.
  if (!Number.isInteger(tsresol) || tsresol < 0 || tsresol > 9) {
    throw new RangeError(`if_tsresol ${tsresol} is not a power of ten from 0 to 9`);
  }
}

function block(type: number, parts: Buffer[], order: ByteOrder): Buffer {
  const bodyLength = parts.reduce((sum, part) => sum + part.length, 0);
  const total = 12 + bodyLength;
  const out = Buffer.alloc(total);
  u32(out, order.bigEndian, type, 0);
  u32(out, order.bigEndian, total, 4);
  let at = 8;
  for (const part of parts) at += part.copy(out, at);
  u32(out, order.bigEndian, total, at);
  return out;
}

function option(code: number, value: Buffer, order: ByteOrder): Buffer {
  if (value.length > 0xffff) throw new RangeError(`option ${code} value of ${value.length} bytes is too long`);
  const out = Buffer.alloc(4 + pad4(value.length));
  u16(out, order.bigEndian, code, 0);
  u16(out, order.bigEndian, value.length, 2);
  value.copy(out, 4);
  return out;
}

/** Options end with opt_endofopt, and a block without options carries none at all. */
function withEnd(options: Buffer[], order: ByteOrder): Buffer[] {
  return options.length === 0 ? [] : [...options, option(OPTION_END, Buffer.alloc(0), order)];
}

function pad4(length: number): number {
  return (length + 3) & ~3;
}

function u16(target: Buffer, bigEndian: boolean | undefined, value: number, at: number): void {
  if (bigEndian) target.writeUInt16BE(value, at);
  else target.writeUInt16LE(value, at);
}

function u32(target: Buffer, bigEndian: boolean | undefined, value: number, at: number): void {
  if (bigEndian) target.writeUInt32BE(value, at);
  else target.writeUInt32LE(value, at);
}
