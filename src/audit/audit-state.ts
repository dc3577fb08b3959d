// The audit state: every packet the pipeline decoded is recorded here, classified by the rules in
// src/classify, and counted per interface. Pure and synchronous: the same state serves the offline
// audit and live capture, and a snapshot of it feeds every sink.
import { decodeDnsMessage } from '../decode/dns-full.js';
import { questionName, questionTypeOffset, readDnsHeader, type DnsHeader } from '../decode/dns-message.js';
import { DecodeStatus, PROTOCOL_TCP, type PacketFacts } from '../decode/packet-facts.js';
import { Direction, type Frame } from '../frame.js';
import { classifyMessage, MessageClass } from '../classify/classify-message.js';
import type { Policy } from '../classify/policy.js';
import { Service, serviceOf } from '../classify/service.js';
import type { LeakCategory, ReportV1 } from '../report/report-v1.js';
import type { Upstream } from './encrypted-flows.js';
import { createEncryptedPort, type PlaintextOn853 } from './encrypted-port.js';
import { flowKey, newFlowKey } from './flow-key.js';
import type { InterfaceAccount } from './interface-account.js';
import { createInterfaceTable, type PacketOrigin } from './interface-table.js';
import { createLeakLog, type LeakRecord } from './leak-log.js';
import { countLeak, leakRecord } from './leak-record.js';
import { messageFingerprint } from './loopback-dedup.js';
import { addressOf, endpointIsLoopback, serverSideIsSource } from './packet-endpoints.js';
import { createTcpDnsFlows } from './tcp-dns-flows.js';

export interface AuditLimits {
  tcpDnsFlows: number;
  encryptedFlows: number;
  upstreams: number;
  interfaces: number;
  /** Servers seen carrying DoT/DoQ, for downgrade detection; the least recently seen are forgotten. */
  encryptedServers: number;
}

export const DEFAULT_AUDIT_LIMITS: AuditLimits = { tcpDnsFlows: 16_384, encryptedFlows: 16_384, upstreams: 1024, interfaces: 4096, encryptedServers: 65_536 };

interface CurrentPacket {
  origin: PacketOrigin;
  frame: Frame;
  facts: PacketFacts;
  onLoopback: boolean;
  service: Service;
  /** TCP: the packet goes from the client to the server. */
  toServer: boolean;
  /**
   * The message being recorded was sent the other way than the packet that handed it on: a message
   * cut short when the other side closed or reset the connection.
   */
  againstPacket: boolean;
}

export type Overflow = ReportV1['overflow'];

export interface AuditObserver {
  /** Called synchronously for each leak as it is counted (live mode prints a line per leak). */
  onLeak?(record: LeakRecord): void;
}

export function createAuditState(policy: Policy, limits: AuditLimits = DEFAULT_AUDIT_LIMITS, observer: AuditObserver = {}) {
  const interfaces = createInterfaceTable(limits.interfaces);
  const leaks = createLeakLog();
  const tcpDns = createTcpDnsFlows(limits.tcpDnsFlows, onTcpMessage);
  const encrypted = createEncryptedPort(limits, countNotTls);
  const header: DnsHeader = { id: 0, isResponse: false, opcode: 0, rcode: 0, qdcount: 0, ancount: 0, nscount: 0, arcount: 0 };
  let truncated = false;
  // The packet being recorded, for the message handler TCP reassembly calls back. One object, reused:
  // the hot path allocates nothing per packet.
  const current: CurrentPacket = { origin: null!, frame: null!, facts: null!, onLoopback: false, service: Service.None, toServer: false, againstPacket: false };
  // The key of the DNS-over-TCP packet being recorded, rewritten for each one.
  const tcpDnsKey = newFlowKey();

  return {
    policy,
    leaks,
    encryptedServers: encrypted.servers as { has(server: string): boolean },
    /** What each bounded table forgot (least recently used first), for the report's `overflow`. */
    overflow(): Overflow {
      let plaintextServers = 0;
      for (const account of interfaces.accounts()) plaintextServers += account.plaintextQueriesByServer.evictions;
      return {
        tcpDnsFlows: tcpDns.evictions,
        encryptedFlows: encrypted.evictions,
        encryptedServers: encrypted.servers.evicted,
        plaintextServers,
        leakedNames: leaks.namesEvicted,
        tlsHellos: encrypted.hellosAbandoned,
      };
    },
    upstreams: (): Iterable<Upstream> => encrypted.upstreams(),
    /** DNS-over-TCP messages off loopback begun and not (yet) seen to their end, evicted flows' included. */
    unfinishedTcpMessages: (): number => tcpDns.unfinished(),
    accounts: (): Iterable<InterfaceAccount> => interfaces.accounts(),
    get truncated() {
      return truncated;
    },
    markTruncated(): void {
      truncated = true;
    },
    /** The account of an interface, created on first use. Interfaces merge by name across sources. */
    originFor: interfaces.originFor,
    record(origin: PacketOrigin, frame: Frame, facts: PacketFacts): void {
      const counters = origin.account.counters;
      counters.packets++;
      if (facts.status === DecodeStatus.Undecodable) {
        counters.undecodable++;
        return;
      }
      if (facts.status !== DecodeStatus.Ok) return;
      const service = serviceOf(facts.protocol, facts.srcPort, facts.dstPort);
      if (service === Service.None) return;
      const onLoopback = origin.account.loopback || facts.linkLoopback || endpointIsLoopback(frame.data, facts);
      // Capturing on lo yields an outgoing and an incoming copy of each packet; where the link header
      // says which is which, the outgoing one is skipped.
      if (onLoopback && facts.direction === Direction.Outbound) return;
      current.origin = origin;
      current.frame = frame;
      current.facts = facts;
      current.onLoopback = onLoopback;
      current.service = service;
      if (service === Service.Encrypted) {
        // A local DoT proxy on loopback is the host talking to itself, not an upstream.
        if (!onLoopback) encrypted.record(origin, frame, facts);
      } else if (facts.protocol === PROTOCOL_TCP) recordTcpDns(origin, frame, facts, service);
      else recordDnsMessage(frame.data, facts.payloadOffset, facts.payloadLength, 'udp');
    },
  };

  function recordTcpDns(origin: PacketOrigin, frame: Frame, facts: PacketFacts, service: Service): void {
    const toServer = !serverSideIsSource(facts, service, false);
    current.toServer = toServer;
    const key = flowKey(origin.ordinal, frame.data, facts, !toServer, tcpDnsKey);
    const gaps = tcpDns.segment(key, toServer, current.onLoopback, frame.data, facts);
    origin.account.counters.undecodable += gaps;
  }

  function onTcpMessage(data: Buffer, offset: number, length: number, fromClient: boolean): void {
    current.againstPacket = fromClient !== current.toServer;
    recordDnsMessage(data, offset, length, 'tcp');
    current.againstPacket = false;
  }

  function recordDnsMessage(data: Buffer, offset: number, length: number, transport: 'udp' | 'tcp'): void {
    const { origin, frame, facts, onLoopback, service } = current;
    const counters = origin.account.counters;
    const typeOffset = readDnsHeader(data, offset, length, header) ? questionTypeOffset(data, offset, length) : -1;
    if (typeOffset < 0) {
      counters.undecodable++;
      // Unreadable bytes on port 53 are still plaintext DNS traffic on the wire: fail closed.
      if (service === Service.Dns && !onLoopback) countMessage(false, false, null, transport, data, offset, length);
      return;
    }
    if (onLoopback && isLoopbackCopy(origin, frame, facts, data, offset, length)) return;
    counters.dnsMessages++;
    countMessage(header.isResponse, true, (data[typeOffset] << 8) | data[typeOffset + 1], transport, data, offset, length);
  }

  /**
   * hasQuestion: the message's first question is readable. Its name is read only for a leaked query:
   * responses and stub traffic never need it (responses are 43 % of the bench file's DNS messages).
   */
  function countMessage(isResponse: boolean, hasQuestion: boolean, qtype: number | null, transport: 'udp' | 'tcp', data: Buffer, offset: number, length: number): void {
    const { origin, frame, facts, onLoopback, service } = current;
    const counters = origin.account.counters;
    const serverSide = serverSideIsSource(facts, service, isResponse);
    const server = onLoopback ? '' : addressOf(frame.data, facts, serverSide);
    const verdict = classifyMessage(
      { service: service as Service.Dns | Service.LinkLocal, onLoopback, isResponse, server, interfaceName: origin.account.name },
      policy,
    );
    if (verdict === MessageClass.Stub) {
      if (!isResponse) counters.stubQueries++;
    } else if (verdict === MessageClass.Allowed) {
      if (!isResponse) counters.allowedQueries++;
    } else if (verdict === MessageClass.Leak) {
      if (isResponse) counters.leakedResponses++;
      else {
        const qname = hasQuestion ? questionName(data, offset, length) : null;
        countLeakedQuery(service === Service.LinkLocal ? 'link-local' : 'plaintext', server, qname, qtype, transport, data, offset, length);
      }
    }
  }

  /** A leaked query of the packet being recorded: counted on its interface and logged as an event. */
  function countLeakedQuery(
    category: LeakCategory,
    server: string,
    qname: string | null,
    qtype: number | null,
    transport: 'udp' | 'tcp',
    data: Buffer,
    offset: number,
    length: number,
  ): void {
    const { origin, frame, facts, againstPacket } = current;
    countLeak(origin.account, category, server);
    const record = leakRecord(frame, facts, origin.account.name, { category, transport, server, qname, qtype, againstPacket });
    // The full decode (dns-packet) is paid only for the events a report lists.
    if (leaks.listingNext) record.message = decodeDnsMessage(data, offset, length);
    leaks.add(record);
    observer.onLeak?.(record);
  }

  /** Plaintext where DoT or DoQ was expected: a not-tls leak unless the policy allows its server. */
  function countNotTls(found: PlaintextOn853): void {
    const { origin, frame } = current;
    if (classifyMessage({ service: Service.Dns, onLoopback: false, isResponse: false, server: found.server, interfaceName: origin.account.name }, policy) === MessageClass.Allowed) {
      origin.account.counters.allowedQueries++;
      return;
    }
    const { question } = found;
    countLeakedQuery('not-tls', found.server, question?.name ?? null, question?.type ?? null, found.transport, frame.data, found.offset, found.length);
  }
}

/** The kernel's second copy of a message on loopback (see loopback-dedup.ts). */
function isLoopbackCopy(origin: PacketOrigin, frame: Frame, facts: PacketFacts, data: Buffer, offset: number, length: number): boolean {
  const micros = frame.tsSec * 1e6 + frame.tsNsec / 1e3;
  return origin.account.dedup.isDuplicate(messageFingerprint(frame.data, facts, data, offset, length), micros);
}

export type AuditState = ReturnType<typeof createAuditState>;
