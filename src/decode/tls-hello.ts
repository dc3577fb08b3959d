// TLS ClientHello and ServerHello (RFC 8446 section 4.1.2-4.1.3): the SNI a client asks for and the
// version a server picks, from the first bytes of each direction of a DoT flow.
import { escapeHostName } from './escape.js';
import { readFirstHandshake } from './tls-record.js';

export { tlsRecordCheck, type TlsRecordVerdict } from './tls-record.js';

export interface ClientHelloFacts {
  status: 'ok' | 'need-more' | 'invalid';
  /** host_name from server_name (RFC 6066), escaped like a query name but with its dots kept. */
  sni: string | null;
}

export interface ServerHelloFacts {
  status: 'ok' | 'need-more' | 'invalid';
  /** The supported_versions selection, else legacy_version (e.g. 0x0304 for TLS 1.3). */
  version: number | null;
}

const CLIENT_HELLO = 1;
const SERVER_HELLO = 2;
const EXTENSION_SERVER_NAME = 0x0000;
const EXTENSION_SUPPORTED_VERSIONS = 0x002b;
const NAME_TYPE_HOST_NAME = 0;

/**
 * Parses the ClientHello that opens the client's bytes buf[offset, offset + length) (records and TCP
 * segments accumulated by the caller). 'need-more' until the whole hello is there.
 */
export function parseClientHello(buf: Buffer, offset: number, length: number): ClientHelloFacts {
  const message = readFirstHandshake(buf, offset, length);
  if (message.status !== 'ok') return { status: message.status, sni: null };
  const hello = message.buf;
  const end = message.end;
  if (hello[message.start] !== CLIENT_HELLO) return { status: 'invalid', sni: null };
  // legacy_version, random, then variable-length session id, cipher suites, compression methods.
  let pos = skipVector(hello, message.start + 4 + 2 + 32, end, 1, 0, 32);
  pos = skipVector(hello, pos, end, 2, 2, 65534);
  pos = skipVector(hello, pos, end, 1, 1, 255);
  if (pos < 0) return { status: 'invalid', sni: null };
  let sni: string | null = null;
  const extensions = walkExtensions(hello, pos, end, (type, start, extensionEnd) => {
    if (type === EXTENSION_SERVER_NAME && sni === null) sni = hostName(hello, start, extensionEnd);
  });
  return extensions ? { status: 'ok', sni } : { status: 'invalid', sni: null };
}

/** Parses the ServerHello (or HelloRetryRequest, which has its shape) opening the server's bytes. */
export function parseServerHello(buf: Buffer, offset: number, length: number): ServerHelloFacts {
  const message = readFirstHandshake(buf, offset, length);
  if (message.status !== 'ok') return { status: message.status, version: null };
  const hello = message.buf;
  const end = message.end;
  const body = message.start + 4;
  if (hello[message.start] !== SERVER_HELLO || end - body < 2 + 32) return { status: 'invalid', version: null };
  let version = (hello[body] << 8) | hello[body + 1];
  // session id echo, then cipher suite (2) and compression method (1).
  let pos = skipVector(hello, body + 2 + 32, end, 1, 0, 32);
  if (pos >= 0) pos = pos + 3 <= end ? pos + 3 : -1;
  if (pos < 0) return { status: 'invalid', version: null };
  let selectionValid = true;
  const extensionsValid = walkExtensions(hello, pos, end, (type, start, extensionEnd) => {
    if (type !== EXTENSION_SUPPORTED_VERSIONS) return;
    // In a ServerHello the extension is the one selected version, not the client's list.
    if (extensionEnd - start !== 2) selectionValid = false;
    else version = (hello[start] << 8) | hello[start + 1];
  });
  return extensionsValid && selectionValid ? { status: 'ok', version } : { status: 'invalid', version: null };
}

export function tlsVersionName(version: number): string {
  switch (version) {
    case 0x0304:
      return 'TLS 1.3';
    case 0x0303:
      return 'TLS 1.2';
    case 0x0302:
      return 'TLS 1.1';
    case 0x0301:
      return 'TLS 1.0';
    case 0x0300:
      return 'SSL 3.0';
    default:
      return '0x' + version.toString(16).padStart(4, '0');
  }
}

/**
 * Skips a vector with a lengthBytes-byte length prefix whose length must lie in [min, max] and be a
 * multiple of min when min > 1 (cipher suites come in pairs). Returns the offset after it, or -1;
 * pos -1 passes through so calls chain.
 */
function skipVector(buf: Buffer, pos: number, end: number, lengthBytes: 1 | 2, min: number, max: number): number {
  if (pos < 0 || end - pos < lengthBytes) return -1;
  const length = lengthBytes === 1 ? buf[pos] : (buf[pos] << 8) | buf[pos + 1];
  if (length < min || length > max || (min > 1 && length % min !== 0)) return -1;
  const after = pos + lengthBytes + length;
  return after <= end ? after : -1;
}

/**
 * Calls visit for each extension of the block at pos (absent when the message ends there). False when
 * the block is malformed: its length must end exactly at the message end, each extension within it.
 */
function walkExtensions(
  buf: Buffer,
  pos: number,
  end: number,
  visit: (type: number, start: number, extensionEnd: number) => void,
): boolean {
  if (pos === end) return true;
  if (end - pos < 2 || pos + 2 + ((buf[pos] << 8) | buf[pos + 1]) !== end) return false;
  pos += 2;
  while (pos < end) {
    if (end - pos < 4) return false;
    const type = (buf[pos] << 8) | buf[pos + 1];
    const extensionEnd = pos + 4 + ((buf[pos + 2] << 8) | buf[pos + 3]);
    if (extensionEnd > end) return false;
    visit(type, pos + 4, extensionEnd);
    pos = extensionEnd;
  }
  return true;
}

/** The first host_name of a server_name extension, or null when it has none or is malformed. */
function hostName(buf: Buffer, pos: number, end: number): string | null {
  if (end - pos < 2 || pos + 2 + ((buf[pos] << 8) | buf[pos + 1]) !== end) return null;
  pos += 2;
  while (end - pos >= 3) {
    const nameEnd = pos + 3 + ((buf[pos + 1] << 8) | buf[pos + 2]);
    if (nameEnd > end) return null;
    if (buf[pos] === NAME_TYPE_HOST_NAME && nameEnd > pos + 3) return escapeHostName(buf, pos + 3, nameEnd);
    pos = nameEnd;
  }
  return null;
}
