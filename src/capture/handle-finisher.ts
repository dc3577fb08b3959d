// Closing a handle without losing its last packets. With a buffer timeout, what the kernel received
// just before an interface went down, vanished or stopped being polled waits in a block it hands over
// only when the block timer fires (libpcap reads handed-over blocks before it reports the error), so
// a detached handle keeps delivering for twice the timeout before it is closed. Closing at once lost
// those packets without counting them as dropped (measured: 20 queries sent just before the link went
// down, test/capture/NOTES.md).
import { closeHandle, type CaptureInterfaceRecord } from './capture-interface.js';
import { HandleState, type PcapHandle } from './pcap-handle.js';

export interface HandleFinisher {
  /**
   * Closes handle, which belonged to record, once its last block can have arrived; at once in
   * immediate mode or when the caller already waited (a stop after drain()).
   */
  finish(record: CaptureInterfaceRecord, handle: PcapHandle, atOnce: boolean): void;
  /** Closes every handle still waiting, now. */
  finishAll(): void;
}

/** onNotFreed receives a closed handle libpcap has not freed yet, to be swept until it is. */
export function createHandleFinisher(bufferTimeoutMs: number, onNotFreed: (handle: PcapHandle) => void): HandleFinisher {
  const waiting = new Map<PcapHandle, { record: CaptureInterfaceRecord; timer: ReturnType<typeof setTimeout> }>();

  const finishNow = (record: CaptureInterfaceRecord, handle: PcapHandle): void => {
    handle.sweep();
    closeHandle(record, handle);
    if (handle.state() === HandleState.Closing) onNotFreed(handle);
  };

  return {
    finish(record, handle, atOnce) {
      if (atOnce || bufferTimeoutMs === 0) return finishNow(record, handle);
      const timer = setTimeout(() => {
        waiting.delete(handle);
        finishNow(record, handle);
      }, 2 * bufferTimeoutMs);
      waiting.set(handle, { record, timer });
    },
    finishAll() {
      for (const [handle, { record, timer }] of waiting) {
        clearTimeout(timer);
        finishNow(record, handle);
      }
      waiting.clear();
    },
  };
}
