// TCP header (RFC 9293): ports, sequence number, flags and the segment's payload.
import { readU32 } from '../byte-order.js';
import type { PacketFacts } from './packet-facts.js';
import { setPayload } from './payload.js';

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;

/**
 * Decodes the TCP header at data[offset]; ipEnd is where the IP header says the packet ends, end where
 * the capture does. Returns false when the header (options included) is cut short or its data offset
 * is below 5 words. tcpFlags holds the 8 flag bits of byte 13 (FIN, SYN, ... CWR) plus the old NS bit
 * as 0x100.
 */
export function decodeTcp(data: Buffer, offset: number, end: number, ipEnd: number, out: PacketFacts): boolean {
  if (end - offset < 20 || ipEnd - offset < 20) return false;
  const headerLength = (data[offset + 12] >> 4) * 4;
  if (headerLength < 20 || end - offset < headerLength || ipEnd - offset < headerLength) return false;
  out.srcPort = (data[offset] << 8) | data[offset + 1];
  out.dstPort = (data[offset + 2] << 8) | data[offset + 3];
  out.tcpSeq = readU32(data, offset + 4, false);
  out.tcpFlags = ((data[offset + 12] & 1) << 8) | data[offset + 13];
  setPayload(out, offset + headerLength, end, ipEnd);
  return true;
}
