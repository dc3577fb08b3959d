// Which table columns fit a terminal width: columns are taken most important first, any that no longer
// fit are dropped, and the width left over goes to the columns that hold names, up to their maximum.
// Pure so the 80-to-200-column behaviour is testable without rendering.

export type Align = 'left' | 'right';

export interface Column<Row> {
  header: string;
  /** Cells the column needs; never less than its header. */
  width: number;
  /** 0 is kept longest; higher numbers are dropped first on a narrow terminal. */
  priority: number;
  align?: Align;
  /** A column holding names grows into spare width up to this many cells. */
  maxWidth?: number;
  cell(row: Row): string;
  color?(row: Row): string | undefined;
}

export interface FittedColumn<Row> {
  column: Column<Row>;
  width: number;
}

/** The columns to show, in their declared order, with the width each gets; `gap` cells separate them. */
export function fitColumns<Row>(columns: readonly Column<Row>[], width: number, gap: number): FittedColumn<Row>[] {
  const byImportance = columns.map((column, index) => ({ column, index })).sort((a, b) => a.column.priority - b.column.priority || a.index - b.index);
  const kept = new Set<number>();
  let used = 0;
  for (const { column, index } of byImportance) {
    const needed = minWidth(column) + (kept.size > 0 ? gap : 0);
    if (used + needed > width) continue;
    kept.add(index);
    used += needed;
  }
  const fitted = columns.filter((_, index) => kept.has(index)).map((column) => ({ column, width: minWidth(column) }));
  growIntoSpareWidth(fitted, width - used);
  return fitted;
}

function minWidth(column: Column<unknown>): number {
  return Math.max(column.width, column.header.length);
}

/** Shares the spare cells evenly; each pass spends at least one cell or retires a full column. */
function growIntoSpareWidth<Row>(fitted: FittedColumn<Row>[], spare: number): void {
  let growing = fitted.filter((f) => (f.column.maxWidth ?? 0) > f.width);
  while (spare > 0 && growing.length > 0) {
    const share = Math.max(1, Math.floor(spare / growing.length));
    for (const f of growing) {
      const add = Math.min(share, (f.column.maxWidth ?? 0) - f.width, spare);
      f.width += add;
      spare -= add;
    }
    growing = growing.filter((f) => (f.column.maxWidth ?? 0) > f.width);
  }
}
