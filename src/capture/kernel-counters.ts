// libpcap's capture counters (pcap_stats) as running totals. libpcap keeps them in 32-bit fields that
// wrap; summing deltas read at least once per 2^32 packets keeps the totals exact.

export interface KernelCounters {
  /** ps_recv: packets that passed the filter, including those dropped (Linux adds tp_drops). */
  received: number;
  /** ps_drop: packets the kernel dropped because the ring was full. */
  dropped: number;
  /** ps_ifdrop: the interface's own rx_dropped since open, capture-unrelated drops included. */
  interfaceDropped: number;
}

export interface KernelCounterState {
  last: KernelCounters | null;
  total: KernelCounters;
}

export function readKernelCounters(
  state: KernelCounterState,
  raw: { ps_recv: number; ps_drop: number; ps_ifdrop: number },
): KernelCounters {
  const now = { received: raw.ps_recv >>> 0, dropped: raw.ps_drop >>> 0, interfaceDropped: raw.ps_ifdrop >>> 0 };
  const last = state.last ?? { received: 0, dropped: 0, interfaceDropped: 0 };
  state.total.received += (now.received - last.received) >>> 0;
  state.total.dropped += (now.dropped - last.dropped) >>> 0;
  state.total.interfaceDropped += (now.interfaceDropped - last.interfaceDropped) >>> 0;
  state.last = now;
  return { ...state.total };
}

export function addCounters(a: KernelCounters, b: KernelCounters): KernelCounters {
  return {
    received: a.received + b.received,
    dropped: a.dropped + b.dropped,
    interfaceDropped: a.interfaceDropped + b.interfaceDropped,
  };
}
