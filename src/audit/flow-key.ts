// Flow identity for the per-flow tables: interface, transport and both endpoints, client first, as one
// short string of 16-bit code units built by a single String.fromCharCode call. Measured on the
// 500k-packet bench file: formatting the parts (address slices, port strings, a template) cost about
// eight short-lived strings per TCP segment on 53 and 853; writing the bytes into a scratch buffer and
// reading it back with Buffer#toString('latin1') still spent 29 ms of the audit's 400 ms in Node's
// toString wrapper (CPU profile); building the code units directly takes 7 ms.
import type { PacketFacts } from '../decode/packet-facts.js';

/**
 * interfaceOrdinal tells interfaces apart (the audit numbers them); IPv4 keys are 8 code units and
 * IPv6 keys 20, so the two cannot collide.
 */
export function flowKey(interfaceOrdinal: number, data: Buffer, facts: PacketFacts, serverIsSource: boolean): string {
  const client = serverIsSource ? facts.dstAddressOffset : facts.srcAddressOffset;
  const server = serverIsSource ? facts.srcAddressOffset : facts.dstAddressOffset;
  const clientPort = serverIsSource ? facts.dstPort : facts.srcPort;
  const serverPort = serverIsSource ? facts.srcPort : facts.dstPort;
  // Ordinals stay far below 2^16 (the interface table is bounded); the protocol shares its unit.
  const head = ((interfaceOrdinal & 0xff) << 8) | facts.protocol;
  const high = interfaceOrdinal >>> 8;
  if (facts.ipVersion === 4) {
    return String.fromCharCode(high, head, unit(data, client), unit(data, client + 2), clientPort, unit(data, server), unit(data, server + 2), serverPort);
  }
  return String.fromCharCode(
    high, head,
    unit(data, client), unit(data, client + 2), unit(data, client + 4), unit(data, client + 6),
    unit(data, client + 8), unit(data, client + 10), unit(data, client + 12), unit(data, client + 14), clientPort,
    unit(data, server), unit(data, server + 2), unit(data, server + 4), unit(data, server + 6),
    unit(data, server + 8), unit(data, server + 10), unit(data, server + 12), unit(data, server + 14), serverPort,
  );
}

function unit(data: Buffer, offset: number): number {
  return (data[offset] << 8) | data[offset + 1];
}
