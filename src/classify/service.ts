// Which DNS service a transport port pair belongs to: the first, cheapest filter, applied before any
// payload is decoded.
import { PROTOCOL_TCP, PROTOCOL_UDP } from '../decode/packet-facts.js';

export const enum Service {
  None = 0,
  /** Classic DNS on UDP or TCP 53. */
  Dns = 1,
  /** mDNS (UDP 5353, RFC 6762) or LLMNR (UDP 5355, RFC 4795): multicast name lookups on the link. */
  LinkLocal = 2,
  /** DoT on TCP 853 (RFC 7858) or DoQ on UDP 853 (RFC 9250). */
  Encrypted = 3,
}

export const DNS_PORT = 53;
export const ENCRYPTED_PORT = 853;
export const MDNS_PORT = 5353;
export const LLMNR_PORT = 5355;

export function serviceOf(protocol: number, srcPort: number, dstPort: number): Service {
  if (protocol !== PROTOCOL_UDP && protocol !== PROTOCOL_TCP) return Service.None;
  if (srcPort === DNS_PORT || dstPort === DNS_PORT) return Service.Dns;
  if (srcPort === ENCRYPTED_PORT || dstPort === ENCRYPTED_PORT) return Service.Encrypted;
  if (protocol !== PROTOCOL_UDP) return Service.None;
  return isLinkLocalPort(srcPort) || isLinkLocalPort(dstPort) ? Service.LinkLocal : Service.None;
}

function isLinkLocalPort(port: number): boolean {
  return port === MDNS_PORT || port === LLMNR_PORT;
}

/** The server end of a DNS exchange: the side on the service port, else the query's destination. */
export function serverIsSource(srcPort: number, dstPort: number, servicePort: number, isResponse: boolean): boolean {
  if (srcPort === servicePort && dstPort !== servicePort) return true;
  if (dstPort === servicePort && srcPort !== servicePort) return false;
  return isResponse;
}
