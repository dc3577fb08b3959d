// One libpcap handle on one interface, on node_pcap's native session, with the lifetime rules that
// binding needs: its buffers stay referenced, dispatch is never called on a freed handle, and close
// works around close() being only a pcap_breakloop() (the handle is freed by a later dispatch that
// finds a packet; see NOTES.md).
import { CaptureOpenError, CapturePermissionError, isPermissionFailure } from './capture-errors.js';
import { captureFilter } from './capture-filter.js';
import { linkTypeNumber, newNativeSession, type NativeSession } from './pcap-binding.js';
import { readKernelCounters, type KernelCounters, type KernelCounterState } from './kernel-counters.js';

export interface HandleSettings {
  /** Kernel ring size in bytes. */
  bufferSize: number;
  snaplen: number;
  promiscuous: boolean;
  /** libpcap's packet buffer timeout (TPACKET_V3 blocks); 0 for immediate mode (TPACKET_V2). */
  bufferTimeoutMs: number;
}

export const enum HandleState {
  Open = 0,
  /** Closed for us; libpcap frees it when a dispatch next finds a packet. */
  Closing = 1,
  Freed = 2,
  /** The device was deleted: libpcap reports the error before the break request, forever. */
  Stuck = 3,
}

export interface PcapHandle {
  readonly device: string;
  readonly linkType: number;
  readonly snaplen: number;
  /** Where node_pcap copies the current packet; valid during onPacket only. */
  readonly data: Buffer;
  /** The current packet's pcap header: tv_sec, tv_usec, caplen, len (host order). */
  readonly header: Uint32Array;
  state(): HandleState;
  /** Packets handed to onPacket. */
  packets(): number;
  /** Wakeups by node_pcap's poll handler. */
  wakeups(): number;
  /** libpcap's counters since open (wrap-safe); null when pcap_stats fails. Final values once closed. */
  counters(): KernelCounters | null;
  /** Reads what is in the ring now, outside a wakeup; returns the packets delivered. */
  sweep(): number;
  close(): void;
}

/**
 * Opens device and starts polling it. onPacket runs once per packet inside node_pcap's dispatch;
 * onWake runs after each poll wakeup with pcap_dispatch's last result and the packets it delivered.
 */
export function openPcapHandle(
  device: string,
  arphrdType: number,
  settings: HandleSettings,
  onPacket: () => void,
  onWake: (result: number, delivered: number) => void,
): PcapHandle {
  const session: NativeSession = newNativeSession();
  // Per-handle buffers, referenced by the handle for its whole life: native code writes into them.
  // The header buffer must hold the 16 bytes node_pcap writes without checking its length.
  const data = Buffer.alloc(settings.snaplen);
  const headerBytes = Buffer.alloc(16);
  const header = new Uint32Array(headerBytes.buffer, headerBytes.byteOffset, 4);
  let state = HandleState.Open;
  let packets = 0;
  let wakeups = 0;
  let dispatching = false;
  const counterState: KernelCounterState = { last: null, total: { received: 0, dropped: 0, interfaceDropped: 0 } };
  let finalCounters: KernelCounters | null = null;

  const packetReady = (): void => {
    if (state !== HandleState.Open) return;
    packets++;
    onPacket();
  };

  // Never call dispatch on a freed handle: node_pcap dereferences the NULL pcap_t.
  const dispatch = (): number => {
    if (state === HandleState.Freed || state === HandleState.Stuck || dispatching) return 0;
    dispatching = true;
    let result: number;
    try {
      result = session.dispatch(data, headerBytes);
    } finally {
      dispatching = false;
    }
    if (result === -2) state = HandleState.Freed;
    else if (result === -1 && state === HandleState.Closing) state = HandleState.Stuck;
    return result;
  };

  let linkTypeName: string;
  try {
    linkTypeName = session.open_live(
      device,
      captureFilter(arphrdType),
      settings.bufferSize,
      settings.snaplen,
      '',
      packetReady,
      false,
      settings.bufferTimeoutMs, // <= 0: node_pcap sets immediate mode instead of a buffer timeout
      () => {}, // pcap_lookupnet warnings (no IPv4 address): the filter does not use the netmask
      settings.promiscuous,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isPermissionFailure(message)) throw new CapturePermissionError(device, message);
    throw new CaptureOpenError(device, message);
  }

  session.read_callback = () => {
    wakeups++;
    const before = packets;
    const result = dispatch();
    if (state === HandleState.Open) onWake(result, packets - before);
  };
  session.start_polling();

  const readCounters = (): KernelCounters | null => {
    let raw: { ps_recv: number; ps_drop: number; ps_ifdrop: number };
    try {
      raw = session.stats();
    } catch {
      return null;
    }
    return readKernelCounters(counterState, raw);
  };

  return {
    device,
    linkType: linkTypeNumber(linkTypeName),
    snaplen: settings.snaplen,
    data,
    header,
    state: () => state,
    packets: () => packets,
    wakeups: () => wakeups,
    counters: () => (state === HandleState.Open ? readCounters() : finalCounters),
    sweep: () => {
      const before = packets;
      dispatch();
      return packets - before;
    },
    close: () => {
      if (state !== HandleState.Open) return;
      finalCounters = readCounters();
      state = HandleState.Closing;
      session.close();
      // Inside a dispatch, the loop ends at this packet with -2 and frees the handle itself.
      if (!dispatching) dispatch();
    },
  };
}
