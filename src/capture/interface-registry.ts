// The interfaces a live capture has announced to its sink, in id order. An interface keeps its record
// (and its counters) across handles; one that comes back with another link type or snaplen gets a new
// record, since its frames are described differently.
import type { FrameSink } from '../frame.js';
import { newInterfaceRecord, type CaptureInterfaceRecord } from './capture-interface.js';
import type { NetDevice } from './net-devices.js';
import type { PcapHandle } from './pcap-handle.js';

export function createInterfaceRegistry(sink: FrameSink) {
  const records: CaptureInterfaceRecord[] = [];
  const byName = new Map<string, CaptureInterfaceRecord>();

  function announce(device: NetDevice, linkType: number, snaplen: number): CaptureInterfaceRecord {
    const description = { name: device.name, linkType, snaplen, loopback: device.loopback };
    const record = newInterfaceRecord(records.length, description, device.ifindex);
    records.push(record);
    byName.set(device.name, record);
    sink.interface(record.id, description);
    return record;
  }

  return {
    records: records as readonly CaptureInterfaceRecord[],
    byName: (name: string): CaptureInterfaceRecord | undefined => byName.get(name),

    /** The record a handle just opened on device belongs to, made current with it. */
    attach(device: NetDevice, handle: PcapHandle): CaptureInterfaceRecord {
      const known = byName.get(device.name);
      const same = known !== undefined && known.description.linkType === handle.linkType && known.description.snaplen === handle.snaplen;
      const record = same ? known : announce(device, handle.linkType, handle.snaplen);
      record.ifindex = device.ifindex;
      record.handle = handle;
      record.handles++;
      record.closedReason = null;
      record.wakeupsAtLastScan = 0;
      record.openedAt = Date.now();
      return record;
    },

    /** Marks device as not captured; returns its record when it is new (no row existed for it yet). */
    notCaptured(device: NetDevice): CaptureInterfaceRecord | null {
      const known = byName.get(device.name);
      if (known !== undefined) {
        known.closedReason = 'not-captured';
        return null;
      }
      const record = announce(device, -1, 0);
      record.closedReason = 'not-captured';
      return record;
    },
  };
}
