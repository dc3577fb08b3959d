// pcapng: a sequence of blocks (type u32, total length u32, body, total length u32) in sections that
// each start with a Section Header Block fixing the byte order. Packet, interface and section blocks
// are read; any other block is streamed past by its length, whatever its size.
import { CaptureFileError } from '../errors.js';
import { Direction, newFrame, type FrameSink } from '../frame.js';
import { readU16, readU32 } from '../byte-order.js';
import type { CaptureReader } from './capture-reader.js';
import { MAX_CAPTURED_LENGTH } from './pcap-reader.js';
import { BLOCK_HEADER_LENGTH, blockName, EPB, IDB, minimumLength, OPB, padTo4, SHB, SPB } from './pcapng-block.js';
import { parseInterfaceBlock, type SectionInterface } from './pcapng-interface.js';
import { findOption, OPT_FLAGS } from './pcapng-options.js';
import { createRecordStream, type RecordFormat } from './record-stream.js';
import { setTimestamp } from './timestamp-unit.js';

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;

/** The largest packet plus room for headers and options; larger blocks we buffer are rejected. */
export const MAX_BLOCK_LENGTH = MAX_CAPTURED_LENGTH + 65536;
/** Bounds the per-section interface table (OPB's interface id is 16 bits). */
export const MAX_INTERFACES_PER_SECTION = 65536;
/** Sections restart interface ids, but the sink keeps one entry per IDB of the file: bounded here too. */
export const MAX_INTERFACES_PER_FILE = 65536;

export function createPcapngReader(sink: FrameSink): CaptureReader {
  const frame = newFrame();
  let littleEndian = false;
  let sectionSeen = false;
  let interfaces: SectionInterface[] = [];
  let nextGlobalId = 0;
  // Set while the trailer of a block streamed past is still to come.
  let trailerExpected = -1;
  let trailerBlockOffset = 0;

  function fail(type: number, fileOffset: number, problem: string): CaptureFileError {
    return new CaptureFileError(`${blockName(type)} at offset ${fileOffset}: ${problem}`, fileOffset);
  }

  function measureBlock(buf: Buffer, off: number, fileOffset: number): number {
    const type = readU32(buf, off, littleEndian);
    if (type === SHB) {
      const magic = buf.readUInt32BE(off + 8);
      if (magic === BYTE_ORDER_MAGIC) littleEndian = false;
      else if (magic === BYTE_ORDER_MAGIC_SWAPPED) littleEndian = true;
      else throw fail(type, fileOffset, `unknown byte-order magic 0x${buf.toString('hex', off + 8, off + 12)}`);
    } else if (!sectionSeen) {
      throw fail(type, fileOffset, 'file does not start with a section header block');
    }
    const length = readU32(buf, off + 4, littleEndian);
    if (length < BLOCK_HEADER_LENGTH || length % 4 !== 0) {
      throw fail(type, fileOffset, `invalid block length ${length}`);
    }
    const minimum = minimumLength(type);
    if (minimum === 0) {
      // Streamed past: only its 4-byte trailer is kept, to check it against the header.
      if (length <= BLOCK_HEADER_LENGTH + 4) return length;
      trailerExpected = length;
      trailerBlockOffset = fileOffset;
      return -(length - BLOCK_HEADER_LENGTH - 4);
    }
    if (length < minimum) throw fail(type, fileOffset, `block length ${length} is shorter than ${minimum}`);
    if (length > MAX_BLOCK_LENGTH) {
      throw fail(type, fileOffset, `block length ${length} exceeds maximum ${MAX_BLOCK_LENGTH}`);
    }
    return length;
  }

  function checkTrailer(buf: Buffer, at: number, type: number, expected: number, fileOffset: number): void {
    const trailing = readU32(buf, at, littleEndian);
    if (trailing !== expected) {
      throw fail(type, fileOffset, `trailing length ${trailing} differs from leading length ${expected}`);
    }
  }

  function readSection(buf: Buffer, off: number, fileOffset: number): void {
    const major = readU16(buf, off + 12, littleEndian);
    const minor = readU16(buf, off + 14, littleEndian);
    if (major !== 1) throw fail(SHB, fileOffset, `unsupported pcapng version ${major}.${minor}`);
    // Interface ids restart with each section; the sink keeps seeing file-global ones.
    interfaces = [];
    sectionSeen = true;
  }

  function readInterface(buf: Buffer, off: number, length: number, fileOffset: number): void {
    if (interfaces.length >= MAX_INTERFACES_PER_SECTION) {
      throw fail(IDB, fileOffset, `more than ${MAX_INTERFACES_PER_SECTION} interfaces in one section`);
    }
    if (nextGlobalId >= MAX_INTERFACES_PER_FILE) {
      throw fail(IDB, fileOffset, `more than ${MAX_INTERFACES_PER_FILE} interfaces in one file`);
    }
    const parsed = parseInterfaceBlock(buf, off, length, littleEndian, nextGlobalId, fileOffset);
    interfaces.push(parsed.section);
    nextGlobalId++;
    sink.interface(parsed.section.globalId, parsed.description);
  }

  function checkCaptured(type: number, fileOffset: number, captured: number, original: number, snaplen: number): void {
    let problem: string | null = null;
    if (snaplen !== 0 && captured > snaplen) problem = `exceeds snaplen ${snaplen}`;
    else if (captured > MAX_CAPTURED_LENGTH) problem = `exceeds maximum ${MAX_CAPTURED_LENGTH}`;
    else if (captured > original) problem = `exceeds original length ${original}`;
    if (problem !== null) throw fail(type, fileOffset, `captured length ${captured} ${problem}`);
  }

  // EPB and the obsolete Packet Block share a layout but for the interface id's width.
  function readPacket(type: number, buf: Buffer, off: number, length: number, fileOffset: number): void {
    const localId = type === EPB ? readU32(buf, off + 8, littleEndian) : readU16(buf, off + 8, littleEndian);
    if (localId >= interfaces.length) {
      throw fail(type, fileOffset, `interface ${localId} not described in this section`);
    }
    const described = interfaces[localId];
    const captured = readU32(buf, off + 20, littleEndian);
    const original = readU32(buf, off + 24, littleEndian);
    checkCaptured(type, fileOffset, captured, original, described.snaplen);
    const optionsStart = off + 28 + padTo4(captured);
    const optionsEnd = off + length - 4;
    if (optionsStart > optionsEnd) {
      throw fail(type, fileOffset, `captured length ${captured} runs past the end of the block`);
    }
    const flagsAt = findOption(buf, optionsStart, optionsEnd, littleEndian, OPT_FLAGS, blockName(type), fileOffset);
    let inOut = 0;
    if (flagsAt >= 0 && readU16(buf, flagsAt - 2, littleEndian) >= 4) inOut = readU32(buf, flagsAt, littleEndian) & 3;
    setTimestamp(frame, readU32(buf, off + 12, littleEndian), readU32(buf, off + 16, littleEndian), described.unit);
    // Flag bits 0-1: 01 inbound, 10 outbound, the same values as Direction; 00 and 11 say nothing.
    deliver(described.globalId, buf, off + 28, captured, original, inOut === 3 ? Direction.Unknown : inOut);
  }

  function readSimplePacket(buf: Buffer, off: number, length: number, fileOffset: number): void {
    if (interfaces.length === 0) throw fail(SPB, fileOffset, 'no interface described in this section');
    const described = interfaces[0];
    const original = readU32(buf, off + 8, littleEndian);
    let captured = Math.min(original, length - 16);
    if (described.snaplen !== 0) captured = Math.min(captured, described.snaplen);
    checkCaptured(SPB, fileOffset, captured, original, described.snaplen);
    frame.tsSec = 0;
    frame.tsNsec = 0;
    deliver(described.globalId, buf, off + 12, captured, original, Direction.Unknown);
  }

  function deliver(
    interfaceId: number,
    buf: Buffer,
    at: number,
    captured: number,
    original: number,
    direction: Direction,
  ): void {
    frame.interfaceId = interfaceId;
    frame.data = buf;
    frame.offset = at;
    frame.capturedLength = captured;
    frame.originalLength = original;
    frame.direction = direction;
    sink.frame(frame);
  }

  function readBlock(buf: Buffer, off: number, length: number, fileOffset: number): void {
    if (trailerExpected >= 0) {
      const expected = trailerExpected;
      trailerExpected = -1;
      checkTrailer(buf, off, 0, expected, trailerBlockOffset);
      return;
    }
    const type = readU32(buf, off, littleEndian);
    checkTrailer(buf, off + length - 4, type, length, fileOffset);
    if (type === EPB || type === OPB) readPacket(type, buf, off, length, fileOffset);
    else if (type === SPB) readSimplePacket(buf, off, length, fileOffset);
    else if (type === IDB) readInterface(buf, off, length, fileOffset);
    else if (type === SHB) readSection(buf, off, fileOffset);
  }

  const format: RecordFormat = {
    headerLength: () => (trailerExpected >= 0 ? 4 : BLOCK_HEADER_LENGTH),
    measure: (buf, off, fileOffset) => (trailerExpected >= 0 ? 4 : measureBlock(buf, off, fileOffset)),
    record: readBlock,
    atRecordBoundary: () => sectionSeen && trailerExpected < 0,
  };
  return createRecordStream(format, MAX_BLOCK_LENGTH);
}
