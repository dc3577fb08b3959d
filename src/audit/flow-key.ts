// Flow identity for the per-flow tables (flow-table.ts): interface, transport and both endpoints,
// client first, as 32-bit words written into the caller's reused FlowKey, so that the segments of a
// flow are told apart without a string per packet.
import type { PacketFacts } from '../decode/packet-facts.js';

/** Words of the longest key (IPv6): a head, two 16-byte addresses and the ports. */
export const FLOW_KEY_WORDS = 10;

export interface FlowKey {
  /** Only the first length words are the key's. */
  readonly words: Int32Array;
  /** 4 for IPv4, 10 for IPv6. */
  length: number;
}

export function newFlowKey(): FlowKey {
  return { words: new Int32Array(FLOW_KEY_WORDS), length: 0 };
}

/**
 * Writes the identity of the flow of the packet that data and facts describe into out. The head word
 * holds the IP version as well, so that no IPv4 key can equal an IPv6 one, and the interface ordinal,
 * which has room for 2^19 interfaces (the audit keeps at most 4,097).
 */
export function flowKey(interfaceOrdinal: number, data: Buffer, facts: PacketFacts, serverIsSource: boolean, out: FlowKey): FlowKey {
  const client = serverIsSource ? facts.dstAddressOffset : facts.srcAddressOffset;
  const server = serverIsSource ? facts.srcAddressOffset : facts.dstAddressOffset;
  const clientPort = serverIsSource ? facts.dstPort : facts.srcPort;
  const serverPort = serverIsSource ? facts.srcPort : facts.dstPort;
  const words = out.words;
  words[0] = (interfaceOrdinal << 12) | (facts.ipVersion << 8) | facts.protocol;
  words[1] = (clientPort << 16) | serverPort;
  if (facts.ipVersion === 4) {
    words[2] = word(data, client);
    words[3] = word(data, server);
    out.length = 4;
    return out;
  }
  for (let i = 0; i < 4; i++) {
    words[2 + i] = word(data, client + 4 * i);
    words[6 + i] = word(data, server + 4 * i);
  }
  out.length = FLOW_KEY_WORDS;
  return out;
}

function word(data: Buffer, offset: number): number {
  return (data[offset] << 24) | (data[offset + 1] << 16) | (data[offset + 2] << 8) | data[offset + 3];
}
