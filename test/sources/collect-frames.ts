// A FrameSink for tests: copies what each delivered frame carries, since frames are reused.
import type { CaptureInterface, FrameSink } from '../../src/frame.js';

export interface SeenFrame {
  interfaceId: number;
  tsSec: number;
  tsNsec: number;
  /** Packet bytes as hex. */
  bytes: string;
  originalLength: number;
  direction: number;
}

export interface Collected extends FrameSink {
  interfaces: { id: number; description: CaptureInterface }[];
  frames: SeenFrame[];
}

/** The SeenFrame a packet with these fields gives. */
export function seen(
  interfaceId: number,
  tsSec: number,
  tsNsec: number,
  data: Buffer,
  originalLength = data.length,
  direction = 0,
): SeenFrame {
  return { interfaceId, tsSec, tsNsec, bytes: data.toString('hex'), originalLength, direction };
}

export function collectFrames(): Collected {
  const interfaces: Collected['interfaces'] = [];
  const frames: SeenFrame[] = [];
  return {
    interfaces,
    frames,
    interface(id, description) {
      interfaces.push({ id, description: { ...description } });
    },
    frame(frame) {
      if (frame.offset + frame.capturedLength > frame.data.length) throw new Error('frame runs past its buffer');
      frames.push({
        interfaceId: frame.interfaceId,
        tsSec: frame.tsSec,
        tsNsec: frame.tsNsec,
        bytes: frame.data.toString('hex', frame.offset, frame.offset + frame.capturedLength),
        originalLength: frame.originalLength,
        direction: frame.direction,
      });
    },
  };
}
