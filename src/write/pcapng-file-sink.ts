// `watch --write FILE.pcapng`: every captured frame saved as pcapng with interface names, so an auditor
// can re-check a run offline and get the same verdict. A FrameSink at the I/O edge; blocks are batched
// into one buffer and written in large appends.
import { createWriteStream } from 'node:fs';
import type { CaptureInterface, Frame, FrameSink } from '../frame.js';
import { encodeInterfaceDescription, encodeSectionHeader, enhancedPacketLength, writeEnhancedPacket } from './pcapng-writer.js';

const BATCH_BYTES = 1 << 20;

export interface PcapngFileSink extends FrameSink {
  /** Writes what is batched; resolves when every byte reached the file. */
  close(): Promise<void>;
}

/** Opens the file and resolves once it is open, or rejects with the file-system error. */
export async function openPcapngFileSink(path: string, application: string): Promise<PcapngFileSink> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  let failure: Error | null = null;
  stream.on('error', (error) => (failure = error));
  let batch = Buffer.alloc(BATCH_BYTES);
  let used = 0;
  const write = (bytes: Buffer) => {
    if (used + bytes.length > batch.length) flush();
    if (bytes.length > batch.length) stream.write(bytes);
    else used += bytes.copy(batch, used);
  };
  const flush = () => {
    if (used === 0) return;
    stream.write(Buffer.from(batch.subarray(0, used)));
    used = 0;
  };
  write(encodeSectionHeader({ application }));

  return {
    interface(_id: number, description: CaptureInterface): void {
      // Ids are announced in order from 0, as pcapng numbers IDBs, so the capture's ids carry over.
      write(encodeInterfaceDescription({ linkType: description.linkType, snaplen: description.snaplen, name: description.name ?? undefined, tsresol: 9 }));
    },
    frame(frame: Frame): void {
      const length = enhancedPacketLength(frame.capturedLength, frame.direction);
      if (used + length > batch.length) flush();
      if (length > batch.length) batch = Buffer.alloc(length);
      used = writeEnhancedPacket(batch, used, {
        interfaceId: frame.interfaceId,
        tsSec: frame.tsSec,
        tsNsec: frame.tsNsec,
        packet: frame.data.subarray(frame.offset, frame.offset + frame.capturedLength),
        originalLength: frame.originalLength,
        direction: frame.direction,
      });
    },
    close(): Promise<void> {
      flush();
      return new Promise((resolve, reject) => {
        stream.end(() => (failure ? reject(failure) : resolve()));
      });
    },
  };
}
