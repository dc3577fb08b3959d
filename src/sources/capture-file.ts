// The I/O edge of offline audits: streams a capture file (or standard input) through a CaptureReader in
// large chunks, inflating gzip on the way when the bytes say so. Every failure the user can cause comes
// out as a CaptureFileError; a gzip stream cut short is a truncated capture, not an error.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { CaptureFileError } from '../errors.js';
import type { FrameSink } from '../frame.js';
import { createCaptureReader } from './capture-reader.js';

// A plain file is read in chunks small enough to stay in the cache the audit's own code and data
// share with them. Against 1 MiB, on the 500k-packet bench files (two runs, median of 15 each,
// alternating): host 5-10 ms less on Node 20 and on Node 24 (0.255 -> 0.249 s, 0.185 -> 0.180 in the
// second), dns-heavy and interleaved from 11 ms less to 1 ms more; 128 KiB was no better. Reading
// alone does not care (README, Performance).
export const FILE_CHUNK_SIZE = 256 << 10;
// Streams (gzip, standard input) keep larger chunks: each costs a stream callback and a zlib call, and
// at 256 KiB a gzipped copy of the dns-heavy 500k file took 0.335 s against 0.318 on Node 24, 0.360
// against 0.347 on Node 20 (median of 11, alternating).
const STREAM_CHUNK_SIZE = 1 << 20;

/**
 * Reads the whole capture at path ('-' is standard input) into sink. bytes counts the capture bytes
 * read (after gunzip). Rejects only with CaptureFileError.
 */
export async function readCaptureFile(
  path: string,
  sink: FrameSink,
  options?: { chunkSize?: number },
): Promise<{ truncated: boolean; bytes: number }> {
  let gzipFile: GzipStart | null = null;
  if (path !== '-') {
    const plain = readPlainFile(path, sink, options?.chunkSize ?? FILE_CHUNK_SIZE);
    if (!('head' in plain)) return plain;
    gzipFile = plain;
  }
  // Loaded only for gzip and standard input: on Node 24, zlib and the stream modules take about 3 ms
  // to load, which a plain file, the common case, does not need.
  const [{ Writable }, { pipeline }, { createGunzip }] = await Promise.all([import('node:stream'), import('node:stream/promises'), import('node:zlib')]);
  const chunkSize = options?.chunkSize ?? STREAM_CHUNK_SIZE;
  const reader = createCaptureReader(sink);
  let bytes = 0;
  const consumer = new Writable({
    highWaterMark: chunkSize,
    // Synchronous on purpose: every chunk inflated before a gzip error has been read when it surfaces.
    write(chunk: Buffer, _encoding, done) {
      try {
        bytes += chunk.length;
        reader.push(chunk);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });

  const input: Readable = gzipFile === null ? process.stdin : createReadStream('', { fd: gzipFile.fd, highWaterMark: chunkSize });
  // The bytes already read go first: a pipe cannot be read twice.
  if (gzipFile !== null) input.unshift(gzipFile.head);
  let gzipCut = false;
  try {
    const start = await peek(input, 2);
    if (start !== null && start.length >= 2 && start[0] === 0x1f && start[1] === 0x8b) {
      // zlib refuses output chunks under 64 bytes.
      await pipeline(input, createGunzip({ chunkSize: Math.max(chunkSize, 64) }), consumer);
    } else if (start !== null) {
      await pipeline(input, consumer);
    }
  } catch (error) {
    if (error instanceof CaptureFileError) throw error;
    if (isGzipCut(error)) gzipCut = true;
    else throw asCaptureFileError(error, bytes);
  } finally {
    if (input !== process.stdin) await closed(input);
  }
  if (gzipCut && bytes === 0) return { truncated: true, bytes };
  const { truncated } = reader.end();
  return { truncated: truncated || gzipCut, bytes };
}

/** A gzip file: its descriptor, and the bytes already read from it. */
interface GzipStart {
  fd: number;
  head: Buffer;
}

/**
 * Reads an uncompressed capture file through one reused buffer; when the file starts with the gzip
 * magic, nothing is read into sink and the open file is returned with the bytes read so far, for the
 * stream path to inflate (a named pipe cannot be opened again from its start). A ReadStream allocates a
 * fresh Buffer per chunk, which lives until the next scavenge; a fixed buffer lowered peak RSS on
 * the 2M-packet bench file by about 15 MiB. Reads are synchronous: the audit has nothing else to do
 * meanwhile, and a read handed to libuv's thread pool came back late enough that two buffers read ahead
 * asynchronously were slower (measured on the 446 MiB host bench file, median of 9 with the file cached:
 * 0.31 s against 0.28 s; the same on the dns-heavy file). A FIFO blocks until its writer writes, as it
 * would anyway. Records are only valid during the sink's call (frame.ts), so the buffer can be refilled
 * once push returns.
 */
function readPlainFile(path: string, sink: FrameSink, chunkSize: number): { truncated: boolean; bytes: number } | GzipStart {
  let bytes = 0;
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const file = fd;
    const buffer = Buffer.allocUnsafeSlow(Math.max(chunkSize, 2));
    const readInto = (from: number) => readSync(file, buffer, from, buffer.length - from, null);
    let filled = readInto(0);
    // The gzip test needs two bytes; a pipe may deliver one at a time.
    while (filled === 1) {
      const more = readInto(1);
      if (more === 0) break;
      filled += more;
    }
    if (filled >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) {
      fd = null; // the stream path owns it now
      return { fd: file, head: buffer.subarray(0, filled) };
    }
    const reader = createCaptureReader(sink);
    while (filled > 0) {
      bytes += filled;
      reader.push(filled === buffer.length ? buffer : buffer.subarray(0, filled));
      filled = readInto(0);
    }
    return { truncated: reader.end().truncated, bytes };
  } catch (error) {
    if (error instanceof CaptureFileError) throw error;
    throw asCaptureFileError(error, bytes);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The first n bytes of stream (fewer at its end; null when it is empty), left unread: pushed back with
 * unshift so the pipeline that follows sees every byte.
 */
function peek(stream: Readable, n: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onReadable = (): void => {
      const start = stream.read(n) as Buffer | null;
      if (start === null) return;
      cleanup();
      stream.unshift(start);
      resolve(start);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/** Destroys a file stream and waits until its descriptor is closed. */
function closed(stream: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) {
      resolve();
      return;
    }
    stream.once('close', () => resolve());
    // An error event during destroy is already reported by pipeline or peek; keep it from going unhandled.
    stream.on('error', () => {});
    stream.destroy();
  });
}

function isGzipCut(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'Z_BUF_ERROR';
}

function asCaptureFileError(error: unknown, bytes: number): CaptureFileError {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new CaptureFileError('no such file', 0);
    case 'EISDIR':
      return new CaptureFileError('is a directory', 0);
    case 'EACCES':
    case 'EPERM':
      return new CaptureFileError('permission denied', 0);
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new CaptureFileError(`corrupt gzip data: ${(error as Error).message}`, bytes);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new CaptureFileError(`cannot read: ${reason}`, bytes);
}
