// Option values with units: durations for --for, byte sizes for --buffer.
import { UsageError } from '../errors.js';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, kib: 1024, m: 1 << 20, mib: 1 << 20, g: 1 << 30, gib: 1 << 30 };

/** "30s", "5m", "1h", "500ms" (a bare number is seconds) to milliseconds. */
export function parseDuration(option: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const milliseconds = match ? Number(match[1]) * DURATION_UNITS[match[2] ?? 's'] : NaN;
  if (!(milliseconds > 0) || milliseconds > 2 ** 31 - 1) throw new UsageError(`${option} ${JSON.stringify(text)}: expected a duration such as 30s, 5m or 1h`);
  return milliseconds;
}

/** "8M", "64MiB", "1048576" to bytes. */
export function parseSize(option: string, text: string): number {
  const match = /^(\d+)\s*([kmg](?:ib)?)?$/i.exec(text.trim());
  const bytes = match ? Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()] : NaN;
  if (!(bytes >= 65536) || bytes > 2 ** 31 - 1) throw new UsageError(`${option} ${JSON.stringify(text)}: expected a size from 64KiB to 2GiB, such as 32M`);
  return bytes;
}
