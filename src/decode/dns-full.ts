// Full decode of one DNS message with dns-packet, only for the few messages a report shows: every
// section as text. Hot-path code uses dns-message.ts instead.
import { createRequire } from 'node:module';
import type DnsPacket from 'dns-packet';
import { DNS_HEADER_LENGTH, MAX_POINTER_HOPS, readName, skipName } from './dns-message.js';
import { escapeHostName } from './escape.js';

export interface DnsQuestionText {
  /** Presentation form with RFC 4343 escapes (see dns-message.ts). */
  name: string;
  type: string;
  /** IN, CH, ... or CLASSnnn; mDNS's unicast-response bit (0x8000) is shown as part of the number. */
  class: string;
}

export interface DnsRecordText {
  name: string;
  type: string;
  ttl: number;
  /** RDATA in a zone-file-like form; untrusted bytes escaped as \DDD. */
  data: string;
}

export interface DnsMessageText {
  id: number;
  isResponse: boolean;
  opcode: string;
  rcode: string;
  truncated: boolean;
  questions: DnsQuestionText[];
  answers: DnsRecordText[];
  authorities: DnsRecordText[];
  /** Additional records except the EDNS OPT pseudo-record. */
  additionals: DnsRecordText[];
}

/** Sections longer than this are cut in the result: a report shows a handful of records. */
const MAX_RECORDS_PER_SECTION = 32;
// Loaded with require: importing this CommonJS package as ESM made Node scan it and its dependencies
// for named exports. Measured against `node -e 0`: an import of it cost 27 ms of start-up, a require
// 6 ms; `dnsleak audit` of an empty capture went from 110 to 87 ms. And only when first needed: the
// audit of a clean capture never decodes a message in full (79 -> 75 ms, median of 15).
const require = createRequire(import.meta.url);
let dnsPacket: typeof DnsPacket | undefined;
let dnsTypes: { toString(type: number): string } | undefined;
/**
 * dns-packet decodes every entry the header counts and follows every compression pointer: a 64 KB
 * message of pointer chains cost it 250 ms (33 million hops). Messages past these bounds are not
 * handed to it, so a listed leak event costs at most about a millisecond whatever its bytes.
 */
const MAX_DECODED_ENTRIES = 256;
const OPCODE_NAMES = ['QUERY', 'IQUERY', 'STATUS', undefined, 'NOTIFY', 'UPDATE', 'DSO'];
const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];
const CLASS_NAMES: Record<number, string> = { 1: 'IN', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' };

/** Mnemonic for a query or record type (A, AAAA, HTTPS, ...) or RFC 3597's TYPEnnn. */
export function qtypeName(type: number): string {
  // dns-packet 5.6 predates SVCB and HTTPS (RFC 9460), which stub resolvers now ask for constantly.
  if (type === 64) return 'SVCB';
  if (type === 65) return 'HTTPS';
  dnsTypes ??= require('dns-packet/types.js') as { toString(type: number): string };
  const name = dnsTypes.toString(type);
  return name.startsWith('UNKNOWN_') ? `TYPE${type}` : name;
}

/**
 * Decodes the message at buf[offset, offset + length), or null where dns-packet could not. Question
 * names are read with dns-message.ts so their escapes are exact; record names and data come from
 * dns-packet, which decodes labels as UTF-8 (a '.' inside a label reads as a separator, invalid UTF-8
 * as U+FFFD).
 */
export function decodeDnsMessage(buf: Buffer, offset: number, length: number): DnsMessageText | null {
  if (offset < 0 || length < DNS_HEADER_LENGTH || offset + length > buf.length) return null;
  // dns-packet bounds its reads by buf.length, not by the message: give it exactly the message.
  const message = buf.subarray(offset, offset + length);
  const entries = entryCount(message);
  if (entries > MAX_DECODED_ENTRIES) return null;
  const questionCount = message.readUInt16BE(4);
  if (entries === questionCount) return questionsOnly(message, questionCount);
  if (mostPointerHops(message) > MAX_POINTER_HOPS) return null;
  let packet: DnsPacket.DecodedPacket;
  try {
    dnsPacket ??= require('dns-packet') as typeof DnsPacket;
    packet = dnsPacket.decode(message);
  } catch {
    return null; // dns-packet throws Error and RangeError on malformed input
  }
  const questions = readQuestions(message, packet.questions?.length ?? 0);
  if (questions === null) return null;
  const additionals = packet.additionals?.filter((record) => record.type !== 'OPT');
  return messageText(message, questions, records(packet.answers), records(packet.authorities), records(additionals));
}

/**
 * A message of questions alone, as a query without EDNS is (glibc's stub sends those unless
 * resolv.conf says `options edns0`), decoded without dns-packet: questions are read here in both
 * cases, and nothing else remains. readQuestions rejects exactly what dns-packet would, so the result
 * is the same (a property test holds the two to it). Measured on the 500k-packet bench files, whose
 * 1,000 listed leak events are such queries: host 0.255 -> 0.242 s, dns-heavy 0.277 -> 0.269 (median
 * of 15, alternating); dns-packet's decoders had been among the functions V8 spent longest optimising
 * (25 ms of compilation for its header decoder alone).
 */
function questionsOnly(message: Buffer, count: number): DnsMessageText | null {
  const questions = readQuestions(message, count);
  if (questions === null) return null;
  return messageText(message, questions, [], [], []);
}

// Built field by field, not spread from a header object, which Node 20 copies slowly: every listed
// leak event goes through here (1,000 on each 500k bench file). Node 20, alternating runs: host
// 0.250 -> 0.244, 0.243 -> 0.245 and 0.253 -> 0.248 s (median of 21, 21 and 31), dns-heavy 0.250 ->
// 0.247 and 0.252 -> 0.246; on Node 24 within noise (host +1 ms, dns-heavy -5, interleaved +5).
function messageText(
  message: Buffer,
  questions: DnsQuestionText[],
  answers: DnsRecordText[],
  authorities: DnsRecordText[],
  additionals: DnsRecordText[],
): DnsMessageText {
  const opcode = (message[2] >> 3) & 0x0f;
  const rcode = message[3] & 0x0f;
  return {
    id: message.readUInt16BE(0),
    isResponse: (message[2] & 0x80) !== 0,
    opcode: OPCODE_NAMES[opcode] ?? `OPCODE${opcode}`,
    rcode: RCODE_NAMES[rcode] ?? `RCODE${rcode}`,
    truncated: (message[2] & 0x02) !== 0,
    questions,
    answers,
    authorities,
    additionals,
  };
}

function entryCount(message: Buffer): number {
  return message.readUInt16BE(4) + message.readUInt16BE(6) + message.readUInt16BE(8) + message.readUInt16BE(10);
}

/**
 * The most compression pointers dns-packet would follow decoding a name that starts anywhere in the
 * message. It accepts a pointer that goes back before the name's start (or the previous pointer's
 * target), so hops(t) = 1 + hops(target) with target < t: one pass finds where the labels from each
 * offset end, a second computes hops in increasing offset order. O(length), whatever the chains.
 */
function mostPointerHops(message: Buffer): number {
  const n = message.length;
  // Where walking labels from each offset meets a pointer or the root label; -1 when it cannot.
  const stop = new Int32Array(n);
  for (let t = n - 1; t >= 0; t--) {
    const length = message[t];
    if (length === 0 || (length & 0xc0) === 0xc0) stop[t] = t;
    else stop[t] = (length & 0xc0) !== 0 || t + 1 + length >= n ? -1 : stop[t + 1 + length];
  }
  const hops = new Uint16Array(n);
  let most = 0;
  for (let t = 0; t < n; t++) {
    const at = stop[t];
    if (at < 0 || message[at] === 0 || at + 1 >= n) continue;
    const target = ((message[at] & 0x3f) << 8) | message[at + 1];
    if (target >= t) continue; // dns-packet throws there, after no further hop
    hops[t] = hops[target] + 1;
    if (hops[t] > most) most = hops[t];
  }
  return most;
}

function readQuestions(message: Buffer, count: number): DnsQuestionText[] | null {
  const questions: DnsQuestionText[] = [];
  let pos = DNS_HEADER_LENGTH;
  for (let i = 0; i < count; i++) {
    const nameEnd = skipName(message, pos, message.length);
    // Pointers to prior occurrences only, as dns-packet accepts them: a message decodes alike with or
    // without it.
    const name = nameEnd < 0 || message.length - nameEnd < 4 ? null : readName(message, 0, message.length, pos, true);
    if (name === null) return null;
    const klass = message.readUInt16BE(nameEnd + 2);
    if (questions.length < MAX_RECORDS_PER_SECTION) {
      questions.push({ name, type: qtypeName(message.readUInt16BE(nameEnd)), class: CLASS_NAMES[klass] ?? `CLASS${klass}` });
    }
    pos = nameEnd + 4;
  }
  return questions;
}

function records(list: DnsPacket.Answer[] | undefined): DnsRecordText[] {
  if (list === undefined) return [];
  return list.slice(0, MAX_RECORDS_PER_SECTION).map((record) => ({
    name: escapeText(record.name),
    type: record.type.startsWith('UNKNOWN_') ? `TYPE${record.type.slice(8)}` : record.type,
    ttl: 'ttl' in record && typeof record.ttl === 'number' ? record.ttl : 0,
    data: 'data' in record ? rdataText(record.data) : '',
  }));
}

/** Strings, numbers, Buffers (as RFC 3597 "\# length hex") and objects of those, space-separated. */
function rdataText(data: unknown, depth = 0): string {
  if (typeof data === 'string') return escapeText(data);
  if (typeof data === 'number' || typeof data === 'boolean') return String(data);
  if (Buffer.isBuffer(data)) return `\\# ${data.length}${data.length > 0 ? ' ' + data.toString('hex') : ''}`;
  if (Array.isArray(data)) return data.map((item) => (Buffer.isBuffer(item) ? quoted(item) : rdataText(item, depth + 1))).join(' ');
  if (data !== null && typeof data === 'object' && depth < 3) {
    return Object.values(data).map((value) => rdataText(value, depth + 1)).join(' ');
  }
  return '';
}

/** A TXT character-string: quoted, with its bytes escaped. */
function quoted(bytes: Buffer): string {
  return `"${escapeHostName(bytes, 0, bytes.length).replace(/"/g, '\\"')}"`;
}

function escapeText(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return escapeHostName(bytes, 0, bytes.length);
}
