// V8's garbage-collector sizing for the processes that audit packets: `audit`, and the live engine of
// `watch`. Called before the audit allocates anything.
//
// V8 doubles the young generation (up to 2 x 16 MiB) when many objects survive a scavenge, and lets
// the old generation grow to several times its live size between full collections. Flows that stay
// open for thousands of packets are such survivors, and each dies in the old generation. Measured on
// the interleaved bench files (20,000 DNS-over-TCP and DoT flows open at once, median of 5): peak RSS
// 128 MiB on 500k packets and 155 MiB on 2M. With the young generation kept at its initial size and
// the old one growing by 20 %: 77 and 80 MiB, for 6 % more wall time on 2M (none on 500k); the host
// and dns-heavy files 5 MiB lower, wall time the same within noise (README, Performance).
// Not for the dashboard's process: React's rendering makes short-lived garbage at a rate that a small
// young generation turns into frequent scavenges (measured, live benchmark: 1.95 CPU s against 1.7).
// A V8 that no longer takes flags once running ignores these, and the figures before apply.
import { setFlagsFromString } from 'node:v8';

export function tuneHeapForAudit(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=20');
}
