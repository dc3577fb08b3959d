// Flows on port 853: DoT over TCP (RFC 7858) and DoQ over UDP (RFC 9250). A flow counts as encrypted
// once its first payload is TLS (or QUIC); a SYN-only flow (853 blocked) proves nothing and is not
// counted. Plaintext DNS on 853 is a leak where the admin expects encryption. A TCP payload that is
// neither (the middle of a TLS record, when the capture joined an established connection) judges
// nothing: the flow waits for a payload that is.
import { dnsOverTcpMessageStart, readsAsDnsMessage } from '../decode/dns-message.js';
import { ENCRYPTED_PORT } from '../classify/service.js';
import { PROTOCOL_UDP } from '../decode/packet-facts.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../decode/tcp.js';
import { parseClientHello, parseServerHello, tlsRecordCheck, type ClientHelloFacts, type ServerHelloFacts } from '../decode/tls-hello.js';
import { createBoundedMap } from './bounded-map.js';
import type { FlowKey } from './flow-key.js';
import { createFlowTable } from './flow-table.js';
import { createHelloBuffer, HelloBudget, type HelloBuffer, type HelloParse } from './hello-buffer.js';

/**
 * Bytes all TLS hellos being gathered across flows may hold: a hello spanning segments is a few KiB
 * (post-quantum key shares), so this is room for thousands in flight at once.
 */
const HELLO_BUDGET_BYTES = 8 << 20;

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

/** A hello awaited and not begun: no segment of it seen yet. */
const NOT_BEGUN = 0;

/**
 * Where a flow is with one direction's TLS hello: not begun, being gathered across segments, or done
 * with (null; also for DoQ, which has none). A gatherer is made only for a hello that spans segments:
 * most fit in one and are parsed in place. Made for every DoT flow, the two gatherers outlived many
 * scavenges on flows that stay open: the 2M-packet interleaved bench file took 1.116 s with them and
 * 1.068 s without (median of 7, alternating; its 500k file 0.524 and 0.511 s).
 */
type HelloState<T extends HelloParse> = typeof NOT_BEGUN | HelloBuffer<T> | null;

/** A flow still being judged, or whose TLS hellos are still awaited. */
class OpenFlow {
  state = FlowState.Unknown;
  clientHello: HelloState<ClientHelloFacts> = null;
  serverHello: HelloState<ServerHelloFacts> = null;

  constructor(public upstream: Upstream) {}
}

/** A flow whose first payload was not TLS / QUIC: nothing more is learnt from it. */
const NOT_ENCRYPTED = 0;

/**
 * What the table keeps per flow. Once nothing more can be learnt from a flow, its entry shrinks to its
 * (shared) upstream, or to NOT_ENCRYPTED: no object per flow stays behind. Flows outlive many
 * scavenges, and what survives them is promoted and makes V8 grow its young generation; measured on
 * the bench files, dropping the per-flow object lowered peak RSS by about 12 MiB on 2M packets and
 * 9 MiB on 500k.
 */
type FlowEntry = OpenFlow | Upstream | typeof NOT_ENCRYPTED;

export interface Segment {
  flowKey: FlowKey;
  toServer: boolean;
  protocol: number;
  tcpFlags: number;
  tcpSeq: number;
  tsSec: number;
  tsNsec: number;
}

export function createEncryptedFlows(flowCapacity: number, upstreamCapacity: number) {
  const flows = createFlowTable<FlowEntry>(flowCapacity);
  const upstreams = createBoundedMap<string, Upstream>(upstreamCapacity);
  const helloBudget = new HelloBudget(HELLO_BUDGET_BYTES);

  return {
    upstreams: () => upstreams.values(),
    get evictions() {
      return flows.evictions + upstreams.evictions;
    },
    /** TLS hellos given up unparsed to keep the bytes held for hellos within their budget. */
    get hellosAbandoned() {
      return helloBudget.abandoned;
    },
    /**
     * Follows one packet. `identify` names the server side, called once per new flow so that addresses
     * are formatted per flow, not per packet.
     */
    packet(segment: Segment, data: Buffer, offset: number, length: number, identify: () => Upstream): PacketOutcome {
      const outcome = follow(segment, data, offset, length, identify);
      if ((segment.tcpFlags & (TCP_FIN | TCP_RST)) !== 0 && segment.protocol !== PROTOCOL_UDP) noteClose(segment);
      return outcome;
    },
  };

  function follow(segment: Segment, data: Buffer, offset: number, length: number, identify: () => Upstream): PacketOutcome {
    // Packets without payload (handshake, ACKs, the ACK after both FINs) never open a flow: only a
    // payload can judge it, and a table of bare ACKs would crowd out the flows that matter.
    if (length === 0) {
      if ((segment.tcpFlags & TCP_SYN) !== 0 && (segment.tcpFlags & TCP_ACK) === 0) flows.delete(segment.flowKey);
      return PacketOutcome.Nothing;
    }
    const entry = entryFor(segment, identify);
    if (entry === NOT_ENCRYPTED) return PacketOutcome.Nothing;
    if (!(entry instanceof OpenFlow)) {
      countBytes(entry, segment, length);
      return PacketOutcome.Encrypted;
    }
    const flow = entry;
    let outcome = PacketOutcome.Encrypted;
    if (flow.state === FlowState.Unknown) {
      flow.state = judgeFirstPayload(segment.protocol, data, offset, length);
      if (flow.state === FlowState.NotEncrypted) {
        flows.replace(segment.flowKey, NOT_ENCRYPTED);
        return PacketOutcome.NewNotEncrypted;
      }
      if (flow.state === FlowState.Unknown) return PacketOutcome.Nothing;
      startEncrypted(flow, segment.protocol);
      outcome = PacketOutcome.NewEncrypted;
    }
    followEncrypted(flow, segment, data, offset, length);
    if (flow.clientHello === null && flow.serverHello === null) flows.replace(segment.flowKey, flow.upstream);
    return outcome;
  }

  /**
   * RST ends a connection; FIN ends one direction, and both FINs the connection. The FINs seen are the
   * flow's marks (1 from the client, 2 from the server). A closed connection is forgotten: nothing
   * more can be learnt from it, and kept until the table evicted it, its entry outlived many
   * scavenges only to die in the old generation.
   */
  function noteClose(segment: Segment): void {
    if ((segment.tcpFlags & TCP_RST) !== 0 || flows.mark(segment.flowKey, segment.toServer ? 1 : 2) === 3) flows.delete(segment.flowKey);
  }

  function entryFor(segment: Segment, identify: () => Upstream): FlowEntry {
    let entry = flows.get(segment.flowKey);
    if (entry === undefined) {
      entry = new OpenFlow(identify());
      flows.set(segment.flowKey, entry);
    }
    return entry;
  }

  function startEncrypted(flow: OpenFlow, protocol: number): void {
    const key = upstreamKey(flow.upstream);
    const known = upstreams.get(key);
    if (known === undefined) upstreams.set(key, flow.upstream);
    else flow.upstream = known;
    flow.upstream.flows++;
    if (protocol === PROTOCOL_UDP) return;
    // An upstream keeps the first SNI it was seen with (noteSni), so once it has one, its flows'
    // ClientHellos can tell nothing new. Left unparsed: host 500k 0.248 -> 0.245 s, dns-heavy 0.275 ->
    // 0.263, interleaved 0.438 -> 0.434 (median of 15, alternating; reports unchanged). The version is
    // kept from the latest ServerHello, so every one of those is still read.
    flow.clientHello = flow.upstream.sni === null ? NOT_BEGUN : null;
    flow.serverHello = NOT_BEGUN;
  }

  function followEncrypted(flow: OpenFlow, segment: Segment, data: Buffer, offset: number, length: number): void {
    const upstream = flow.upstream;
    countBytes(upstream, segment, length);
    // A finished hello is never read again; released, it leaves the flow with nothing to hold.
    if (segment.toServer) {
      if (flow.clientHello !== null) flow.clientHello = feedHello(flow.clientHello, parseClientHello, noteSni, upstream, segment, data, offset, length);
    } else if (flow.serverHello !== null) {
      flow.serverHello = feedHello(flow.serverHello, parseServerHello, noteVersion, upstream, segment, data, offset, length);
    }
  }

  /** One segment of an awaited hello; returns where the hello is now. note gets the hello once read. */
  function feedHello<T extends HelloParse>(
    hello: typeof NOT_BEGUN | HelloBuffer<T>,
    parse: (data: Buffer, offset: number, length: number) => T,
    note: (upstream: Upstream, parsed: T) => void,
    upstream: Upstream,
    segment: Segment,
    data: Buffer,
    offset: number,
    length: number,
  ): HelloState<T> {
    if (hello === NOT_BEGUN) {
      const whole = parse(data, offset, length);
      if (whole.status !== 'need-more') {
        if (whole.status === 'ok') note(upstream, whole);
        return null;
      }
      hello = createHelloBuffer(parse, helloBudget);
    }
    hello.append(segment.tcpSeq, data, offset, length);
    if (hello.result !== null) note(upstream, hello.result);
    return hello.done ? null : hello;
  }
}

/**
 * An upstream's key in its table. A DoT server (TCP, port 853) is keyed by its address text alone,
 * the string the packet's address already gave, so most new flows make no key; the others' keys hold
 * a '|', which no address text does. A key of three parts joined made a string for every new flow,
 * a rope the table then had to flatten before hashing: the 2M-packet dns-heavy bench file (66,664
 * DoT flows) took 0.689 s that way and 0.672 s this way (median of 13, alternating).
 */
function upstreamKey(upstream: Upstream): string {
  if (upstream.transport === 'tcp' && upstream.port === ENCRYPTED_PORT) return upstream.server;
  return `${upstream.transport}|${upstream.server}|${upstream.port}`;
}

function noteSni(upstream: Upstream, hello: ClientHelloFacts): void {
  if (hello.sni !== null && upstream.sni === null) upstream.sni = hello.sni;
}

function noteVersion(upstream: Upstream, hello: ServerHelloFacts): void {
  if (hello.version !== null) upstream.tlsVersion = hello.version;
}

function countBytes(upstream: Upstream, segment: Segment, length: number): void {
  upstream.bytes += length;
  upstream.lastSec = segment.tsSec;
  upstream.lastNsec = segment.tsNsec;
}

function judgeFirstPayload(protocol: number, data: Buffer, offset: number, length: number): FlowState {
  if (protocol === PROTOCOL_UDP) {
    // DNS first: a query's ID has QUIC's fixed bit set half the time.
    if (readsAsDnsMessage(data, offset, length)) return FlowState.NotEncrypted;
    return (data[offset] & QUIC_FIXED_BIT) !== 0 ? FlowState.Encrypted : FlowState.NotEncrypted;
  }
  const check = tlsRecordCheck(data, offset, length);
  if (check === 'tls') return FlowState.Encrypted;
  if (check === 'not-tls' && dnsOverTcpMessageStart(data, offset, length) >= 0) return FlowState.NotEncrypted;
  return FlowState.Unknown;
}


export type EncryptedFlows = ReturnType<typeof createEncryptedFlows>;
