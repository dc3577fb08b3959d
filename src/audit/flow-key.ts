// Flow identity for the per-flow tables: interface, transport and both endpoints, client first.
// Addresses go in as raw bytes (latin1), which is cheaper than formatting them for every segment.
import type { PacketFacts } from '../decode/packet-facts.js';

export function flowKey(interfaceKey: string, data: Buffer, facts: PacketFacts, serverIsSource: boolean): string {
  const length = facts.ipVersion === 4 ? 4 : 16;
  const src = data.toString('latin1', facts.srcAddressOffset, facts.srcAddressOffset + length);
  const dst = data.toString('latin1', facts.dstAddressOffset, facts.dstAddressOffset + length);
  const client = serverIsSource ? `${dst}|${facts.dstPort}` : `${src}|${facts.srcPort}`;
  const server = serverIsSource ? `${src}|${facts.srcPort}` : `${dst}|${facts.dstPort}`;
  return `${interfaceKey}|${facts.protocol}|${client}|${server}`;
}
