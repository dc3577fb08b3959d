// Where the records of a well-formed capture end and where their length fields sit, read from the
// bytes independently of src/sources: what the mutations aim at and what the truncation test expects.

export interface LengthField {
  offset: number;
  width: 2 | 4;
  littleEndian: boolean;
}

export interface CaptureLayout {
  /** File offsets at which a record (or block) ends: the input may stop there without being cut. */
  boundaries: number[];
  lengthFields: LengthField[];
}

const PCAPNG_SHB = 0x0a0d0d0a;
const EPB = 6;

export function captureLayout(file: Buffer): CaptureLayout {
  return file.readUInt32BE(0) === PCAPNG_SHB ? pcapngLayout(file) : pcapLayout(file);
}

function pcapLayout(file: Buffer): CaptureLayout {
  const magic = file.readUInt32BE(0);
  const littleEndian = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  const boundaries = [24];
  const lengthFields: LengthField[] = [{ offset: 16, width: 4, littleEndian }];
  for (let at = 24; at + 16 <= file.length; ) {
    const captured = littleEndian ? file.readUInt32LE(at + 8) : file.readUInt32BE(at + 8);
    lengthFields.push({ offset: at + 8, width: 4, littleEndian }, { offset: at + 12, width: 4, littleEndian });
    at += 16 + captured;
    if (at <= file.length) boundaries.push(at);
  }
  return { boundaries, lengthFields };
}

function pcapngLayout(file: Buffer): CaptureLayout {
  const boundaries: number[] = [];
  const lengthFields: LengthField[] = [];
  let littleEndian = true;
  for (let at = 0; at + 12 <= file.length; ) {
    if (file.readUInt32BE(at) === PCAPNG_SHB) littleEndian = file.readUInt32BE(at + 8) === 0x4d3c2b1a;
    const read = (offset: number) => (littleEndian ? file.readUInt32LE(offset) : file.readUInt32BE(offset));
    const type = read(at);
    const length = read(at + 4);
    lengthFields.push({ offset: at + 4, width: 4, littleEndian }, { offset: at + length - 4, width: 4, littleEndian });
    if (type === EPB) lengthFields.push({ offset: at + 20, width: 4, littleEndian }, { offset: at + 24, width: 4, littleEndian });
    at += length;
    boundaries.push(at);
  }
  return { boundaries, lengthFields };
}
