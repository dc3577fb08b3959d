// Builds classic pcap and pcapng bytes for the reader tests, field by field, in either byte order.

export function u16(value: number, littleEndian: boolean): Buffer {
  const b = Buffer.alloc(2);
  if (littleEndian) b.writeUInt16LE(value);
  else b.writeUInt16BE(value);
  return b;
}

export function u32(value: number, littleEndian: boolean): Buffer {
  const b = Buffer.alloc(4);
  if (littleEndian) b.writeUInt32LE(value >>> 0);
  else b.writeUInt32BE(value >>> 0);
  return b;
}

function pad4(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
}

export interface PcapHeaderOptions {
  littleEndian?: boolean;
  nanoseconds?: boolean;
  major?: number;
  snaplen?: number;
  /** The whole 32-bit network field (link type in the low 16 bits). */
  network?: number;
}

export function pcapHeader(options: PcapHeaderOptions = {}): Buffer {
  const le = options.littleEndian ?? true;
  const magic = options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4;
  return Buffer.concat([
    u32(magic, le),
    u16(options.major ?? 2, le),
    u16(4, le),
    u32(0, le),
    u32(0, le),
    u32(options.snaplen ?? 65535, le),
    u32(options.network ?? 1, le),
  ]);
}

export interface PcapRecord {
  seconds: number;
  /** Microseconds or nanoseconds, as the file's magic says. */
  fraction: number;
  data: Buffer;
  /** Defaults to data.length. */
  original?: number;
  /** Written as the captured length instead of data.length (for malformed records). */
  captured?: number;
}

export function pcapRecord(record: PcapRecord, littleEndian = true): Buffer {
  return Buffer.concat([
    u32(record.seconds, littleEndian),
    u32(record.fraction, littleEndian),
    u32(record.captured ?? record.data.length, littleEndian),
    u32(record.original ?? record.data.length, littleEndian),
    record.data,
  ]);
}

export function pcapFile(header: PcapHeaderOptions, records: PcapRecord[]): Buffer {
  const le = header.littleEndian ?? true;
  return Buffer.concat([pcapHeader(header), ...records.map((r) => pcapRecord(r, le))]);
}

// pcapng

export function option(code: number, value: Buffer, littleEndian: boolean): Buffer {
  return Buffer.concat([u16(code, littleEndian), u16(value.length, littleEndian), pad4(value)]);
}

/** opt_endofopt: code 0, length 0, the same bytes in either byte order. */
export function endOfOptions(): Buffer {
  return Buffer.alloc(4);
}

/** A block of any type: the body is padded to 32 bits and framed by the total length at both ends. */
export function block(
  type: number,
  body: Buffer,
  littleEndian: boolean,
  lengthOverride?: { leading?: number; trailing?: number },
): Buffer {
  const padded = pad4(body);
  const length = padded.length + 12;
  return Buffer.concat([
    u32(type, littleEndian),
    u32(lengthOverride?.leading ?? length, littleEndian),
    padded,
    u32(lengthOverride?.trailing ?? length, littleEndian),
  ]);
}

export function sectionHeader(littleEndian: boolean, options: { major?: number; minor?: number } = {}): Buffer {
  const body = Buffer.concat([
    u32(0x1a2b3c4d, littleEndian),
    u16(options.major ?? 1, littleEndian),
    u16(options.minor ?? 0, littleEndian),
    Buffer.from('ffffffffffffffff', 'hex'),
  ]);
  return block(0x0a0d0d0a, body, littleEndian);
}

export function interfaceDescription(
  littleEndian: boolean,
  fields: { linkType?: number; snaplen?: number; options?: Buffer[] } = {},
): Buffer {
  const body = Buffer.concat([
    u16(fields.linkType ?? 1, littleEndian),
    u16(0, littleEndian),
    u32(fields.snaplen ?? 0, littleEndian),
    ...(fields.options ?? []),
  ]);
  return block(1, body, littleEndian);
}

export interface PacketFields {
  interfaceId?: number;
  high?: number;
  low?: number;
  data: Buffer;
  original?: number;
  captured?: number;
  options?: Buffer[];
}

export function enhancedPacket(littleEndian: boolean, fields: PacketFields): Buffer {
  const body = Buffer.concat([
    u32(fields.interfaceId ?? 0, littleEndian),
    u32(fields.high ?? 0, littleEndian),
    u32(fields.low ?? 0, littleEndian),
    u32(fields.captured ?? fields.data.length, littleEndian),
    u32(fields.original ?? fields.data.length, littleEndian),
    pad4(fields.data),
    ...(fields.options ?? []),
  ]);
  return block(6, body, littleEndian);
}

/** The obsolete Packet Block (type 2): a 16-bit interface id and a drops count where EPB has 32 bits. */
export function obsoletePacket(littleEndian: boolean, fields: PacketFields): Buffer {
  const body = Buffer.concat([
    u16(fields.interfaceId ?? 0, littleEndian),
    u16(0, littleEndian),
    u32(fields.high ?? 0, littleEndian),
    u32(fields.low ?? 0, littleEndian),
    u32(fields.captured ?? fields.data.length, littleEndian),
    u32(fields.original ?? fields.data.length, littleEndian),
    pad4(fields.data),
    ...(fields.options ?? []),
  ]);
  return block(2, body, littleEndian);
}

export function simplePacket(littleEndian: boolean, data: Buffer, original = data.length): Buffer {
  return block(3, Buffer.concat([u32(original, littleEndian), pad4(data)]), littleEndian);
}

/** Distinct recognisable packet bytes: n bytes counting up from seed. */
export function packetBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (seed + i) & 0xff;
  return b;
}
