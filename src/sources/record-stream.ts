// Cuts a byte stream into a format's records however the stream is chunked. A record that lies within
// one chunk is handed over in place; only one that spans chunks is assembled in a buffer of the format's
// largest record, so memory is bounded by that size and never by the length of the input.
import type { CaptureReader } from './capture-reader.js';

/** What a capture format tells the stream about its records. Methods throw CaptureFileError. */
export interface RecordFormat {
  /** Bytes of the next record needed before its length can be known (at least 1). */
  headerLength(): number;
  /**
   * Total length of the record whose first headerLength() bytes are at buf[off], at least
   * headerLength() and at most the stream's maxRecordLength; or -n (n > 0): drop the header and
   * stream past the next n bytes without buffering them.
   */
  measure(buf: Buffer, off: number, fileOffset: number): number;
  /** A complete record at buf[off, off + length), valid only during the call. */
  record(buf: Buffer, off: number, length: number, fileOffset: number): void;
  /** True when the input may end here without having been cut. */
  atRecordBoundary(): boolean;
}

export function createRecordStream(format: RecordFormat, maxRecordLength: number): CaptureReader {
  let assembly: Buffer | null = null;
  // Bytes of the pending record gathered in assembly, and how many it needs: headerLength() until
  // measured, then the full record length.
  let have = 0;
  let need = 0;
  let measured = false;
  let skip = 0;
  // File offset of the first byte not yet consumed (the pending record's first byte while assembling).
  let fileOffset = 0;
  let failure: unknown = null;

  function startAssembly(chunk: Buffer, pos: number, length: number, recordLength: number, known: boolean): void {
    if (recordLength > maxRecordLength) throw new Error(`record length ${recordLength} over ${maxRecordLength}`);
    assembly ??= Buffer.allocUnsafe(maxRecordLength);
    chunk.copy(assembly, 0, pos, pos + length);
    have = length;
    need = recordLength;
    measured = known;
  }

  // Continues a record that began in an earlier chunk; returns the position after what it consumed.
  function continueAssembly(chunk: Buffer, pos: number): number {
    const buffer = assembly as Buffer;
    const taken = Math.min(need - have, chunk.length - pos);
    chunk.copy(buffer, have, pos, pos + taken);
    have += taken;
    if (have < need) return pos + taken;
    if (!measured) {
      const length = format.measure(buffer, 0, fileOffset);
      if (length < 0) {
        fileOffset += have;
        have = 0;
        skip = -length;
        return pos + taken;
      }
      if (length > maxRecordLength) throw new Error(`record length ${length} over ${maxRecordLength}`);
      need = length;
      measured = true;
      if (have < need) return pos + taken;
    }
    have = 0;
    format.record(buffer, 0, need, fileOffset);
    fileOffset += need;
    return pos + taken;
  }

  function walk(chunk: Buffer): void {
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      if (skip > 0) {
        const skipped = Math.min(skip, end - pos);
        skip -= skipped;
        pos += skipped;
        fileOffset += skipped;
        continue;
      }
      if (have > 0) {
        pos = continueAssembly(chunk, pos);
        continue;
      }
      const available = end - pos;
      const headerLength = format.headerLength();
      if (available < headerLength) {
        startAssembly(chunk, pos, available, headerLength, false);
        return;
      }
      const length = format.measure(chunk, pos, fileOffset);
      if (length < 0) {
        pos += headerLength;
        fileOffset += headerLength;
        skip = -length;
        continue;
      }
      if (available < length) {
        startAssembly(chunk, pos, available, length, true);
        return;
      }
      format.record(chunk, pos, length, fileOffset);
      pos += length;
      fileOffset += length;
    }
  }

  return {
    push(chunk) {
      if (failure !== null) throw failure;
      try {
        walk(chunk);
      } catch (error) {
        failure = error;
        throw error;
      }
    },
    end() {
      if (failure !== null) throw failure;
      return { truncated: have > 0 || skip > 0 || !format.atRecordBoundary() };
    },
  };
}
