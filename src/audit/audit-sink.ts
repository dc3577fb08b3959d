// Where a source meets the pipeline: a FrameSink that decodes each frame and records it in the audit
// state. The same sink takes frames from capture files and from live capture.
import { decodePacket } from '../decode/packet.js';
import { newPacketFacts } from '../decode/packet-facts.js';
import type { CaptureInterface, Frame, FrameSink } from '../frame.js';
import type { AuditState } from './audit-state.js';
import type { PacketOrigin } from './interface-table.js';

interface SourceInterface {
  description: CaptureInterface;
  /** Made on the first frame, so a source interface that only carries SLL2-indexed frames gets no row. */
  origin: PacketOrigin | null;
  /** Origins of the interfaces an SLL2 header names by index (`tcpdump -i any`). */
  byLinkIndex: Map<number, PacketOrigin>;
}

/** SLL2 indexes remembered per source interface; past it (only crafted captures get there) each is resolved again. */
const MAX_LINK_INDEXES = 4096;

/** A frame sink for one source; interface ids are the source's own. */
export function createAuditSink(state: AuditState): FrameSink {
  const interfaces: SourceInterface[] = [];
  const facts = newPacketFacts();

  return {
    interface(id: number, description: CaptureInterface): void {
      interfaces[id] = { description, origin: null, byLinkIndex: new Map() };
    },
    frame(frame: Frame): void {
      const source = interfaces[frame.interfaceId];
      // Readers only deliver frames of interfaces they announced.
      decodePacket(frame, source.description.linkType, facts);
      state.record(originOf(source), frame, facts);
    },
  };

  function originOf(source: SourceInterface): PacketOrigin {
    if (facts.linkInterfaceIndex < 0) {
      const { name, loopback } = source.description;
      return (source.origin ??= state.originFor(name, loopback || name === 'lo'));
    }
    let origin = source.byLinkIndex.get(facts.linkInterfaceIndex);
    if (origin === undefined) {
      // Offline, an SLL2 index cannot be turned into a name: the capturing host's table is gone.
      origin = state.originFor(`if#${facts.linkInterfaceIndex}`, facts.linkLoopback);
      if (source.byLinkIndex.size < MAX_LINK_INDEXES) source.byLinkIndex.set(facts.linkInterfaceIndex, origin);
    }
    return origin;
  }
}
