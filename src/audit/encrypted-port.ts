// Packets on port 853 (DoT over TCP, DoQ over UDP), off loopback: their flows followed and counted per
// interface as encrypted once their first payload is TLS or QUIC, and the servers seen carrying them
// remembered (what makes a plaintext leak to the same server a downgrade). A flow whose first payload
// is plaintext is handed back to the audit state, which classifies it as a not-tls leak.
import { dnsOverTcpMessageStart, readQuestion, type DnsQuestion } from '../decode/dns-message.js';
import { PROTOCOL_TCP, type PacketFacts } from '../decode/packet-facts.js';
import { TCP_FIN, TCP_RST, TCP_SYN } from '../decode/tcp.js';
import type { Frame } from '../frame.js';
import { ENCRYPTED_PORT, serverIsSource } from '../classify/service.js';
import { createEncryptedFlows, PacketOutcome, type Segment, type Upstream } from './encrypted-flows.js';
import { createEncryptedServers, type EncryptedServers } from './encrypted-servers.js';
import { flowKey, newFlowKey } from './flow-key.js';
import type { PacketOrigin } from './interface-table.js';
import { addressOf } from './packet-endpoints.js';

export interface EncryptedPortLimits {
  encryptedFlows: number;
  upstreams: number;
  encryptedServers: number;
}

/** The first payload of an 853 flow, when it was not TLS or QUIC. */
export interface PlaintextOn853 {
  server: string;
  transport: 'udp' | 'tcp';
  /** The DNS message within the frame: past a TCP length prefix when there is one. */
  offset: number;
  length: number;
  /** Its first question, when it reads as DNS. */
  question: DnsQuestion | null;
}

export function createEncryptedPort(limits: EncryptedPortLimits, onPlaintext: (found: PlaintextOn853) => void) {
  const flows = createEncryptedFlows(limits.encryptedFlows, limits.upstreams);
  const servers = createEncryptedServers(limits.encryptedServers);
  // Reused for every packet: the hot path allocates nothing per packet.
  const segment: Segment = { flowKey: newFlowKey(), toServer: false, protocol: 0, tcpFlags: 0, tcpSeq: 0, tsSec: 0, tsNsec: 0 };
  let frameNow: Frame | null = null;
  let factsNow: PacketFacts | null = null;

  return {
    servers: servers as Pick<EncryptedServers, 'has' | 'evicted'>,
    upstreams: (): Iterable<Upstream> => flows.upstreams(),
    get evictions() {
      return flows.evictions;
    },
    get hellosAbandoned() {
      return flows.hellosAbandoned;
    },
    record(origin: PacketOrigin, frame: Frame, facts: PacketFacts): void {
      // A segment with no payload that neither opens nor closes a connection (an ACK) changes nothing.
      if (facts.payloadLength === 0 && (facts.tcpFlags & (TCP_SYN | TCP_FIN | TCP_RST)) === 0) return;
      const serverSide = serverIsSource(facts.srcPort, facts.dstPort, ENCRYPTED_PORT, false);
      flowKey(origin.ordinal, frame.data, facts, serverSide, segment.flowKey);
      segment.toServer = !serverSide;
      segment.protocol = facts.protocol;
      segment.tcpFlags = facts.tcpFlags;
      segment.tcpSeq = facts.tcpSeq;
      segment.tsSec = frame.tsSec;
      segment.tsNsec = frame.tsNsec;
      frameNow = frame;
      factsNow = facts;
      const outcome = flows.packet(segment, frame.data, facts.payloadOffset, facts.payloadLength, identifyUpstream);
      const counters = origin.account.counters;
      if (outcome === PacketOutcome.NewEncrypted) {
        counters.encryptedFlows++;
        servers.remember(addressOf(frame.data, facts, serverSide));
      }
      if (outcome === PacketOutcome.NewEncrypted || outcome === PacketOutcome.Encrypted) counters.encryptedBytes += facts.payloadLength;
      if (outcome === PacketOutcome.NewNotEncrypted) onPlaintext(plaintextOn853(frame, facts, serverSide));
    },
  };

  /** The upstream of the current packet's flow: called once per new flow, not per packet. */
  function identifyUpstream(): Upstream {
    const frame = frameNow as Frame;
    const facts = factsNow as PacketFacts;
    return {
      server: addressOf(frame.data, facts, !segment.toServer),
      port: ENCRYPTED_PORT,
      transport: facts.protocol === PROTOCOL_TCP ? 'tcp' : 'udp',
      sni: null,
      tlsVersion: null,
      flows: 0,
      bytes: 0,
      lastSec: frame.tsSec,
      lastNsec: frame.tsNsec,
    };
  }
}

function plaintextOn853(frame: Frame, facts: PacketFacts, serverSide: boolean): PlaintextOn853 {
  const transport = facts.protocol === PROTOCOL_TCP ? 'tcp' : 'udp';
  const start = transport === 'tcp' ? dnsOverTcpMessageStart(frame.data, facts.payloadOffset, facts.payloadLength) : -1;
  const offset = start < 0 ? facts.payloadOffset : start;
  const length = facts.payloadLength - (offset - facts.payloadOffset);
  return {
    server: addressOf(frame.data, facts, serverSide),
    transport,
    offset,
    length,
    question: length > 0 ? readQuestion(frame.data, offset, length) : null,
  };
}

export type EncryptedPort = ReturnType<typeof createEncryptedPort>;
