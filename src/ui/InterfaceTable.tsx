// Per-interface counts: where stub traffic stays, where plaintext DNS leaves, what is encrypted and
// whether the kernel dropped packets (a drop makes a clean verdict unprovable, so it stays visible).
import { Box, Text } from 'ink';
import type { Column } from './fit-columns.js';
import type { InterfaceRow } from './interface-rows.js';
import { formatBytes } from './format-bytes.js';
import { SectionTitle } from './SectionTitle.js';
import { Table } from './Table.js';

const STATUS_LABEL = { capturing: 'capturing', closed: 'closed', 'not-captured': 'not captured' } as const;

const COLUMNS: Column<InterfaceRow>[] = [
  { header: 'INTERFACE', width: 10, priority: 0, maxWidth: 24, cell: (r) => r.label },
  { header: 'LOOPBACK', width: 8, priority: 5, cell: (r) => (r.loopback === null ? '-' : r.loopback ? 'yes' : 'no') },
  {
    header: 'STATUS',
    width: 12,
    priority: 3,
    cell: (r) => (r.status === null ? '-' : STATUS_LABEL[r.status]),
    color: (r) => (r.status === 'capturing' ? 'green' : r.status === null ? undefined : 'yellow'),
  },
  { header: 'STUB', width: 6, priority: 2, align: 'right', cell: (r) => String(r.stubQueries) },
  { header: 'LEAKED-Q', width: 8, priority: 0, align: 'right', cell: (r) => String(r.leakedQueries), color: (r) => (r.leakedQueries > 0 ? 'red' : undefined) },
  { header: 'LEAKED-R', width: 8, priority: 1, align: 'right', cell: (r) => String(r.leakedResponses), color: (r) => (r.leakedResponses > 0 ? 'red' : undefined) },
  { header: 'LINK-LOCAL', width: 10, priority: 2, align: 'right', cell: (r) => String(r.linkLocalQueries), color: (r) => (r.linkLocalQueries > 0 ? 'yellow' : undefined) },
  { header: 'DOT-FLOWS', width: 9, priority: 3, align: 'right', cell: (r) => String(r.encryptedFlows) },
  { header: 'DOT-BYTES', width: 10, priority: 4, align: 'right', cell: (r) => formatBytes(r.encryptedBytes) },
  { header: 'DROPS', width: 6, priority: 1, align: 'right', cell: (r) => (r.drops === null ? '?' : String(r.drops)), color: (r) => (r.drops !== 0 ? 'yellow' : undefined) },
];

export interface InterfaceTableProps {
  rows: InterfaceRow[];
  width: number;
  noColor: boolean;
}

export function InterfaceTable({ rows, width, noColor }: InterfaceTableProps) {
  return (
    <Box flexDirection="column">
      <SectionTitle title="Interfaces" noColor={noColor} />
      {rows.length === 0 ? <Text>  no interface seen yet</Text> : <Table columns={COLUMNS} rows={rows} width={width} noColor={noColor} />}
    </Box>
  );
}
