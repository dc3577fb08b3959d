// Byte counts in binary units for table cells: short enough for a 10-column cell, exact below 1 KiB.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 512 -> "512 B", 1536 -> "1.5 KiB", 157286400 -> "150 MiB"; "?" for a value that is not a count. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // One decimal while it still says something; rounding 1023.96 up must not print "1024 KiB".
  let digits = value < 100 ? value.toFixed(1) : String(Math.round(value));
  if (digits === '1024' && unit < UNITS.length - 1) {
    unit++;
    digits = '1.0';
  }
  return `${digits} ${UNITS[unit]}`;
}
