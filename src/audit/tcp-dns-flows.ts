// DNS over TCP flows (RFC 7766): one reassembly stream per direction, in a bounded table so a scan
// of many short connections cannot grow memory. A message whose end can no longer come (its
// connection closed or reset, or bytes went missing) is handed on cut short: what was seen of it is
// still plaintext DNS on the wire.
import type { PacketFacts } from '../decode/packet-facts.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../decode/tcp.js';
import { createTcpDnsStream, type TcpDnsStream } from '../decode/tcp-dns-stream.js';
import type { FlowKey } from './flow-key.js';
import { createFlowTable } from './flow-table.js';

/**
 * Of a message spanning segments, the bytes kept: the audit reads the header and first question (at
 * most 12 + 255 + 4 bytes), and listed events decode the whole message, which for queries means a few
 * hundred bytes. A longer message is classified from its start; its full decode in the report is
 * then null. This bounds a full table at 16,384 flows x 2 directions x 512 bytes (16 MiB).
 */
const KEPT_MESSAGE_BYTES = 512;
const STREAM_LIMITS = { keepLength: KEPT_MESSAGE_BYTES };

interface TcpDnsFlow {
  /** Made when the direction first carries data: most flows carry one query and one answer. */
  toServer: TcpDnsStream | null;
  toClient: TcpDnsStream | null;
  finished: number;
  /** Captured on loopback: an unfinished message there hides no leak. */
  loopback: boolean;
}

/** fromClient: the message was sent by the client, whichever side sent the packet that handed it on. */
export type MessageHandler = (data: Buffer, offset: number, length: number, fromClient: boolean) => void;

/** onMessage receives each message of every flow, whole or cut short. */
export function createTcpDnsFlows(capacity: number, onMessage: MessageHandler) {
  // Messages of evicted flows that had begun and not ended: their ends will never be seen.
  let evictedUnfinished = 0;
  // The streams hand on messages without knowing their direction; these two say it.
  const fromClient = (data: Buffer, offset: number, length: number): void => onMessage(data, offset, length, true);
  const fromServer = (data: Buffer, offset: number, length: number): void => onMessage(data, offset, length, false);
  /** Hands on both directions' unfinished messages, on a packet of the flow from either side. */
  const flushBoth = (flow: TcpDnsFlow): void => {
    flow.toServer?.flushPartial(fromClient);
    flow.toClient?.flushPartial(fromServer);
  };
  const flows = createFlowTable<TcpDnsFlow>(capacity, (flow) => (evictedUnfinished += unfinishedIn(flow)));
  return {
    /** Feeds the segment that data and facts describe; returns how many gaps (lost bytes) it revealed. */
    segment(key: FlowKey, toServer: boolean, loopback: boolean, data: Buffer, facts: PacketFacts): number {
      const { tcpSeq: seq, tcpFlags: flags, payloadOffset: offset, payloadLength: length } = facts;
      const bareSyn = (flags & TCP_SYN) !== 0 && (flags & TCP_ACK) === 0;
      let flow = flows.get(key);
      // A bare SYN begins a new connection: what an old one with the same ports left unfinished ends here.
      if (bareSyn && flow !== undefined) {
        flushBoth(flow);
        flows.delete(key);
        flow = undefined;
      }
      // A flow is opened by its first payload. A segment without one (the handshake, the last ACK after
      // both FINs, a scan's SYNs) opens nothing, so it can neither leave an entry behind nor push a flow
      // holding part of a message out of the table.
      if (flow === undefined) {
        if (length === 0) return 0;
        flow = { toServer: null, toClient: null, finished: 0, loopback };
        flows.set(key, flow);
      }
      let gaps = 0;
      if (length > 0) {
        const stream = toServer ? (flow.toServer ??= createTcpDnsStream(STREAM_LIMITS)) : (flow.toClient ??= createTcpDnsStream(STREAM_LIMITS));
        const gapsBefore = stream.gaps;
        // SYN consumes one sequence number; the first data byte follows it.
        stream.push((flags & TCP_SYN) !== 0 ? (seq + 1) >>> 0 : seq, data, offset, length, toServer ? fromClient : fromServer);
        gaps = stream.gaps - gapsBefore;
      }
      if ((flags & TCP_RST) !== 0) {
        flushBoth(flow);
        flows.delete(key);
      } else if ((flags & TCP_FIN) !== 0) {
        // Nothing more comes from this side.
        if (toServer) flow.toServer?.flushPartial(fromClient);
        else flow.toClient?.flushPartial(fromServer);
        if ((flow.finished |= toServer ? 1 : 2) === 3) flows.delete(key);
      }
      return gaps;
    },
    /**
     * Messages off loopback begun and not ended: still held (at the end of a capture, their ends were
     * not seen), or held by a flow evicted for room.
     */
    unfinished(): number {
      let count = evictedUnfinished;
      for (const flow of flows.values()) count += unfinishedIn(flow);
      return count;
    },
    get size() {
      return flows.size;
    },
    get evictions() {
      return flows.evictions;
    },
  };
}

function unfinishedIn(flow: TcpDnsFlow): number {
  if (flow.loopback) return 0;
  return ((flow.toServer?.bufferedBytes ?? 0) > 0 ? 1 : 0) + ((flow.toClient?.bufferedBytes ?? 0) > 0 ? 1 : 0);
}

export type TcpDnsFlows = ReturnType<typeof createTcpDnsFlows>;
