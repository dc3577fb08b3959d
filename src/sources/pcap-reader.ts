// Classic pcap (libpcap's savefile format): a 24-byte file header, then 16-byte record headers each
// followed by the packet. Every length is checked against the header's snaplen and our own ceiling
// before it is used, as libpcap's sf-pcap.c does.
import { CaptureFileError } from '../errors.js';
import { Direction, newFrame, type FrameSink } from '../frame.js';
import { readU16, readU32 } from '../byte-order.js';
import type { CaptureReader } from './capture-reader.js';
import { createRecordStream, type RecordFormat } from './record-stream.js';

const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
/** libpcap's MAXIMUM_SNAPLEN: no real link delivers more per packet; also what snaplen 0 means. */
export const MAX_CAPTURED_LENGTH = 262144;

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;

export function createPcapReader(sink: FrameSink): CaptureReader {
  const frame = newFrame();
  let headerSeen = false;
  let littleEndian = false;
  let nanoseconds = false;
  let snaplen = 0;

  function readFileHeader(buf: Buffer, off: number): void {
    const magic = buf.readUInt32BE(off);
    const swapped = buf.readUInt32LE(off);
    if (magic === MAGIC_MICROSECONDS || magic === MAGIC_NANOSECONDS) littleEndian = false;
    else if (swapped === MAGIC_MICROSECONDS || swapped === MAGIC_NANOSECONDS) littleEndian = true;
    else throw new CaptureFileError(`not a pcap file (magic 0x${buf.toString('hex', off, off + 4)})`, 0);
    nanoseconds = (littleEndian ? swapped : magic) === MAGIC_NANOSECONDS;
    const major = readU16(buf, off + 4, littleEndian);
    const minor = readU16(buf, off + 6, littleEndian);
    if (major !== 2) throw new CaptureFileError(`file header: unsupported pcap version ${major}.${minor}`, 0);
    snaplen = readU32(buf, off + 16, littleEndian) || MAX_CAPTURED_LENGTH;
    // The upper bits of the network field carry FCS length flags, not the link type.
    const linkType = readU32(buf, off + 20, littleEndian) & 0xffff;
    headerSeen = true;
    sink.interface(0, { name: null, linkType, snaplen, loopback: false });
  }

  function measureRecord(buf: Buffer, off: number, fileOffset: number): number {
    const captured = readU32(buf, off + 8, littleEndian);
    const original = readU32(buf, off + 12, littleEndian);
    let problem: string | null = null;
    if (captured > snaplen) problem = `exceeds snaplen ${snaplen}`;
    else if (captured > MAX_CAPTURED_LENGTH) problem = `exceeds maximum ${MAX_CAPTURED_LENGTH}`;
    else if (captured > original) problem = `exceeds original length ${original}`;
    if (problem !== null) {
      throw new CaptureFileError(`record at offset ${fileOffset}: captured length ${captured} ${problem}`, fileOffset);
    }
    return RECORD_HEADER_LENGTH + captured;
  }

  function deliverRecord(buf: Buffer, off: number, length: number): void {
    const seconds = readU32(buf, off, littleEndian);
    const fraction = readU32(buf, off + 4, littleEndian);
    const perSecond = nanoseconds ? 1e9 : 1e6;
    // Some writers leave a sub-second field of a second or more; carry it so tsNsec stays below 10^9.
    const carry = fraction >= perSecond ? Math.floor(fraction / perSecond) : 0;
    frame.tsSec = seconds + carry;
    frame.tsNsec = (fraction - carry * perSecond) * (nanoseconds ? 1 : 1000);
    frame.interfaceId = 0;
    frame.data = buf;
    frame.offset = off + RECORD_HEADER_LENGTH;
    frame.capturedLength = length - RECORD_HEADER_LENGTH;
    frame.originalLength = readU32(buf, off + 12, littleEndian);
    frame.direction = Direction.Unknown;
    sink.frame(frame);
  }

  const format: RecordFormat = {
    headerLength: () => (headerSeen ? RECORD_HEADER_LENGTH : FILE_HEADER_LENGTH),
    measure: (buf, off, fileOffset) => (headerSeen ? measureRecord(buf, off, fileOffset) : FILE_HEADER_LENGTH),
    record(buf, off, length) {
      if (headerSeen) deliverRecord(buf, off, length);
      else readFileHeader(buf, off);
    },
    atRecordBoundary: () => headerSeen,
  };
  return createRecordStream(format, RECORD_HEADER_LENGTH + MAX_CAPTURED_LENGTH);
}
