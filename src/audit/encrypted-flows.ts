// Flows on port 853: DoT over TCP (RFC 7858) and DoQ over UDP (RFC 9250). A flow counts as encrypted
// once its first payload is TLS (or QUIC); a SYN-only flow (853 blocked) proves nothing and is not
// counted. Payload that is not TLS on 853 is plaintext where the admin expects encryption: a leak.
import { PROTOCOL_UDP } from '../decode/packet-facts.js';
import { parseClientHello, parseServerHello, tlsRecordCheck } from '../decode/tls-hello.js';
import { createBoundedMap } from './bounded-map.js';
import { createHelloBuffer, type HelloBuffer } from './hello-buffer.js';

const TCP_SYN = 0x02;
const TCP_ACK = 0x10;
/** RFC 9000 17.2: every QUIC v1 packet has the fixed bit set. */
const QUIC_FIXED_BIT = 0x40;

export const enum FlowState {
  Unknown = 0,
  Encrypted = 1,
  NotEncrypted = 2,
}

/** What one packet meant for its flow; payload bytes count whenever the flow is encrypted. */
export const enum PacketOutcome {
  /** No payload, or the flow is not judged yet or not encrypted. */
  Nothing = 0,
  /** The flow's first payload was TLS / QUIC: a new encrypted flow. */
  NewEncrypted = 1,
  /** The flow's first payload was not TLS / QUIC. */
  NewNotEncrypted = 2,
  /** More payload on an encrypted flow. */
  Encrypted = 3,
}

export interface Upstream {
  server: string;
  port: number;
  transport: 'tcp' | 'udp';
  sni: string | null;
  tlsVersion: number | null;
  flows: number;
  bytes: number;
  lastSec: number;
  lastNsec: number;
}

interface EncryptedFlow {
  state: FlowState;
  upstream: Upstream;
  clientHello: HelloBuffer<ReturnType<typeof parseClientHello>> | null;
  serverHello: HelloBuffer<ReturnType<typeof parseServerHello>> | null;
}

export interface Segment {
  flowKey: string;
  toServer: boolean;
  protocol: number;
  tcpFlags: number;
  tcpSeq: number;
  tsSec: number;
  tsNsec: number;
}

export function createEncryptedFlows(flowCapacity: number, upstreamCapacity: number) {
  const flows = createBoundedMap<string, EncryptedFlow>(flowCapacity);
  const upstreams = createBoundedMap<string, Upstream>(upstreamCapacity);

  return {
    upstreams: () => upstreams.values(),
    get evictions() {
      return flows.evictions + upstreams.evictions;
    },
    /**
     * Follows one packet. `identify` names the server side, called once per new flow so that addresses
     * are formatted per flow, not per packet.
     */
    packet(segment: Segment, data: Buffer, offset: number, length: number, identify: () => Upstream): PacketOutcome {
      // Packets without payload (handshake, ACKs, the ACK after both FINs) never open a flow: only a
      // payload can judge it, and a table of bare ACKs would crowd out the flows that matter.
      if (length === 0) {
        if ((segment.tcpFlags & TCP_SYN) !== 0 && (segment.tcpFlags & TCP_ACK) === 0) flows.delete(segment.flowKey);
        return PacketOutcome.Nothing;
      }
      const flow = flowFor(segment, identify);
      let outcome = PacketOutcome.Encrypted;
      if (flow.state === FlowState.Unknown) {
        flow.state = judgeFirstPayload(segment.protocol, data, offset, length);
        if (flow.state === FlowState.NotEncrypted) return PacketOutcome.NewNotEncrypted;
        if (flow.state === FlowState.Unknown) return PacketOutcome.Nothing;
        startEncrypted(flow, segment.protocol);
        outcome = PacketOutcome.NewEncrypted;
      }
      if (flow.state !== FlowState.Encrypted) return PacketOutcome.Nothing;
      followEncrypted(flow, segment, data, offset, length);
      return outcome;
    },
  };

  function flowFor(segment: Segment, identify: () => Upstream): EncryptedFlow {
    let flow = flows.get(segment.flowKey);
    if (flow === undefined) {
      flow = { state: FlowState.Unknown, upstream: identify(), clientHello: null, serverHello: null };
      flows.set(segment.flowKey, flow);
    }
    return flow;
  }

  function startEncrypted(flow: EncryptedFlow, protocol: number): void {
    const key = `${flow.upstream.transport}|${flow.upstream.server}|${flow.upstream.port}`;
    const known = upstreams.get(key);
    if (known === undefined) upstreams.set(key, flow.upstream);
    else flow.upstream = known;
    flow.upstream.flows++;
    if (protocol === PROTOCOL_UDP) return;
    flow.clientHello = createHelloBuffer(parseClientHello);
    flow.serverHello = createHelloBuffer(parseServerHello);
  }

  function followEncrypted(flow: EncryptedFlow, segment: Segment, data: Buffer, offset: number, length: number): void {
    const upstream = flow.upstream;
    upstream.bytes += length;
    upstream.lastSec = segment.tsSec;
    upstream.lastNsec = segment.tsNsec;
    if (segment.toServer) {
      const hello = flow.clientHello;
      if (hello === null || hello.done) return;
      hello.append(segment.tcpSeq, data, offset, length);
      if (hello.result?.sni != null && upstream.sni === null) upstream.sni = hello.result.sni;
    } else {
      const hello = flow.serverHello;
      if (hello === null || hello.done) return;
      hello.append(segment.tcpSeq, data, offset, length);
      if (hello.result?.version != null) upstream.tlsVersion = hello.result.version;
    }
  }
}

function judgeFirstPayload(protocol: number, data: Buffer, offset: number, length: number): FlowState {
  if (protocol === PROTOCOL_UDP) return (data[offset] & QUIC_FIXED_BIT) !== 0 ? FlowState.Encrypted : FlowState.NotEncrypted;
  const check = tlsRecordCheck(data, offset, length);
  if (check === 'tls') return FlowState.Encrypted;
  if (check === 'not-tls') return FlowState.NotEncrypted;
  return FlowState.Unknown;
}

export type EncryptedFlows = ReturnType<typeof createEncryptedFlows>;
