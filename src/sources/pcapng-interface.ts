// A pcapng Interface Description Block: what the packet blocks of its section refer to by index.
import { CaptureFileError } from '../errors.js';
import type { CaptureInterface } from '../frame.js';
import { readU16, readU32 } from '../byte-order.js';
import { blockName, IDB } from './pcapng-block.js';
import { MAX_CAPTURED_LENGTH } from './pcap-reader.js';
import { findOption, OPT_IF_NAME, OPT_IF_TSRESOL } from './pcapng-options.js';
import { MICROSECONDS, timestampUnit, type TimestampUnit } from './timestamp-unit.js';

/** An interface as its section's packet blocks need it. */
export interface SectionInterface {
  /** Index among all interfaces of the file, as announced to the sink. */
  globalId: number;
  /** 0 means unlimited. */
  snaplen: number;
  unit: TimestampUnit;
}

export interface ParsedInterface {
  section: SectionInterface;
  description: CaptureInterface;
}

/** Reads the IDB at buf[off, off + length) (trailer already checked). */
export function parseInterfaceBlock(
  buf: Buffer,
  off: number,
  length: number,
  littleEndian: boolean,
  globalId: number,
  fileOffset: number,
): ParsedInterface {
  const where = blockName(IDB);
  const linkType = readU16(buf, off + 8, littleEndian);
  const snaplen = readU32(buf, off + 12, littleEndian);
  const optionsEnd = off + length - 4;
  const nameAt = findOption(buf, off + 16, optionsEnd, littleEndian, OPT_IF_NAME, where, fileOffset);
  const resolutionAt = findOption(buf, off + 16, optionsEnd, littleEndian, OPT_IF_TSRESOL, where, fileOffset);
  let unit = MICROSECONDS;
  if (resolutionAt >= 0) {
    if (readU16(buf, resolutionAt - 2, littleEndian) !== 1) {
      throw new CaptureFileError(`${where} at offset ${fileOffset}: if_tsresol is not 1 byte`, fileOffset);
    }
    unit = timestampUnit(buf[resolutionAt]);
  }
  let name: string | null = null;
  if (nameAt >= 0) {
    // Writers differ on whether the string carries its NUL terminator.
    const text = buf.toString('utf8', nameAt, nameAt + readU16(buf, nameAt - 2, littleEndian)).replace(/\0+$/, '');
    name = text === '' ? null : text;
  }
  return {
    section: { globalId, snaplen, unit },
    description: { name, linkType, snaplen: snaplen || MAX_CAPTURED_LENGTH, loopback: name === 'lo' },
  };
}
