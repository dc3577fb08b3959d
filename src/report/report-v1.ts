// The versioned report object ("dnsleak/report/v1"): what `audit --json` prints and what the dashboard
// and text report read. Scripts depend on these names: add fields, never rename or remove them.
import type { DnsMessageText } from '../decode/dns-full.js';

export type Verdict = 'clean' | 'leak' | 'inconclusive';
export type LeakCategory = 'plaintext' | 'downgrade' | 'link-local' | 'not-tls';
export type Transport = 'udp' | 'tcp';

export interface Counters {
  packets: number;
  dnsMessages: number;
  /** Every leaked query of every category; downgraded and link-local ones are subsets shown apart. */
  leakedQueries: number;
  leakedResponses: number;
  downgradedQueries: number;
  linkLocalQueries: number;
  stubQueries: number;
  allowedQueries: number;
  encryptedFlows: number;
  /** Transport payload bytes of encrypted (DoT / DoQ) flows. */
  encryptedBytes: number;
  /** Packets the kernel dropped: null when unknown (capture files). */
  drops: number | null;
  undecodable: number;
}

export interface Totals extends Counters {
  /** A capture file ended mid-record: what came before was audited, the rest was not seen. */
  truncated: boolean;
}

export interface InterfaceReport extends Counters {
  /** if_name, `if#N` for an SLL2 index, or null for an unnamed interface (classic pcap). */
  name: string | null;
  loopback: boolean;
}

export interface LeakEvent {
  /** ISO 8601 with the capture's precision. */
  time: string;
  interface: string | null;
  category: LeakCategory;
  transport: Transport;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** Presentation form with escapes (RFC 4343 \DDD and \.), or null when the message did not decode. */
  qname: string | null;
  /** Mnemonic (A, AAAA, ...) or TYPEnnn, or null. */
  qtype: string | null;
  /** The whole leaked message decoded (id, flags, every section), or null when it does not decode. */
  message: DnsMessageText | null;
}

export interface EncryptedUpstream {
  server: string;
  port: number;
  transport: Transport;
  sni: string | null;
  /** "TLS 1.3", "TLS 1.2", ..., "QUIC" for DoQ, or null when no ServerHello was seen. */
  tlsVersion: string | null;
  flows: number;
  bytes: number;
  /** ISO 8601 time of the last packet. */
  lastSeen: string;
}

export interface LeakedName {
  qname: string;
  queries: number;
}

export interface ReportV1 {
  schema: 'dnsleak/report/v1';
  verdict: Verdict;
  exitCode: 0 | 1 | 3;
  /** Why the verdict is what it is, one sentence each (e.g. "capture file cut short"). */
  reasons: string[];
  sources: string[];
  totals: Totals;
  interfaces: InterfaceReport[];
  /** The first leak events, in capture order (bounded; totals count them all). */
  leaks: LeakEvent[];
  /** Leak events past the bound that are counted but not listed. */
  leaksNotListed: number;
  encrypted: EncryptedUpstream[];
  topLeakedNames: LeakedName[];
  /**
   * Entries the bounded tables forgot, least recently used first (README, "Bounds"). What is lost is
   * detail: a name's count in topLeakedNames, a server's downgrade attribution, a flow's TLS facts; a
   * DNS-over-TCP flow forgotten mid-message resumes as undecodable bytes, which off loopback still count
   * as leaked queries, and the message it held makes the verdict inconclusive at least, so an overflow
   * can never hide a leak.
   */
  overflow: {
    tcpDnsFlows: number;
    encryptedFlows: number;
    encryptedServers: number;
    plaintextServers: number;
    leakedNames: number;
    /** TLS hellos given up unparsed: the bytes held for hellos across flows reached their cap. */
    tlsHellos: number;
  };
}
