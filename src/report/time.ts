// Capture timestamps as ISO 8601, keeping the capture's sub-second precision (µs or ns).

// Live mode formats a line per leak: at 200k leaks/s, a Date per event is a measurable share of the
// budget. Consecutive events almost always fall in the same second.
let cachedSecond = NaN;
let cachedText = '';

export function isoTime(tsSec: number, tsNsec: number): string {
  if (tsSec !== cachedSecond) {
    cachedSecond = tsSec;
    cachedText = new Date(tsSec * 1000).toISOString().slice(0, 19);
  }
  const fraction = tsNsec % 1000 === 0 ? String(tsNsec / 1000).padStart(6, '0') : String(tsNsec).padStart(9, '0');
  return `${cachedText}.${fraction}Z`;
}
