// The encrypted upstreams the host talks to (DoT, DoQ): server, the name it was asked for, the
// negotiated version, and how much went there. Bounded to a few rows; the rest are counted.
import { Box, Text } from 'ink';
import type { EncryptedUpstream } from '../report/report-v1.js';
import type { Column } from './fit-columns.js';
import { formatBytes } from './format-bytes.js';
import { formatClock } from './format-clock.js';
import { UPSTREAMS_SHOWN } from './layout.js';
import { SectionTitle } from './SectionTitle.js';
import { Table } from './Table.js';
import { terminalSafe } from '../report/terminal-safe.js';

const COLUMNS: Column<EncryptedUpstream>[] = [
  { header: 'SERVER', width: 15, priority: 0, maxWidth: 39, cell: (u) => terminalSafe(u.server) },
  { header: 'PORT', width: 7, priority: 4, cell: (u) => `${u.transport}/${u.port}` },
  { header: 'SNI', width: 12, priority: 1, maxWidth: 40, cell: (u) => (u.sni === null ? '-' : terminalSafe(u.sni)) },
  { header: 'TLS', width: 7, priority: 2, cell: (u) => (u.tlsVersion === null ? '-' : terminalSafe(u.tlsVersion)) },
  { header: 'FLOWS', width: 5, priority: 1, align: 'right', cell: (u) => String(u.flows) },
  { header: 'BYTES', width: 9, priority: 2, align: 'right', cell: (u) => formatBytes(u.bytes) },
  { header: 'LAST-SEEN', width: 9, priority: 3, cell: (u) => formatClock(u.lastSeen) },
];

export interface UpstreamTableProps {
  upstreams: EncryptedUpstream[];
  width: number;
  noColor: boolean;
}

export function UpstreamTable({ upstreams, width, noColor }: UpstreamTableProps) {
  const shown = upstreams.slice(0, UPSTREAMS_SHOWN);
  const more = upstreams.length - shown.length;
  return (
    <Box flexDirection="column">
      <SectionTitle title="Encrypted upstreams" noColor={noColor} />
      {shown.length === 0 ? (
        <Text>  none seen yet</Text>
      ) : (
        <Table columns={COLUMNS} rows={shown} width={width} noColor={noColor} />
      )}
      {more > 0 ? <Text>{`  … and ${more} more`}</Text> : null}
    </Box>
  );
}
