// Where a layer's payload lies once two limits apply: what the headers declare and what was captured.
import type { PacketFacts } from './packet-facts.js';

/**
 * Sets out.payloadOffset/Length/Missing for a payload starting at start that the headers say ends at
 * declaredEnd, in a capture that holds bytes up to capturedEnd. Link padding past declaredEnd (short
 * Ethernet frames are padded to 60 bytes) is not payload; bytes before declaredEnd that a snaplen cut
 * off are counted as missing.
 */
export function setPayload(out: PacketFacts, start: number, capturedEnd: number, declaredEnd: number): void {
  const end = capturedEnd < declaredEnd ? capturedEnd : declaredEnd;
  out.payloadOffset = start;
  out.payloadLength = end > start ? end - start : 0;
  const missingFrom = capturedEnd > start ? capturedEnd : start;
  out.payloadMissing = declaredEnd > missingFrom ? declaredEnd - missingFrom : 0;
}
