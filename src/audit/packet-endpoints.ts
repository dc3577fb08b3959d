// Which end of a decoded packet is what: loopback endpoints, the server side of an exchange, and the
// addresses as text (formatted only where a report needs them, never for every packet).
import { formatAddress, isLoopbackAddress } from '../decode/address.js';
import type { PacketFacts } from '../decode/packet-facts.js';
import { DNS_PORT, ENCRYPTED_PORT, Service, serverIsSource } from '../classify/service.js';
import type { LeakCategory } from '../report/report-v1.js';

export function endpointIsLoopback(data: Buffer, facts: PacketFacts): boolean {
  return isLoopbackAddress(data, facts.srcAddressOffset, facts.ipVersion) || isLoopbackAddress(data, facts.dstAddressOffset, facts.ipVersion);
}

export function addressOf(data: Buffer, facts: PacketFacts, source: boolean): string {
  return formatAddress(data, source ? facts.srcAddressOffset : facts.dstAddressOffset, facts.ipVersion);
}

/** The server of a DNS exchange: the port-53 side; on multicast services, the query's destination. */
export function serverSideIsSource(facts: PacketFacts, service: Service, isResponse: boolean): boolean {
  return service === Service.Dns ? serverIsSource(facts.srcPort, facts.dstPort, DNS_PORT, isResponse) : isResponse;
}

/** Where the server of a leaked query is: a query goes to its server, except on 853 where the port says. */
export function leakServerIsSource(category: LeakCategory, facts: PacketFacts): boolean {
  if (category === 'not-tls') return serverIsSource(facts.srcPort, facts.dstPort, ENCRYPTED_PORT, false);
  return category !== 'link-local' && serverIsSource(facts.srcPort, facts.dstPort, DNS_PORT, false);
}
