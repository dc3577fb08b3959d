// What the live capture knows about one interface across the handles it had: its announced
// description, frames delivered and libpcap counters summed over every handle, and why it closed.
import type { CaptureInterface } from '../frame.js';
import { addCounters, type KernelCounters } from './kernel-counters.js';
import { HandleState, type PcapHandle } from './pcap-handle.js';

/** 'not-captured': appeared after privileges were dropped (`--user`); it could not be opened. */
export type CloseReason = 'stopped' | 'down' | 'vanished' | 'error' | 'not-captured';

export interface LiveInterfaceStats {
  id: number;
  name: string;
  loopback: boolean;
  linkType: number;
  open: boolean;
  /** Why the interface is closed; null while open. */
  closedReason: CloseReason | null;
  /** Frames handed to the sink. */
  frames: number;
  /** libpcap handles opened on it (more than one after it went down and came back). */
  handles: number;
  /** libpcap counters summed over its handles; null when any handle's could not be read. */
  kernel: KernelCounters | null;
}

export interface CaptureInterfaceRecord {
  readonly id: number;
  readonly description: CaptureInterface & { name: string };
  ifindex: number;
  handle: PcapHandle | null;
  frames: number;
  handles: number;
  closedReason: CloseReason | null;
  /** Counters of the handles already closed, or null once one of them could not be read. */
  closedCounters: KernelCounters | null;
  /** Wakeups of the open handle when the poller last looked, to spot a poll libuv has stopped. */
  wakeupsAtLastScan: number;
  openedAt: number;
}

export function newInterfaceRecord(id: number, description: CaptureInterface & { name: string }, ifindex: number): CaptureInterfaceRecord {
  return {
    id,
    description,
    ifindex,
    handle: null,
    frames: 0,
    handles: 0,
    closedReason: null,
    closedCounters: { received: 0, dropped: 0, interfaceDropped: 0 },
    wakeupsAtLastScan: 0,
    openedAt: 0,
  };
}

/** Closes a handle of the record (attached or not) and folds its final counters into the record's. */
export function closeHandle(record: CaptureInterfaceRecord, handle: PcapHandle): void {
  handle.close();
  const final = handle.counters();
  record.closedCounters = final === null || record.closedCounters === null ? null : addCounters(record.closedCounters, final);
}

export function interfaceStats(record: CaptureInterfaceRecord): LiveInterfaceStats {
  let kernel = record.closedCounters;
  if (kernel !== null && record.handle !== null) {
    const current = record.handle.counters();
    kernel = current === null ? null : addCounters(kernel, current);
  }
  return {
    id: record.id,
    name: record.description.name,
    loopback: record.description.loopback,
    linkType: record.description.linkType,
    open: record.handle !== null && record.handle.state() === HandleState.Open,
    closedReason: record.closedReason,
    frames: record.frames,
    handles: record.handles,
    kernel,
  };
}
