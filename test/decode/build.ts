// Byte-by-byte packet builders for the decoder tests: every field explicit, no checksums (the decoders
// ignore them, as offloading makes them unreliable in captures).
import { Direction, newFrame, type Frame } from '../../src/frame.js';

export function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

export function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

export function bytes(...parts: (number[] | Buffer | Uint8Array)[]): Buffer {
  return Buffer.concat(parts.map((part) => Buffer.from(part)));
}

export function ethernet(etherType: number, payload: Buffer, vlanTags: { tpid: number; vid: number }[] = []): Buffer {
  const macs = [0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02];
  const tags: number[] = [];
  // Each tag is TPID (standing where the ethertype would) then TCI; the real ethertype comes last.
  for (const tag of vlanTags) tags.push(...u16(tag.tpid), ...u16(tag.vid));
  return bytes(macs, tags, u16(etherType), payload);
}

export interface Ipv4Options {
  src?: number[];
  dst?: number[];
  protocol: number;
  payload: Buffer;
  options?: number[];
  flagsAndFragment?: number;
  totalLength?: number;
  ihl?: number;
}

export function ipv4(o: Ipv4Options): Buffer {
  const options = o.options ?? [];
  const ihl = o.ihl ?? 5 + options.length / 4;
  const total = o.totalLength ?? 20 + options.length + o.payload.length;
  return bytes(
    [0x40 | ihl, 0],
    u16(total),
    u16(0x1234),
    u16(o.flagsAndFragment ?? 0),
    [64, o.protocol],
    u16(0),
    o.src ?? [192, 0, 2, 1],
    o.dst ?? [198, 51, 100, 53],
    options,
    o.payload,
  );
}

export const V6_SRC = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01];
export const V6_DST = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53];

export function ipv6(nextHeader: number, payload: Buffer, payloadLength = payload.length): Buffer {
  return bytes([0x60, 0, 0, 0], u16(payloadLength), [nextHeader, 64], V6_SRC, V6_DST, payload);
}

/** A hop-by-hop / routing / destination options header of (lengthUnits + 1) * 8 bytes. */
export function extensionHeader(nextHeader: number, lengthUnits = 0): Buffer {
  const header = Buffer.alloc((lengthUnits + 1) * 8);
  header[0] = nextHeader;
  header[1] = lengthUnits;
  return header;
}

export function fragmentHeader(nextHeader: number, fragmentOffset: number, more: boolean): Buffer {
  return bytes([nextHeader, 0], u16((fragmentOffset << 3) | (more ? 1 : 0)), u32(0xabcd));
}

export function udp(srcPort: number, dstPort: number, payload: Buffer, length = 8 + payload.length): Buffer {
  return bytes(u16(srcPort), u16(dstPort), u16(length), u16(0), payload);
}

export interface TcpOptions {
  srcPort?: number;
  dstPort?: number;
  seq?: number;
  flags?: number;
  dataOffsetWords?: number;
  options?: number[];
  payload?: Buffer;
}

export function tcp(o: TcpOptions = {}): Buffer {
  const options = o.options ?? [];
  const words = o.dataOffsetWords ?? 5 + options.length / 4;
  return bytes(
    u16(o.srcPort ?? 40000),
    u16(o.dstPort ?? 53),
    u32(o.seq ?? 1000),
    u32(0),
    [words << 4, o.flags ?? 0x18],
    u16(65535),
    u16(0),
    u16(0),
    options,
    o.payload ?? Buffer.alloc(0),
  );
}

/** Wire-format name from dotted labels ("" for the root). */
export function wireName(name: string): Buffer {
  const parts: number[] = [];
  for (const label of name === '' ? [] : name.split('.')) parts.push(label.length, ...Buffer.from(label, 'latin1'));
  return bytes(parts, [0]);
}

export function dnsQuery(name: Buffer | string, type = 1, id = 0x1234): Buffer {
  const wire = typeof name === 'string' ? wireName(name) : name;
  return bytes(u16(id), u16(0x0100), u16(1), u16(0), u16(0), u16(0), wire, u16(type), u16(1));
}

export function frameOf(data: Buffer, direction = Direction.Unknown, offset = 0, capturedLength = data.length - offset): Frame {
  const frame = newFrame();
  frame.data = data;
  frame.offset = offset;
  frame.capturedLength = capturedLength;
  frame.originalLength = capturedLength;
  frame.direction = direction;
  return frame;
}
