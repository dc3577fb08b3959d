// IPv4 header (RFC 791): addresses, protocol and the packet length the header declares.
import type { PacketFacts } from './packet-facts.js';

/**
 * Decodes the IPv4 header at data[offset] with bytes captured up to end. Returns the offset of the
 * transport header, or -1 when the header is malformed, cut short, or the packet is a non-first
 * fragment (its bytes carry no transport header to classify). Sets ipVersion, the address offsets,
 * ipLength and protocol.
 */
export function decodeIpv4(data: Buffer, offset: number, end: number, out: PacketFacts): number {
  if (end - offset < 20) return -1;
  const versionAndIhl = data[offset];
  if (versionAndIhl >> 4 !== 4) return -1;
  const headerLength = (versionAndIhl & 0x0f) * 4;
  if (headerLength < 20 || end - offset < headerLength) return -1;
  let totalLength = (data[offset + 2] << 8) | data[offset + 3];
  // Linux hands captures of segmentation-offloaded (TSO/GSO) packets to libpcap before the NIC splits
  // them, some with total length 0; like Wireshark, take the captured length then.
  if (totalLength === 0) totalLength = end - offset;
  else if (totalLength < headerLength) return -1;
  const fragmentOffset = ((data[offset + 6] << 8) | data[offset + 7]) & 0x1fff;
  if (fragmentOffset !== 0) return -1;
  out.ipVersion = 4;
  out.srcAddressOffset = offset + 12;
  out.dstAddressOffset = offset + 16;
  out.ipLength = totalLength;
  out.protocol = data[offset + 9];
  return offset + headerLength;
}
