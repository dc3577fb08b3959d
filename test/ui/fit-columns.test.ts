import { describe, expect, it } from 'vitest';
import { fitColumns, type Column } from '../../src/ui/fit-columns.js';

function column(header: string, width: number, priority: number, maxWidth?: number): Column<string> {
  return { header, width, priority, maxWidth, cell: (row) => row };
}

const COLUMNS = [column('NAME', 10, 0, 30), column('A', 6, 2), column('B', 8, 1), column('C', 4, 3)];

function fitted(width: number): [string, number][] {
  return fitColumns(COLUMNS, width, 1).map((f) => [f.column.header, f.width]);
}

describe('fitColumns', () => {
  it('shows every column in declared order when they fit, giving spare width to the name column', () => {
    // 10 + 6 + 8 + 4 and three gaps is 31: five spare cells go to NAME.
    expect(fitted(36)).toEqual([['NAME', 15], ['A', 6], ['B', 8], ['C', 4]]);
  });
  it('drops the least important columns first when the width runs out', () => {
    expect(fitted(30)).toEqual([['NAME', 14], ['A', 6], ['B', 8]]);
    expect(fitted(20)).toEqual([['NAME', 11], ['B', 8]]);
  });
  it('still takes a less important column that fits after a more important one did not', () => {
    expect(fitted(15)).toEqual([['NAME', 10], ['C', 4]]);
  });
  it('grows a name column no further than its maximum', () => {
    expect(fitted(200)).toEqual([['NAME', 30], ['A', 6], ['B', 8], ['C', 4]]);
  });
  it('shares spare width evenly between name columns', () => {
    const two = [column('X', 5, 0, 20), column('Y', 5, 0, 8)];
    expect(fitColumns(two, 31, 1).map((f) => f.width)).toEqual([20, 8]);
    expect(fitColumns(two, 17, 1).map((f) => f.width)).toEqual([8, 8]);
  });
  it('never makes a column narrower than its header', () => {
    expect(fitColumns([column('LONGHEADER', 3, 0)], 80, 1).map((f) => f.width)).toEqual([10]);
  });
  it('shows nothing when not even one column fits', () => {
    expect(fitColumns(COLUMNS, 3, 1)).toEqual([]);
  });
});
