// DNS over TCP flows (RFC 7766): one reassembly stream per direction, in a bounded table so a scan
// of many short connections cannot grow memory.
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../decode/tcp.js';
import { createTcpDnsStream, type TcpDnsStream } from '../decode/tcp-dns-stream.js';
import { createBoundedMap } from './bounded-map.js';


interface TcpDnsFlow {
  /** Made when the direction first carries data: most flows carry one query and one answer. */
  toServer: TcpDnsStream | null;
  toClient: TcpDnsStream | null;
  finished: number;
}

export type MessageHandler = (data: Buffer, offset: number, length: number) => void;

export function createTcpDnsFlows(capacity: number) {
  const flows = createBoundedMap<string, TcpDnsFlow>(capacity);
  return {
    /** Feeds one segment; returns how many gaps (lost bytes) the segment revealed. */
    segment(key: string, toServer: boolean, seq: number, flags: number, data: Buffer, offset: number, length: number, onMessage: MessageHandler): number {
      const bareSyn = (flags & TCP_SYN) !== 0 && (flags & TCP_ACK) === 0;
      let flow = flows.get(key);
      // A bare ACK or FIN of a flow already forgotten (the last ACK after both FINs) opens nothing:
      // otherwise every closed connection would leave an entry behind.
      if (flow === undefined && length === 0 && !bareSyn) return 0;
      // A bare SYN opens a new connection even when an old one with the same ports is remembered.
      if (flow === undefined || bareSyn) {
        flow = { toServer: null, toClient: null, finished: 0 };
        flows.set(key, flow);
      }
      let gaps = 0;
      if (length > 0) {
        const stream = toServer ? (flow.toServer ??= createTcpDnsStream()) : (flow.toClient ??= createTcpDnsStream());
        const gapsBefore = stream.gaps;
        // SYN consumes one sequence number; the first data byte follows it.
        stream.push((flags & TCP_SYN) !== 0 ? (seq + 1) >>> 0 : seq, data, offset, length, onMessage);
        gaps = stream.gaps - gapsBefore;
      }
      if ((flags & TCP_RST) !== 0) flows.delete(key);
      else if ((flags & TCP_FIN) !== 0 && (flow.finished |= toServer ? 1 : 2) === 3) flows.delete(key);
      return gaps;
    },
    get size() {
      return flows.size;
    },
    get evictions() {
      return flows.evictions;
    },
  };
}

export type TcpDnsFlows = ReturnType<typeof createTcpDnsFlows>;
