// The time of day of an ISO 8601 report time (hh:mm:ss, in the report's UTC): the date and the
// sub-second digits do not fit a live table and say little while watching.
import { terminalSafe } from '../report/terminal-safe.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}:\d{2})/;

export function formatClock(iso: string): string {
  const match = ISO_TIME.exec(iso);
  return match === null ? terminalSafe(iso) : match[1];
}
