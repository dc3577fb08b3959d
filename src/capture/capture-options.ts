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
  /** libpcap's packet buffer timeout; 0 for immediate mode. */
  bufferTimeoutMs?: number;
}

// 16 MiB per interface; 4096 bytes hold a DNS query, an EDNS response of common size and a TLS
// ClientHello's SNI. Measured in test/capture/NOTES.md (200,000 queries from one sender).
export const DEFAULT_BUFFER_SIZE = 16 * 1024 * 1024;
export const DEFAULT_SNAPLEN = 4096;
// With a buffer timeout libpcap uses TPACKET_V3, whose ring packs packets into blocks at their own
// size, where immediate mode's TPACKET_V2 gives each a fixed frame of about snaplen: the same 16 MiB
// holds ~3,900 frames, or by arithmetic (about 160 bytes a query with its header) ~100,000 queries.
// A block reaches us when full or at most this long after its first packet, well within a dashboard
// refresh. Measured with `npm run bench -- --live-only` (200,000 queries, 12 runs each): immediate
// mode dropped packets in 3 runs (up to 4,211), 50 ms in none, with 10 % less CPU.
export const DEFAULT_BUFFER_TIMEOUT_MS = 50;

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
  const bufferTimeoutMs = options.bufferTimeoutMs ?? DEFAULT_BUFFER_TIMEOUT_MS;
  if (!Number.isInteger(bufferTimeoutMs) || bufferTimeoutMs < 0 || bufferTimeoutMs > 1000) {
    throw new UsageError(`buffer timeout must be 0 (immediate) to 1000 ms, not ${bufferTimeoutMs}`);
  }
  return { bufferSize, snaplen, promiscuous: options.promiscuous ?? false, scanIntervalMs, bufferTimeoutMs };
}
