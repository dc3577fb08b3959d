// Link-layer headers: where the IP packet starts for each link type we accept, and what the link
// header itself says about the packet (loopback device, interface index, direction).
import { readU32 } from '../byte-order.js';
import { Direction } from '../frame.js';
import type { PacketFacts } from './packet-facts.js';

// LINKTYPE_* values from the tcpdump.org link-layer header registry.
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
/** DLT_RAW as some BSDs numbered it before LINKTYPE_RAW existed. */
export const LINKTYPE_RAW_BSD12 = 12;
export const LINKTYPE_RAW_BSD14 = 14;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_LINUX_SLL2 = 276;

/** decodeLink results that are not an offset. */
export const LINK_NOT_IP = -1;
export const LINK_UNDECODABLE = -2;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ARPHRD_LOOPBACK = 772;
/** PACKET_OUTGOING in linux/if_packet.h; 0-3 are the kinds of received packet. */
const PACKET_OUTGOING = 4;
/** Q-in-Q stacks deeper than this do not occur on real links; the cap bounds the walk. */
const MAX_VLAN_TAGS = 4;

/**
 * Decodes the link header of the bytes data[offset, end). Returns the offset of the IP header with
 * out.ipVersion set from the link's protocol field (or the first nibble for raw IP), LINK_NOT_IP for
 * a non-IP protocol, or LINK_UNDECODABLE for an unknown link type or a header cut short.
 * Sets out.linkLoopback, out.linkInterfaceIndex and, when the header carries one, out.direction.
 */
export function decodeLink(data: Buffer, offset: number, end: number, linkType: number, out: PacketFacts): number {
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      if (end - offset < 14) return LINK_UNDECODABLE;
      return etherTypePayload(data, (data[offset + 12] << 8) | data[offset + 13], offset + 14, end, out);
    case LINKTYPE_LINUX_SLL:
      return decodeSll(data, offset, end, out);
    case LINKTYPE_LINUX_SLL2:
      return decodeSll2(data, offset, end, out);
    case LINKTYPE_RAW:
    case LINKTYPE_RAW_BSD12:
    case LINKTYPE_RAW_BSD14:
      return rawIp(data, offset, end, out);
    case LINKTYPE_NULL:
      return decodeNull(data, offset, end, out, true);
    case LINKTYPE_LOOP:
      return decodeNull(data, offset, end, out, false);
    default:
      return LINK_UNDECODABLE;
  }
}

/**
 * Follows an ethertype whose payload starts at pos through 802.1Q / 802.1ad / 0x9100 tags (each
 * 4 bytes: TCI, then the next type) and returns the offset of the IP header.
 */
function etherTypePayload(data: Buffer, type: number, pos: number, end: number, out: PacketFacts): number {
  for (let tags = 0; ; tags++) {
    if (type === ETHERTYPE_IPV4) {
      out.ipVersion = 4;
      return pos;
    }
    if (type === ETHERTYPE_IPV6) {
      out.ipVersion = 6;
      return pos;
    }
    if (type !== 0x8100 && type !== 0x88a8 && type !== 0x9100) return LINK_NOT_IP;
    if (tags === MAX_VLAN_TAGS || end - pos < 4) return LINK_UNDECODABLE;
    type = (data[pos + 2] << 8) | data[pos + 3];
    pos += 4;
  }
}

/**
 * LINKTYPE_LINUX_SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol.
 * libpcap puts a VLAN tag the kernel stripped back after the header, so tags may follow.
 */
function decodeSll(data: Buffer, offset: number, end: number, out: PacketFacts): number {
  if (end - offset < 16) return LINK_UNDECODABLE;
  applyPacketType((data[offset] << 8) | data[offset + 1], out);
  out.linkLoopback = ((data[offset + 2] << 8) | data[offset + 3]) === ARPHRD_LOOPBACK;
  return etherTypePayload(data, (data[offset + 14] << 8) | data[offset + 15], offset + 16, end, out);
}

/** LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
function decodeSll2(data: Buffer, offset: number, end: number, out: PacketFacts): number {
  if (end - offset < 20) return LINK_UNDECODABLE;
  out.linkInterfaceIndex = readU32(data, offset + 4, false);
  out.linkLoopback = ((data[offset + 8] << 8) | data[offset + 9]) === ARPHRD_LOOPBACK;
  applyPacketType(data[offset + 10], out);
  return etherTypePayload(data, (data[offset] << 8) | data[offset + 1], offset + 20, end, out);
}

function applyPacketType(packetType: number, out: PacketFacts): void {
  if (packetType < PACKET_OUTGOING) out.direction = Direction.Inbound;
  else if (packetType === PACKET_OUTGOING) out.direction = Direction.Outbound;
}

function rawIp(data: Buffer, offset: number, end: number, out: PacketFacts): number {
  if (end <= offset) return LINK_UNDECODABLE;
  const version = data[offset] >> 4;
  if (version === 4) out.ipVersion = 4;
  else if (version === 6) out.ipVersion = 6;
  else return LINK_UNDECODABLE;
  return offset;
}

/**
 * BSD NULL (address family in the byte order of the host that wrote the file, so either) and LOOP
 * (network byte order). AF_INET6 differs between BSDs: 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
 */
function decodeNull(data: Buffer, offset: number, end: number, out: PacketFacts, eitherOrder: boolean): number {
  if (end - offset < 4) return LINK_UNDECODABLE;
  out.linkLoopback = true;
  let version = addressFamilyVersion(readU32(data, offset, false));
  if (version === 0 && eitherOrder) version = addressFamilyVersion(readU32(data, offset, true));
  if (version === 0) return LINK_NOT_IP;
  out.ipVersion = version;
  return offset + 4;
}

function addressFamilyVersion(family: number): 0 | 4 | 6 {
  if (family === 2) return 4;
  if (family === 24 || family === 28 || family === 30) return 6;
  return 0;
}
