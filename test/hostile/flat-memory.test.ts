// Memory stays flat however long the capture: 10 million generated packets of ever-new flows, servers
// and names stream through the built pipeline in a child process (for --expose-gc and a clean heap),
// and what is in use after a full GC at 10M may exceed what was in use at 1M by only a few MiB.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./flat-memory-stream.mjs', import.meta.url));
const MIB = 1 << 20;

interface Mark {
  packets: number;
  heapUsed: number;
  external: number;
  rss: number;
  seconds: number;
}

describe('memory over a 10-million-packet stream', () => {
  it('stays flat once every table is full: growth from 1M to 10M packets under 20 MiB', () => {
    const child = spawnSync(process.execPath, ['--expose-gc', SCRIPT, '10000000', '1000000', '10000000'], { encoding: 'utf8', timeout: 120_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout) as { packets: number; seconds: number; marks: Mark[]; leaksNotListed: number; listedLeaks: number; upstreams: number };
    const [first, last] = result.marks;
    const inUse = (mark: Mark) => mark.heapUsed + mark.external;
    const growth = inUse(last) - inUse(first);
    // Shown with the verdict so a failure says how much and how fast.
    const summary = `${(growth / MIB).toFixed(1)} MiB growth; at 1M ${(inUse(first) / MIB).toFixed(0)} MiB, at 10M ${(inUse(last) / MIB).toFixed(0)} MiB; ${result.seconds.toFixed(1)} s`;

    expect(result.packets, summary).toBe(10_000_000);
    // Every table overflowed: far more leaks than listed, and the upstream table at its cap.
    expect(result.listedLeaks).toBe(1000);
    expect(result.leaksNotListed).toBeGreaterThan(600_000);
    expect(result.upstreams).toBeLessThanOrEqual(1024);
    expect(growth, summary).toBeLessThan(20 * MIB);
  }, 120_000);
});
