// Capture files are written in the writer's byte order: readers carry a littleEndian flag per file or
// section and read every field through these.

export function readU16(buf: Buffer, off: number, littleEndian: boolean): number {
  return littleEndian ? buf.readUInt16LE(off) : buf.readUInt16BE(off);
}

export function readU32(buf: Buffer, off: number, littleEndian: boolean): number {
  return littleEndian ? buf.readUInt32LE(off) : buf.readUInt32BE(off);
}

/** Smallest multiple of 4 at or above length: pcapng pads packet data and option values to 32 bits. */
export function padTo4(length: number): number {
  // -length & 3 is (-length mod 4) for any safe integer: ToInt32 wraps modulo 2^32, a multiple of 4.
  return length + (-length & 3);
}
