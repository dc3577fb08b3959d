// What decoding one frame down to the transport layer yields: the facts classification needs,
// as offsets into the frame's buffer so that uninteresting packets cost no allocation.
import { Direction } from '../frame.js';

export const enum DecodeStatus {
  /** IP packet decoded down to its transport header (or to IP for other protocols). */
  Ok = 0,
  /** Not IP (ARP, LLDP, ...): counted as a packet, never as undecodable. */
  NotIp = 1,
  /** Malformed or cut short at any layer, unknown link type, or a non-first IP fragment. */
  Undecodable = 2,
}

export const PROTOCOL_TCP = 6;
export const PROTOCOL_UDP = 17;

export interface PacketFacts {
  status: DecodeStatus;
  /** Interface index the link header carries (SLL2), or -1. */
  linkInterfaceIndex: number;
  /** The link header says loopback (NULL/LOOP, SLL/SLL2 ARPHRD_LOOPBACK). */
  linkLoopback: boolean;
  /** From SLL/SLL2 packet type when present, else the frame's own. */
  direction: Direction;
  ipVersion: 4 | 6;
  /** Offsets of the source and destination addresses in frame.data (4 or 16 bytes each). */
  srcAddressOffset: number;
  dstAddressOffset: number;
  /** Length of the IP packet per its header (total length / payload length + 40). */
  ipLength: number;
  protocol: number;
  srcPort: number;
  dstPort: number;
  /** Transport payload within frame.data, clipped to what was captured. */
  payloadOffset: number;
  payloadLength: number;
  /** Payload bytes the IP header says exist beyond what was captured (snaplen cut). */
  payloadMissing: number;
  tcpSeq: number;
  tcpFlags: number;
}

export function newPacketFacts(): PacketFacts {
  return {
    status: DecodeStatus.NotIp,
    linkInterfaceIndex: -1,
    linkLoopback: false,
    direction: Direction.Unknown,
    ipVersion: 4,
    srcAddressOffset: 0,
    dstAddressOffset: 0,
    ipLength: 0,
    protocol: 0,
    srcPort: 0,
    dstPort: 0,
    payloadOffset: 0,
    payloadLength: 0,
    payloadMissing: 0,
    tcpSeq: 0,
    tcpFlags: 0,
  };
}
