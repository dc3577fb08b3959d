// The I/O edge of offline audits: streams a capture file (or standard input) through a CaptureReader in
// large chunks, inflating gzip on the way when the bytes say so. Every failure the user can cause comes
// out as a CaptureFileError; a gzip stream cut short is a truncated capture, not an error.
import { createReadStream } from 'node:fs';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { CaptureFileError } from '../errors.js';
import type { FrameSink } from '../frame.js';
import { createCaptureReader } from './capture-reader.js';

const DEFAULT_CHUNK_SIZE = 1 << 20;

/**
 * Reads the whole capture at path ('-' is standard input) into sink. bytes counts the capture bytes
 * read (after gunzip). Rejects only with CaptureFileError.
 */
export async function readCaptureFile(
  path: string,
  sink: FrameSink,
  options?: { chunkSize?: number },
): Promise<{ truncated: boolean; bytes: number }> {
  const chunkSize = options?.chunkSize ?? DEFAULT_CHUNK_SIZE;
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

  const input: Readable = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: chunkSize });
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
