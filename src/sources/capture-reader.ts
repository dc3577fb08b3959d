// The push-based reader every capture source feeds: bytes in, records out to a FrameSink. This module
// picks classic pcap or pcapng from the file's first four bytes, however the input is chunked.
import { CaptureFileError } from '../errors.js';
import type { FrameSink } from '../frame.js';
import { createPcapReader } from './pcap-reader.js';
import { createPcapngReader } from './pcapng-reader.js';

export interface CaptureReader {
  /** Feeds the next bytes; delivers each complete record to the sink synchronously. Throws CaptureFileError. */
  push(chunk: Buffer): void;
  /** No more input. truncated: the input ended inside a header, record or block (everything before was delivered). */
  end(): { truncated: boolean };
}

// The file's first four bytes, big-endian: classic pcap (microsecond and nanosecond, both byte orders)
// and the pcapng Section Header Block type, which reads the same in either byte order.
const KNOWN_MAGICS: readonly number[] = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a];
const PCAPNG_MAGIC = 0x0a0d0d0a;

/** Picks classic pcap or pcapng from the first 4 bytes (buffering until it has them). */
export function createCaptureReader(sink: FrameSink): CaptureReader {
  const head = Buffer.alloc(4);
  let headLength = 0;
  let format: CaptureReader | null = null;

  return {
    push(chunk) {
      if (format !== null) {
        format.push(chunk);
        return;
      }
      const had = headLength;
      const taken = Math.min(4 - had, chunk.length);
      chunk.copy(head, had, 0, taken);
      headLength += taken;
      if (headLength < 4) return;
      format = pickFormat(head, sink);
      if (had > 0) format.push(head.subarray(0, had));
      format.push(chunk);
    },
    end() {
      if (format !== null) return format.end();
      if (headLength === 0) throw new CaptureFileError('empty file', 0);
      if (isMagicPrefix(head, headLength)) return { truncated: true };
      throw notACapture(head, headLength);
    },
  };
}

function pickFormat(head: Buffer, sink: FrameSink): CaptureReader {
  const magic = head.readUInt32BE(0);
  if (magic === PCAPNG_MAGIC) return createPcapngReader(sink);
  if (KNOWN_MAGICS.includes(magic)) return createPcapReader(sink);
  throw notACapture(head, 4);
}

function isMagicPrefix(head: Buffer, length: number): boolean {
  return KNOWN_MAGICS.some((magic) => {
    for (let i = 0; i < length; i++) {
      if (head[i] !== (magic >>> (24 - 8 * i)) % 256) return false;
    }
    return true;
  });
}

function notACapture(head: Buffer, length: number): CaptureFileError {
  const magic = head.toString('hex', 0, length);
  return new CaptureFileError(`not a pcap or pcapng file (magic 0x${magic})`, 0);
}
