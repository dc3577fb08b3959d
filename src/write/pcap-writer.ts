// Classic pcap (libpcap savefile) encoding: the file header and record headers in either byte order and
// either timestamp resolution, so a capture can be written the way any libpcap writer would have.
// Pure encoders: the caller owns the file. The write* forms fill a caller's buffer so that a writer
// batching many records allocates nothing per record.

export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
/** The magic of files whose record timestamps count nanoseconds (libpcap 1.5+). */
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
export const PCAP_HEADER_LENGTH = 24;
export const PCAP_RECORD_HEADER_LENGTH = 16;

export interface PcapFormat {
  /** Record timestamps in nanoseconds (and the matching magic); microseconds otherwise. */
  nanosecond?: boolean;
  /** Big-endian file, as written on a big-endian host; little-endian otherwise. */
  bigEndian?: boolean;
}

export interface PcapHeaderOptions extends PcapFormat {
  linkType: number;
  snaplen: number;
}

export function encodePcapHeader(options: PcapHeaderOptions): Buffer {
  const header = Buffer.alloc(PCAP_HEADER_LENGTH);
  const write32 = (value: number, at: number) =>
    options.bigEndian ? header.writeUInt32BE(value, at) : header.writeUInt32LE(value, at);
  const write16 = (value: number, at: number) =>
    options.bigEndian ? header.writeUInt16BE(value, at) : header.writeUInt16LE(value, at);
  write32(options.nanosecond ? PCAP_MAGIC_NANOSECONDS : PCAP_MAGIC_MICROSECONDS, 0);
  write16(2, 4); // version 2.4, the only one readers accept
  write16(4, 6);
  // Bytes 8..15 (thiszone, sigfigs) are zero in every file libpcap writes.
  write32(options.snaplen, 16);
  // The link type's upper bits (FCS length) stay zero: we never keep the frame check sequence.
  write32(options.linkType, 20);
  return header;
}

/** Fills a 16-byte record header at `offset` and returns the offset just past it. */
export function writePcapRecordHeader(
  target: Buffer,
  offset: number,
  tsSec: number,
  tsNsec: number,
  capturedLength: number,
  originalLength: number,
  options: PcapFormat = {},
): number {
  checkTimestamp(tsSec, tsNsec);
  if (originalLength < capturedLength) {
    throw new RangeError(`original length ${originalLength} is below captured length ${capturedLength}`);
  }
  const fraction = options.nanosecond ? tsNsec : Math.floor(tsNsec / 1000);
  if (options.bigEndian) {
    target.writeUInt32BE(tsSec, offset);
    target.writeUInt32BE(fraction, offset + 4);
    target.writeUInt32BE(capturedLength, offset + 8);
    target.writeUInt32BE(originalLength, offset + 12);
  } else {
    target.writeUInt32LE(tsSec, offset);
    target.writeUInt32LE(fraction, offset + 4);
    target.writeUInt32LE(capturedLength, offset + 8);
    target.writeUInt32LE(originalLength, offset + 12);
  }
  return offset + PCAP_RECORD_HEADER_LENGTH;
}

/** One record: header then the captured bytes. `originalLength` above the packet's length marks a snaplen cut. */
export function encodePcapRecord(
  tsSec: number,
  tsNsec: number,
  packet: Buffer,
  originalLength: number = packet.length,
  options: PcapFormat = {},
): Buffer {
  const record = Buffer.alloc(PCAP_RECORD_HEADER_LENGTH + packet.length);
  writePcapRecordHeader(record, 0, tsSec, tsNsec, packet.length, originalLength, options);
  packet.copy(record, PCAP_RECORD_HEADER_LENGTH);
  return record;
}

function checkTimestamp(tsSec: number, tsNsec: number): void {
  if (!Number.isInteger(tsSec) || tsSec < 0 || tsSec > 0xffffffff) {
    throw new RangeError(`timestamp seconds ${tsSec} do not fit the 32-bit field`);
  }
  if (!Number.isInteger(tsNsec) || tsNsec < 0 || tsNsec >= 1e9) {
    throw new RangeError(`timestamp nanoseconds ${tsNsec} are not within a second`);
  }
}
