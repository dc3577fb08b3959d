// DNS message header and first question (RFC 1035 section 4.1), read in place on every DNS packet.
// Own parsing rather than dns-packet: no allocation beyond the name, and bounded work on crafted input.
import { DOT, escapeLabel, isPlainLabelByte } from './escape.js';

export interface DnsHeader {
  id: number;
  isResponse: boolean;
  opcode: number;
  rcode: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}

export interface DnsQuestion {
  /** Presentation form with RFC 4343 escapes, no trailing dot; the root is ".". */
  name: string;
  type: number;
  class: number;
}

export const DNS_HEADER_LENGTH = 12;
/** RFC 1035 section 3.1: a name is at most 255 bytes on the wire. */
const MAX_NAME_WIRE_LENGTH = 255;
/** A legitimate name needs few pointers; the cap bounds the work a chain of pointers can cause. */
export const MAX_POINTER_HOPS = 64;

export function newDnsHeader(): DnsHeader {
  return { id: 0, isResponse: false, opcode: 0, rcode: 0, qdcount: 0, ancount: 0, nscount: 0, arcount: 0 };
}

/** Fills out from the message at buf[offset, offset + length); false when it is under 12 bytes. */
export function readDnsHeader(buf: Buffer, offset: number, length: number, out: DnsHeader): boolean {
  if (length < DNS_HEADER_LENGTH || offset + DNS_HEADER_LENGTH > buf.length) return false;
  out.id = (buf[offset] << 8) | buf[offset + 1];
  out.isResponse = (buf[offset + 2] & 0x80) !== 0;
  out.opcode = (buf[offset + 2] >> 3) & 0x0f;
  out.rcode = buf[offset + 3] & 0x0f;
  out.qdcount = (buf[offset + 4] << 8) | buf[offset + 5];
  out.ancount = (buf[offset + 6] << 8) | buf[offset + 7];
  out.nscount = (buf[offset + 8] << 8) | buf[offset + 9];
  out.arcount = (buf[offset + 10] << 8) | buf[offset + 11];
  return true;
}

/**
 * The first question of the message at buf[offset, offset + length), or null when there is none or
 * it is malformed: cut short, a reserved label type, a pointer outside the message, more than 64
 * pointer hops (loops end there), or a name over 255 bytes.
 */
export function readQuestion(buf: Buffer, offset: number, length: number): DnsQuestion | null {
  const typeOffset = questionTypeOffset(buf, offset, length);
  if (typeOffset < 0) return null;
  return {
    name: questionName(buf, offset, length),
    type: (buf[typeOffset] << 8) | buf[typeOffset + 1],
    class: (buf[typeOffset + 2] << 8) | buf[typeOffset + 3],
  };
}

/**
 * Where the type of the first question is, or -1 when readQuestion would return null: the same checks
 * without building the name, for the many messages whose name nobody reads (responses, stub traffic).
 */
export function questionTypeOffset(buf: Buffer, offset: number, length: number): number {
  const end = Math.min(offset + length, buf.length);
  if (end - offset < DNS_HEADER_LENGTH || ((buf[offset + 4] << 8) | buf[offset + 5]) === 0) return -1;
  const nameEnd = skipName(buf, offset + DNS_HEADER_LENGTH, end);
  if (nameEnd < 0 || end - nameEnd < 4) return -1;
  return walkName(buf, offset, end, offset + DNS_HEADER_LENGTH, false, false) === null ? -1 : nameEnd;
}

/**
 * Whether buf[offset, offset + length) reads as a DNS message with exactly one readable question, as
 * every query and its response has (RFC 9619). Strict on purpose: it tells plaintext DNS from
 * encrypted bytes (a QUIC v1 long header reads as a QDCOUNT of 256 or more), so random bytes pass with
 * odds far below one in a million.
 */
export function readsAsDnsMessage(buf: Buffer, offset: number, length: number): boolean {
  if (length < DNS_HEADER_LENGTH || offset + DNS_HEADER_LENGTH > buf.length) return false;
  if (((buf[offset + 4] << 8) | buf[offset + 5]) !== 1) return false;
  return questionTypeOffset(buf, offset, length) >= 0;
}

/**
 * Where the DNS message in a TCP payload starts: after its two-byte length (RFC 7766), or at the
 * payload's start when the client sent the length in a segment of its own; -1 when it reads as
 * neither (see readsAsDnsMessage).
 */
export function dnsOverTcpMessageStart(buf: Buffer, offset: number, length: number): number {
  if (readsAsDnsMessage(buf, offset + 2, length - 2)) return offset + 2;
  return readsAsDnsMessage(buf, offset, length) ? offset : -1;
}

/** The first question's name; only for a message questionTypeOffset accepted. */
export function questionName(buf: Buffer, offset: number, length: number): string {
  return readName(buf, offset, Math.min(offset + length, buf.length), offset + DNS_HEADER_LENGTH) as string;
}

/** The offset just past the name at pos in the message (a pointer ends it), or -1. */
export function skipName(buf: Buffer, pos: number, end: number): number {
  while (pos < end) {
    const length = buf[pos];
    if (length === 0) return pos + 1;
    if ((length & 0xc0) === 0xc0) return pos + 2 <= end ? pos + 2 : -1;
    if ((length & 0xc0) !== 0) return -1;
    pos += 1 + length;
  }
  return -1;
}

/**
 * The name at pos in presentation form, following compression pointers (relative to the message at
 * messageStart); null on any malformation. With priorPointersOnly, also null for a pointer that does
 * not go back before where the labels it ends began: RFC 1035 section 4.1.4's "prior occurrence", as
 * dns-packet enforces it.
 */
export function readName(buf: Buffer, messageStart: number, end: number, pos: number, priorPointersOnly = false): string | null {
  return walkName(buf, messageStart, end, pos, true, priorPointersOnly);
}

/** readName's walk; without build it only validates, and returns '' for a valid name. */
function walkName(buf: Buffer, messageStart: number, end: number, pos: number, build: boolean, priorPointersOnly: boolean): string | null {
  let segmentStart = pos;
  let labels = 0;
  let used = 0;
  let plain = true;
  let wireLength = 1;
  let hops = 0;
  while (pos < end) {
    const length = buf[pos];
    if (length === 0) {
      if (!build) return '';
      if (labels === 0) return '.';
      return plain ? nameBytes.toString('latin1', 0, used) : escapedName(buf, labels);
    }
    if ((length & 0xc0) === 0xc0) {
      if (pos + 2 > end || ++hops > MAX_POINTER_HOPS) return null;
      pos = messageStart + (((length & 0x3f) << 8) | buf[pos + 1]);
      if (priorPointersOnly && pos >= segmentStart) return null;
      segmentStart = pos;
      continue;
    }
    // 0x40 and 0x80 are the extended and reserved label types (RFC 6891 deprecated the former).
    if ((length & 0xc0) !== 0) return null;
    wireLength += length + 1;
    if (wireLength > MAX_NAME_WIRE_LENGTH || pos + 1 + length > end) return null;
    if (build) {
      labelStarts[labels++] = pos;
      if (plain) used = appendPlainLabel(buf, pos + 1, pos + 1 + length, used);
      plain = used >= 0;
    }
    pos += 1 + length;
  }
  return null;
}

// A name is assembled here, labels and dots, and read out as one string. Built label by label it
// cost a Buffer#toString per label and a rope of strings that the leaked-name table had to flatten
// before hashing: the dns-heavy bench file (66,000 leaked names in 500k packets) took 0.327 s that
// way and 0.313 s this way, its 2M file 0.743 and 0.678 s (median of 9, alternating). A plain name's
// presentation form is never longer than its wire form.
const nameBytes = Buffer.allocUnsafeSlow(MAX_NAME_WIRE_LENGTH);
/** Where each label of the name being walked starts, for the rare name that needs escapes. */
const labelStarts = new Int32Array(MAX_NAME_WIRE_LENGTH >> 1);

/** Appends a label (after a dot unless it is the first) to nameBytes; -1 if a byte needs an escape. */
function appendPlainLabel(buf: Buffer, start: number, end: number, used: number): number {
  if (used > 0) nameBytes[used++] = DOT;
  for (let i = start; i < end; i++) {
    const byte = buf[i];
    if (!isPlainLabelByte(byte)) return -1;
    nameBytes[used++] = byte;
  }
  return used;
}

function escapedName(buf: Buffer, labels: number): string {
  let name = '';
  for (let i = 0; i < labels; i++) {
    const start = labelStarts[i] + 1;
    name += (i > 0 ? '.' : '') + escapeLabel(buf, start, start + buf[start - 1]);
  }
  return name;
}
