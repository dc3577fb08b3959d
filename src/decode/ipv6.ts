// IPv6 header (RFC 8200) and its extension header chain, down to the upper-layer protocol.
import type { PacketFacts } from './packet-facts.js';

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTHENTICATION = 51;
const DESTINATION_OPTIONS = 60;
/** Real packets carry two or three; the cap bounds the walk over crafted chains. */
const MAX_EXTENSION_HEADERS = 8;

/**
 * Decodes the IPv6 header at data[offset] with bytes captured up to end, walking hop-by-hop, routing,
 * fragment, destination options and AH headers. Returns the offset of the upper-layer header, or -1
 * when malformed, cut short, chained too deep, or a non-first fragment. Any other next header (TCP,
 * UDP, ICMPv6, ESP 50, no next header 59, ...) ends the walk as out.protocol.
 */
export function decodeIpv6(data: Buffer, offset: number, end: number, out: PacketFacts): number {
  if (end - offset < 40) return -1;
  if (data[offset] >> 4 !== 6) return -1;
  const payloadLength = (data[offset + 4] << 8) | data[offset + 5];
  // 0 is a jumbogram (RFC 2675) or an offloaded segment captured before splitting: use what was captured.
  const ipLength = payloadLength === 0 ? end - offset : 40 + payloadLength;
  out.ipVersion = 6;
  out.srcAddressOffset = offset + 8;
  out.dstAddressOffset = offset + 24;
  out.ipLength = ipLength;
  // Extension headers must lie within both the declared packet and the captured bytes.
  const limit = offset + ipLength < end ? offset + ipLength : end;
  let next = data[offset + 6];
  let pos = offset + 40;
  for (let count = 0; ; count++) {
    let headerLength: number;
    if (next === HOP_BY_HOP || next === ROUTING || next === DESTINATION_OPTIONS) {
      if (limit - pos < 2) return -1;
      headerLength = (data[pos + 1] + 1) * 8;
    } else if (next === FRAGMENT) {
      if (limit - pos < 8) return -1;
      if (((data[pos + 2] << 8) | data[pos + 3]) >> 3 !== 0) return -1;
      headerLength = 8;
    } else if (next === AUTHENTICATION) {
      // RFC 4302: AH counts its length in 4-byte units, minus 2.
      if (limit - pos < 2) return -1;
      headerLength = (data[pos + 1] + 2) * 4;
    } else {
      out.protocol = next;
      return pos;
    }
    if (count === MAX_EXTENSION_HEADERS || limit - pos < headerLength) return -1;
    next = data[pos];
    pos += headerLength;
  }
}
