// The native half of node_pcap (npm `pcap`), typed and loaded directly: its JS wrapper allocates an
// object and emits an event per packet, which the live hot path cannot afford.
import { createRequire } from 'node:module';

/** One libpcap handle as node_pcap's PcapSession exposes it (see pcap_session.cc). */
export interface NativeSession {
  /** Returns "LINKTYPE_<NAME>" or "Unknown linktype <DLT>". Throws libpcap's message on failure. */
  open_live(
    device: string,
    filter: string,
    bufferSize: number,
    snaplen: number,
    dumpFile: string,
    packetReady: () => void,
    monitorMode: boolean,
    bufferTimeoutMs: number,
    warning: (message: string) => void,
    promiscuous: boolean,
  ): string;
  /** Drains the ring: calls packetReady once per packet, synchronously, after copying it into data
   * and its pcap header (tv_sec, tv_usec, caplen, len: host-order uint32s) into header. Returns the
   * last pcap_dispatch result: 0 when drained, -1 on error, -2 after close() (the handle is then freed). */
  dispatch(data: Buffer, header: Buffer): number;
  start_polling(): void;
  /** Only pcap_breakloop: the handle is freed by the next dispatch that sees a packet. */
  close(): void;
  stats(): { ps_recv: number; ps_drop: number; ps_ifdrop: number };
  /** Called by node_pcap's uv_poll handler when the descriptor is readable (or errored). */
  read_callback?: () => void;
}

interface NativeBinding {
  PcapSession: new () => NativeSession;
  lib_version(): string;
}

let binding: NativeBinding | null = null;

export function nativeBinding(): NativeBinding {
  binding ??= createRequire(import.meta.url)('pcap/build/Release/pcap_binding.node') as NativeBinding;
  return binding;
}

// Sessions are never released. node_pcap's C++ session is a weak ObjectWrap that embeds its uv_poll_t
// and never uv_close()s it: collecting a session whose poll is registered frees memory libuv still
// uses (measured: SIGSEGV once 200 unreferenced polling sessions are collected), and even a stopped poll stays in
// libuv's handle queue. A few hundred bytes per handle ever opened is the price.
const everySession: NativeSession[] = [];

export function newNativeSession(): NativeSession {
  const session = new (nativeBinding().PcapSession)();
  everySession.push(session);
  return session;
}

const LINK_TYPES: Record<string, number> = {
  LINKTYPE_NULL: 0,
  LINKTYPE_ETHERNET: 1,
  LINKTYPE_IEEE802_11_RADIO: 127,
  // node_pcap names DLT_RAW this way; in capture files raw IP is LINKTYPE_RAW (101).
  LINKTYPE_RAW: 101,
  LINKTYPE_LINUX_SLL: 113,
};

/** The LINKTYPE_ number for node_pcap's link type string; -1 when it names none. */
export function linkTypeNumber(description: string): number {
  const known = LINK_TYPES[description];
  if (known !== undefined) return known;
  const match = /^Unknown linktype (\d{1,5})$/.exec(description);
  // Other DLT_ values equal their LINKTYPE_ numbers on Linux (SLL2 276, IPv4 228, ...).
  return match === null ? -1 : Number(match[1]);
}
