// TLS record layer (RFC 8446 section 5.1): recognising TLS from a flow's first bytes, and collecting
// the first handshake message when it spans several records.

/** RFC 8446 allows 2^14 plaintext bytes plus 2048 of expansion in a record. */
export const MAX_TLS_RECORD_LENGTH = 16384 + 2048;
const TLS_RECORD_HEADER_LENGTH = 5;
const CONTENT_HANDSHAKE = 22;
/** Handshake messages larger than this are not hellos we will wait for. */
const MAX_HANDSHAKE_MESSAGE_LENGTH = 65536;

export type TlsRecordVerdict = 'tls' | 'not-tls' | 'need-more';
export type HandshakeStatus = 'ok' | 'need-more' | 'invalid';

/**
 * Whether the first bytes of a flow direction start a TLS record: content type 20..24, version 3.x
 * with x <= 4, length within MAX_TLS_RECORD_LENGTH. Decides as soon as a byte disagrees, so plain DNS
 * (a two-byte length, usually 0x00 first) is 'not-tls' from its first byte.
 */
export function tlsRecordCheck(buf: Buffer, offset: number, length: number): TlsRecordVerdict {
  if (length < 1) return 'need-more';
  if (buf[offset] < 20 || buf[offset] > 24) return 'not-tls';
  if (length < 2) return 'need-more';
  if (buf[offset + 1] !== 3) return 'not-tls';
  if (length < 3) return 'need-more';
  if (buf[offset + 2] > 4) return 'not-tls';
  if (length < TLS_RECORD_HEADER_LENGTH) return 'need-more';
  if (((buf[offset + 3] << 8) | buf[offset + 4]) > MAX_TLS_RECORD_LENGTH) return 'not-tls';
  return 'tls';
}

/** Where the first handshake message lies: buf[start] is its type byte, end is past its body. */
export interface HandshakeMessage {
  status: HandshakeStatus;
  buf: Buffer;
  start: number;
  end: number;
}

/**
 * The first handshake message in the records at buf[offset, offset + length). In place when one
 * record holds all of it (the usual case); otherwise the fragments are copied into a new buffer no
 * larger than the input. 'invalid' when a record is not a well-formed handshake record.
 */
export function readFirstHandshake(buf: Buffer, offset: number, length: number): HandshakeMessage {
  const end = Math.min(offset + length, buf.length);
  if (end - offset < TLS_RECORD_HEADER_LENGTH) return result('need-more', buf, 0, 0);
  const recordLength = handshakeRecordLength(buf, offset);
  if (recordLength < 0) return result('invalid', buf, 0, 0);
  const body = offset + TLS_RECORD_HEADER_LENGTH;
  if (recordLength >= 4) {
    const messageEnd = body + 4 + readUint24(buf, body + 1);
    if (messageEnd <= body + recordLength) {
      return messageEnd <= end ? result('ok', buf, body, messageEnd) : result('need-more', buf, 0, 0);
    }
  }
  return gatherFragments(buf, offset, end);
}

function gatherFragments(buf: Buffer, offset: number, end: number): HandshakeMessage {
  const collected = Buffer.allocUnsafe(Math.min(end - offset, MAX_HANDSHAKE_MESSAGE_LENGTH + 4));
  let filled = 0;
  let pos = offset;
  for (;;) {
    if (filled >= 4) {
      const messageLength = 4 + readUint24(collected, 1);
      if (messageLength > MAX_HANDSHAKE_MESSAGE_LENGTH) return result('invalid', buf, 0, 0);
      if (filled >= messageLength) return result('ok', collected, 0, messageLength);
    }
    // Each pass consumes a whole record header, so the loop ends within length / 5 passes.
    if (end - pos < TLS_RECORD_HEADER_LENGTH) return result('need-more', buf, 0, 0);
    const recordLength = handshakeRecordLength(buf, pos);
    if (recordLength < 0) return result('invalid', buf, 0, 0);
    const available = Math.min(recordLength, end - pos - TLS_RECORD_HEADER_LENGTH, collected.length - filled);
    buf.copy(collected, filled, pos + TLS_RECORD_HEADER_LENGTH, pos + TLS_RECORD_HEADER_LENGTH + available);
    filled += available;
    pos += TLS_RECORD_HEADER_LENGTH + recordLength;
  }
}

/** The length of the handshake record whose header is at pos, or -1 when it is not one. */
function handshakeRecordLength(buf: Buffer, pos: number): number {
  if (buf[pos] !== CONTENT_HANDSHAKE || buf[pos + 1] !== 3 || buf[pos + 2] > 4) return -1;
  const length = (buf[pos + 3] << 8) | buf[pos + 4];
  // RFC 8446 section 5.1: handshake records are never empty.
  return length === 0 || length > MAX_TLS_RECORD_LENGTH ? -1 : length;
}

export function readUint24(buf: Buffer, pos: number): number {
  return (buf[pos] << 16) | (buf[pos + 1] << 8) | buf[pos + 2];
}

function result(status: HandshakeStatus, buf: Buffer, start: number, end: number): HandshakeMessage {
  return { status, buf, start, end };
}
