// Live capture options, their defaults and their bounds (values come from the command line).
import { UsageError } from '../errors.js';
import type { HandleSettings } from './pcap-handle.js';

export interface LiveCaptureOptions {
  /** Interfaces to capture on; absent or empty: every interface that is up, now or later. */
  interfaces?: readonly string[];
  promiscuous?: boolean;
  /** Kernel ring size per interface, bytes. */
  bufferSize?: number;
  snaplen?: number;
  /** How often sysfs is polled for interfaces that appear or vanish. */
  scanIntervalMs?: number;
}

// Immediate mode makes libpcap use TPACKET_V2, whose ring frames are fixed-size (about snaplen): with
// 16 MiB, a 4096-byte snaplen gives ~3900 frames, 65535 only ~250. Measured in test/capture/NOTES.md:
// 200,000 queries from one sender: 8 MiB dropped up to 1% on a busy 2-core host, 16 MiB none. 4096 bytes
// holds a DNS query, an EDNS response of common size and a TLS ClientHello's SNI.
export const DEFAULT_BUFFER_SIZE = 16 * 1024 * 1024;
export const DEFAULT_SNAPLEN = 4096;

export function handleSettings(options: LiveCaptureOptions): HandleSettings & { scanIntervalMs: number } {
  const bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
  const snaplen = options.snaplen ?? DEFAULT_SNAPLEN;
  if (!Number.isInteger(bufferSize) || bufferSize < 65_536 || bufferSize > 0x7fffffff) {
    throw new UsageError(`buffer size must be a whole number of bytes from 65536 to 2147483647, not ${bufferSize}`);
  }
  if (!Number.isInteger(snaplen) || snaplen < 128 || snaplen > 262_144) {
    throw new UsageError(`snaplen must be a whole number from 128 to 262144, not ${snaplen}`);
  }
  const scanIntervalMs = options.scanIntervalMs ?? 1000;
  if (!Number.isInteger(scanIntervalMs) || scanIntervalMs < 10 || scanIntervalMs > 60_000) {
    throw new UsageError(`scan interval must be 10 to 60000 ms, not ${scanIntervalMs}`);
  }
  return { bufferSize, snaplen, promiscuous: options.promiscuous ?? false, scanIntervalMs };
}
