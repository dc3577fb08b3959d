// One frame down to its transport header: link, IP and UDP/TCP decoders chained over the frame's
// buffer, filling the caller's reused PacketFacts so that no packet allocates.
import type { Frame } from '../frame.js';
import { decodeIpv4 } from './ipv4.js';
import { decodeIpv6 } from './ipv6.js';
import { decodeLink, LINK_NOT_IP } from './link.js';
import { DecodeStatus, PROTOCOL_TCP, PROTOCOL_UDP, type PacketFacts } from './packet-facts.js';
import { setPayload } from './payload.js';
import { decodeTcp } from './tcp.js';
import { decodeUdp } from './udp.js';

/**
 * Decodes frame (captured on a link of type linkType) into out, overwriting every field. Status is Ok
 * (IP decoded; for protocols other than TCP and UDP the payload is the IP payload and ports are 0),
 * NotIp, or Undecodable; on Undecodable the fields of the layers decoded before the failure are kept.
 */
export function decodePacket(frame: Frame, linkType: number, out: PacketFacts): void {
  reset(out, frame);
  const data = frame.data;
  const start = frame.offset;
  // Never trust capturedLength beyond the bytes the buffer really holds.
  const end = Math.min(start + frame.capturedLength, data.length);
  const ipOffset = decodeLink(data, start, end, linkType, out);
  if (ipOffset < 0) {
    out.status = ipOffset === LINK_NOT_IP ? DecodeStatus.NotIp : DecodeStatus.Undecodable;
    return;
  }
  const transportOffset = out.ipVersion === 4 ? decodeIpv4(data, ipOffset, end, out) : decodeIpv6(data, ipOffset, end, out);
  if (transportOffset < 0) {
    out.status = DecodeStatus.Undecodable;
    return;
  }
  const ipEnd = ipOffset + out.ipLength;
  let decoded = true;
  if (out.protocol === PROTOCOL_UDP) decoded = decodeUdp(data, transportOffset, end, ipEnd, out);
  else if (out.protocol === PROTOCOL_TCP) decoded = decodeTcp(data, transportOffset, end, ipEnd, out);
  else setPayload(out, transportOffset, end, ipEnd);
  out.status = decoded ? DecodeStatus.Ok : DecodeStatus.Undecodable;
}

function reset(out: PacketFacts, frame: Frame): void {
  out.status = DecodeStatus.Undecodable;
  out.linkInterfaceIndex = -1;
  out.linkLoopback = false;
  out.direction = frame.direction;
  out.ipVersion = 4;
  out.srcAddressOffset = 0;
  out.dstAddressOffset = 0;
  out.ipLength = 0;
  out.protocol = 0;
  out.srcPort = 0;
  out.dstPort = 0;
  out.payloadOffset = 0;
  out.payloadLength = 0;
  out.payloadMissing = 0;
  out.tcpSeq = 0;
  out.tcpFlags = 0;
}
