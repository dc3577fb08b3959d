// UDP header (RFC 768): ports and the datagram's payload.
import type { PacketFacts } from './packet-facts.js';
import { setPayload } from './payload.js';

/**
 * Decodes the UDP header at data[offset]; ipEnd is where the IP header says the packet ends, end where
 * the capture does. Returns false when the header is cut short or its length field is below 8.
 */
export function decodeUdp(data: Buffer, offset: number, end: number, ipEnd: number, out: PacketFacts): boolean {
  if (end - offset < 8 || ipEnd - offset < 8) return false;
  out.srcPort = (data[offset] << 8) | data[offset + 1];
  out.dstPort = (data[offset + 2] << 8) | data[offset + 3];
  const udpLength = (data[offset + 4] << 8) | data[offset + 5];
  let datagramEnd = ipEnd;
  if (udpLength !== 0) {
    if (udpLength < 8) return false;
    // A length past the IP packet is a first fragment (the rest comes in later fragments): keep the IP
    // bound. A shorter one trims trailing bytes. 0 is GSO or a jumbogram: the IP length rules.
    if (offset + udpLength < ipEnd) datagramEnd = offset + udpLength;
  }
  setPayload(out, offset + 8, end, datagramEnd);
  return true;
}
