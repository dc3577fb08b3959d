// The lab's addressing and zone. Documentation prefixes (RFC 5737) only: nothing here can be mistaken for,
// or routed to, a real network; each lab lives in its own namespaces, so runs never share them.

/** The first veth pair: the host's address and the upstream resolver's. */
export const HOST_IP = '192.0.2.1';
export const UPSTREAM_IP = '192.0.2.53';
/** The pair added mid-run by the hot-plug scenario; the upstream answers on it too. */
export const HOTPLUG_HOST_IP = '198.51.100.1';
export const HOTPLUG_UPSTREAM_IP = '198.51.100.53';
export const PREFIX_LENGTH = 24;

/** The static zone `lab.` the upstream serves: name -> A record. */
export const ZONE: Readonly<Record<string, string>> = {
  'www.lab': '192.0.2.80',
  'mail.lab': '192.0.2.25',
  'dot.lab': UPSTREAM_IP,
  'leak.lab': '192.0.2.66',
};

/** The filter dnsleak's live capture uses (src/capture/capture-filter.ts), for captures to compare with. */
export const DNS_PORTS_FILTER = 'udp port 53 or tcp port 53 or port 853 or udp port 5353 or udp port 5355';
