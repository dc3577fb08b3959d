// One leaked query, as counted on its interface and as recorded for the report's events.
import type { PacketFacts } from '../decode/packet-facts.js';
import type { Frame } from '../frame.js';
import type { LeakCategory, Transport } from '../report/report-v1.js';
import type { InterfaceAccount } from './interface-account.js';
import type { LeakRecord } from './leak-log.js';
import { addressOf, leakServerIsSource } from './packet-endpoints.js';

export function countLeak(account: InterfaceAccount, category: LeakCategory, server: string): void {
  account.counters.leakedQueries++;
  if (category === 'link-local') account.counters.linkLocalQueries++;
  if (category !== 'plaintext') return;
  // Per server, so that a snapshot can tell which leaks went to a server also seen carrying DoT.
  const counted = account.plaintextQueriesByServer.get(server);
  if (counted === undefined) account.plaintextQueriesByServer.set(server, { queries: 1 });
  else counted.queries++;
}

export interface LeakFacts {
  category: LeakCategory;
  transport: Transport;
  server: string;
  qname: string | null;
  qtype: number | null;
  /** The query was handed on by a packet going the other way (cut short when the server closed). */
  againstPacket: boolean;
}

export function leakRecord(frame: Frame, facts: PacketFacts, interfaceName: string | null, leak: LeakFacts): LeakRecord {
  // Endpoints as the query travelled: the packet's own, or the packet's swapped.
  const fromPacketSource = !leak.againstPacket;
  const srcPort = fromPacketSource ? facts.srcPort : facts.dstPort;
  const dstPort = fromPacketSource ? facts.dstPort : facts.srcPort;
  // The server is one of the two endpoints (the query's destination): format only the other one.
  const serverIsSrc = leakServerIsSource(leak.category, srcPort, dstPort);
  return {
    tsSec: frame.tsSec,
    tsNsec: frame.tsNsec,
    interfaceName,
    category: leak.category,
    transport: leak.transport,
    src: serverIsSrc ? leak.server : addressOf(frame.data, facts, fromPacketSource),
    dst: serverIsSrc ? addressOf(frame.data, facts, !fromPacketSource) : leak.server,
    srcPort,
    dstPort,
    server: leak.server,
    qname: leak.qname,
    qtype: leak.qtype,
    message: null,
  };
}
