// Small captures for the hostile tests, written by the production encoders (src/write): IP packets
// framed as Ethernet from the host to its gateway, one record each, a millisecond apart.
import { etherTypeOf, ethernet, LINKTYPE_ETHERNET } from '../../fixtures/build/link.js';
import { GATEWAY_MAC, HOST_MAC } from '../../fixtures/build/links.js';
import { encodePcapHeader, encodePcapRecord } from '../../src/write/pcap-writer.js';
import { encodeEnhancedPacket, encodeInterfaceDescription, encodeSectionHeader } from '../../src/write/pcapng-writer.js';

export const START_SEC = 1_700_000_000;

export function ethernetFrame(ipPacket: Buffer): Buffer {
  return ethernet({ src: HOST_MAC, dst: GATEWAY_MAC, etherType: etherTypeOf(ipPacket) }, ipPacket);
}

/** A little-endian microsecond pcap of Ethernet frames around the given IP packets. */
export function pcapOf(ipPackets: Buffer[]): Buffer {
  const records = ipPackets.map((packet, i) => encodePcapRecord(START_SEC + Math.floor(i / 1000), (i % 1000) * 1000_000, ethernetFrame(packet)));
  return Buffer.concat([encodePcapHeader({ linkType: LINKTYPE_ETHERNET, snaplen: 262_144 }), ...records]);
}

/** A pcapng section with one Ethernet interface of the given if_name bytes (any bytes, not only UTF-8). */
export function pcapngOf(ipPackets: Buffer[], ifName: Buffer): Buffer {
  // The encoder takes a string; a placeholder of the same byte length is swapped for the raw bytes.
  const placeholder = 'N'.repeat(ifName.length);
  const idb = encodeInterfaceDescription({ linkType: LINKTYPE_ETHERNET, snaplen: 262_144, name: placeholder, tsresol: 6 });
  const at = idb.indexOf(placeholder, 0, 'latin1');
  ifName.copy(idb, at);
  const packets = ipPackets.map((packet, i) =>
    encodeEnhancedPacket({ interfaceId: 0, tsSec: START_SEC, tsNsec: i * 1000_000, packet: ethernetFrame(packet), tsresol: 6 }),
  );
  return Buffer.concat([encodeSectionHeader(), idb, ...packets]);
}
