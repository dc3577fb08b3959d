// pcapng options (code u16, length u16, value padded to 32 bits, ended by opt_endofopt or the block's
// end). Found by walking in place so a packet block's options cost no allocation.
import { CaptureFileError } from '../errors.js';
import { readU16 } from '../byte-order.js';
import { padTo4 } from './pcapng-block.js';

export const OPT_ENDOFOPT = 0;
/** epb_flags / opb_flags, and if_name in an Interface Description Block. */
export const OPT_FLAGS = 2;
export const OPT_IF_NAME = 2;
export const OPT_IF_TSRESOL = 9;

/**
 * Offset of the value of the first option with this code in buf[start, end), or -1; its length is the
 * u16 two bytes before. Every option up to opt_endofopt is checked to lie within end.
 */
export function findOption(
  buf: Buffer,
  start: number,
  end: number,
  littleEndian: boolean,
  code: number,
  blockName: string,
  blockOffset: number,
): number {
  let found = -1;
  let pos = start;
  // Each pass advances at least 4 bytes, so the walk ends within (end - start) / 4 passes.
  while (pos < end) {
    if (end - pos < 4) throw optionOverrun(blockName, blockOffset, -1);
    const optionCode = readU16(buf, pos, littleEndian);
    if (optionCode === OPT_ENDOFOPT) break;
    const length = readU16(buf, pos + 2, littleEndian);
    if (pos + 4 + padTo4(length) > end) throw optionOverrun(blockName, blockOffset, optionCode);
    if (optionCode === code && found < 0) found = pos + 4;
    pos += 4 + padTo4(length);
  }
  return found;
}

function optionOverrun(blockName: string, blockOffset: number, code: number): CaptureFileError {
  const what = code < 0 ? 'options run' : `option ${code} runs`;
  return new CaptureFileError(`${blockName} at offset ${blockOffset}: ${what} past the end of the block`, blockOffset);
}
