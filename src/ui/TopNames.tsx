// The names that leaked most: a small table beside the leak events on a wide terminal, or a single
// line ("a.example 12 · b.example 3") when the width is needed for the events.
import { Box, Text } from 'ink';
import type { LeakedName } from '../report/report-v1.js';
import type { Column } from './fit-columns.js';
import { tint } from './palette.js';
import { SectionTitle } from './SectionTitle.js';
import { Table } from './Table.js';
import { terminalSafe } from '../report/terminal-safe.js';

/** A line only ever shows a few; more would be cut at the terminal edge anyway. */
const COMPACT_NAMES = 10;

const COLUMNS: Column<LeakedName>[] = [
  { header: 'NAME', width: 16, priority: 0, maxWidth: 80, cell: (n) => terminalSafe(n.qname) },
  { header: 'QUERIES', width: 7, priority: 0, align: 'right', cell: (n) => String(n.queries) },
];

export interface TopNamesProps {
  names: LeakedName[];
  /** Table rows when not compact. */
  rows: number;
  width: number;
  compact: boolean;
  noColor: boolean;
}

export function TopNames({ names, rows, width, compact, noColor }: TopNamesProps) {
  if (compact) {
    const list = names.length === 0 ? 'none' : names.slice(0, COMPACT_NAMES).map((n) => `${terminalSafe(n.qname)} ${n.queries}`).join(' · ');
    return (
      <Box width={width}>
        <Text wrap="truncate-end">
          <Text bold={!noColor} color={tint('cyan', noColor)}>
            Top leaked names:
          </Text>
          {` ${list}`}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <SectionTitle title="Top leaked names" noColor={noColor} />
      {names.length === 0 ? <Text>  none</Text> : <Table columns={COLUMNS} rows={names.slice(0, rows)} width={width} noColor={noColor} />}
    </Box>
  );
}
