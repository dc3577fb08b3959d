// Capture timestamps as ISO 8601, keeping the capture's sub-second precision (µs or ns).

export function isoTime(tsSec: number, tsNsec: number): string {
  const seconds = new Date(tsSec * 1000).toISOString().slice(0, 19);
  const fraction = tsNsec % 1000 === 0 ? String(tsNsec / 1000).padStart(6, '0') : String(tsNsec).padStart(9, '0');
  return `${seconds}.${fraction}Z`;
}
