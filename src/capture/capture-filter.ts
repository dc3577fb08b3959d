// The kernel BPF filter for live capture: only the ports the classifier has rules for reach user space.
// Plaintext DNS on UDP/TCP 53, DoT (TCP 853) and DoQ (UDP 853), mDNS (UDP 5353) and LLMNR (UDP 5355).

/** ARPHRD_ETHER: the only link type where an 802.1Q tag can precede the IP header. */
const ARPHRD_ETHER = 1;

export const DNS_PORTS_FILTER = 'udp port 53 or tcp port 53 or port 853 or udp port 5353 or udp port 5355';

/**
 * The filter for an interface of this ARPHRD type. `vlan` only compiles for Ethernet-like link types,
 * and node_pcap leaks an activated handle when compiling fails, so the VLAN clause is added only where
 * it is valid. libpcap's `vlan` shifts later offsets by the tag, hence the repeated port list.
 */
export function captureFilter(arphrdType: number): string {
  if (arphrdType !== ARPHRD_ETHER) return DNS_PORTS_FILTER;
  return `(${DNS_PORTS_FILTER}) or (vlan and (${DNS_PORTS_FILTER}))`;
}
