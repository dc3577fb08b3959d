// A table of fixed-width cells: the columns that fit the width (see fit-columns.ts), one line per row,
// cells cut with an ellipsis rather than wrapped so every row stays exactly one line tall.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { fitColumns, type Align, type Column } from './fit-columns.js';
import { tint } from './palette.js';

const GAP = 1;

export interface TableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  width: number;
  noColor: boolean;
}

export function Table<Row>({ columns, rows, width, noColor }: TableProps<Row>) {
  const fitted = fitColumns(columns, width, GAP);
  const last = fitted.length - 1;
  return (
    <Box flexDirection="column">
      <Box>
        {fitted.map(({ column, width: cellWidth }, index) => (
          <Cell key={column.header} width={cellWidth} gap={index < last ? GAP : 0} align={column.align}>
            <Text bold={!noColor} wrap="truncate-end">
              {column.header}
            </Text>
          </Cell>
        ))}
      </Box>
      {rows.map((row, rowIndex) => (
        <Box key={rowIndex}>
          {fitted.map(({ column, width: cellWidth }, index) => (
            <Cell key={column.header} width={cellWidth} gap={index < last ? GAP : 0} align={column.align}>
              <Text color={tint(column.color?.(row), noColor)} wrap="truncate-end">
                {column.cell(row)}
              </Text>
            </Cell>
          ))}
        </Box>
      ))}
    </Box>
  );
}

function Cell({ width, gap, align, children }: { width: number; gap: number; align?: Align; children: ReactNode }) {
  return (
    <Box width={width} marginRight={gap} flexShrink={0} justifyContent={align === 'right' ? 'flex-end' : 'flex-start'}>
      {children}
    </Box>
  );
}
