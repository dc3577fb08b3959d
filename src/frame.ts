// The unit a source hands to the pipeline: one captured packet and where it was captured.
// Sources reuse a single Frame object and a single backing buffer to avoid per-packet allocation:
// a frame is valid only during the call that receives it; a stage that keeps bytes must copy them.

/** Packet direction as the capture recorded it (pcapng epb_flags, live capture); link decoders may refine it. */
export const enum Direction {
  Unknown = 0,
  Inbound = 1,
  Outbound = 2,
}

export interface Frame {
  /** Index into the interfaces the source has announced (pcapng IDB order; 0 for classic pcap). */
  interfaceId: number;
  tsSec: number;
  /** Nanoseconds within tsSec, whatever the file's resolution. */
  tsNsec: number;
  data: Buffer;
  /** First byte of the link-layer header within data. */
  offset: number;
  capturedLength: number;
  originalLength: number;
  direction: Direction;
}

/** An interface as a capture file (pcapng IDB, classic pcap header) or a live handle describes it. */
export interface CaptureInterface {
  /** if_name, or null when the capture does not name it (classic pcap). */
  name: string | null;
  linkType: number;
  snaplen: number;
  /** True when the source knows it is a loopback device (live capture, or the name is lo). */
  loopback: boolean;
}

/** Where a source delivers what it reads, in order. */
export interface FrameSink {
  interface(id: number, description: CaptureInterface): void;
  frame(frame: Frame): void;
}

export function newFrame(): Frame {
  return {
    interfaceId: 0,
    tsSec: 0,
    tsNsec: 0,
    data: Buffer.alloc(0),
    offset: 0,
    capturedLength: 0,
    originalLength: 0,
    direction: Direction.Unknown,
  };
}
