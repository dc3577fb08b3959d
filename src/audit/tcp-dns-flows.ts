// DNS over TCP flows (RFC 7766): one reassembly stream per direction, in a bounded table so a scan
// of many short connections cannot grow memory.
import { createTcpDnsStream, type TcpDnsStream } from '../decode/tcp-dns-stream.js';
import { createBoundedMap } from './bounded-map.js';

const TCP_SYN = 0x02;
const TCP_FIN = 0x01;
const TCP_RST = 0x04;
const TCP_ACK = 0x10;

interface TcpDnsFlow {
  toServer: TcpDnsStream;
  toClient: TcpDnsStream;
  finished: number;
}

export type MessageHandler = (data: Buffer, offset: number, length: number) => void;

export function createTcpDnsFlows(capacity: number) {
  const flows = createBoundedMap<string, TcpDnsFlow>(capacity);
  return {
    /** Feeds one segment; returns how many gaps (lost bytes) the segment revealed. */
    segment(key: string, toServer: boolean, seq: number, flags: number, data: Buffer, offset: number, length: number, onMessage: MessageHandler): number {
      let flow = flows.get(key);
      // A bare SYN opens a new connection even when an old one with the same ports is remembered.
      if (flow === undefined || ((flags & TCP_SYN) !== 0 && (flags & TCP_ACK) === 0)) {
        flow = { toServer: createTcpDnsStream(), toClient: createTcpDnsStream(), finished: 0 };
        flows.set(key, flow);
      }
      const stream = toServer ? flow.toServer : flow.toClient;
      const gapsBefore = stream.gaps;
      // SYN consumes one sequence number; the first data byte follows it.
      if (length > 0) stream.push((flags & TCP_SYN) !== 0 ? (seq + 1) >>> 0 : seq, data, offset, length, onMessage);
      const gaps = stream.gaps - gapsBefore;
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
