// One leak event as one line, for `watch --no-tui`: text for people, NDJSON for scripts.
import type { LeakEvent } from './report-v1.js';
import { interfaceLabel, terminalSafe } from './terminal-safe.js';

export const LEAK_EVENT_SCHEMA = 'dnsleak/leak-event/v1';

export function leakTextLine(event: LeakEvent): string {
  const name = event.qname === null ? '(undecodable)' : terminalSafe(event.qname);
  return `LEAK ${event.time} ${interfaceLabel(event.interface)} ${event.category} ${event.transport} ${terminalSafe(event.src)}:${event.srcPort} -> ${terminalSafe(event.dst)}:${event.dstPort} ${name} ${event.qtype ?? '-'}\n`;
}

export function leakJsonLine(event: LeakEvent): string {
  return `${JSON.stringify({ schema: LEAK_EVENT_SCHEMA, ...event })}\n`;
}
