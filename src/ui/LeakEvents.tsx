// The most recent leak events, newest first: when, where, what kind, to whom, and the name that leaked.
// The caller says how many rows fit; the snapshot keeps them newest last.
import { Box, Text } from 'ink';
import type { LeakEvent } from '../report/report-v1.js';
import type { Column } from './fit-columns.js';
import { formatClock } from './format-clock.js';
import { formatEndpoint } from './format-endpoint.js';
import { CATEGORY_COLOR, tint } from './palette.js';
import { SectionTitle } from './SectionTitle.js';
import { Table } from './Table.js';
import { interfaceLabel, terminalSafe } from '../report/terminal-safe.js';

const COLUMNS: Column<LeakEvent>[] = [
  { header: 'TIME', width: 8, priority: 1, cell: (e) => formatClock(e.time) },
  { header: 'INTERFACE', width: 9, priority: 0, maxWidth: 16, cell: (e) => interfaceLabel(e.interface) },
  { header: 'CATEGORY', width: 10, priority: 0, cell: (e) => e.category, color: (e) => CATEGORY_COLOR[e.category] },
  { header: 'DESTINATION', width: 21, priority: 1, maxWidth: 47, cell: (e) => `${e.transport} ${formatEndpoint(e.dst, e.dstPort)}` },
  { header: 'NAME', width: 16, priority: 0, maxWidth: 80, cell: (e) => (e.qname === null ? '(undecodable)' : terminalSafe(e.qname)) },
  { header: 'TYPE', width: 5, priority: 2, cell: (e) => (e.qtype === null ? '-' : terminalSafe(e.qtype)) },
];

export interface LeakEventsProps {
  /** Newest last, as the snapshot holds them. */
  events: LeakEvent[];
  /** Leaked queries counted so far, listed or not. */
  leakedQueries: number;
  rows: number;
  width: number;
  noColor: boolean;
}

export function LeakEvents({ events, leakedQueries, rows, width, noColor }: LeakEventsProps) {
  const newestFirst = events.slice(Math.max(0, events.length - rows)).reverse();
  return (
    <Box flexDirection="column" width={width}>
      <SectionTitle title={`Recent leaks, newest first (${leakedQueries} leaked queries)`} noColor={noColor} />
      {newestFirst.length === 0 ? (
        <Text color={tint('green', noColor)}>  none seen</Text>
      ) : (
        <Table columns={COLUMNS} rows={newestFirst} width={width} noColor={noColor} />
      )}
    </Box>
  );
}
