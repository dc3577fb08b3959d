import { describe, expect, it } from 'vitest';
import { eventRowsThatFit, fixedLines, topNameRows } from '../../src/ui/layout.js';

const SIZES = { reasons: 1, interfaces: 2, upstreams: 1, wide: false };

describe('layout', () => {
  it('counts the lines of every section but the event rows', () => {
    // banner 2, interfaces 1+1+2, upstreams 1+1+1, events title and header 2, top names 1, footer 1
    expect(fixedLines(SIZES)).toBe(13);
    expect(fixedLines({ ...SIZES, wide: true })).toBe(12);
    expect(fixedLines({ reasons: 0, interfaces: 0, upstreams: 0, wide: false })).toBe(9);
  });
  it('counts at most five upstream rows plus the "more" line', () => {
    expect(fixedLines({ ...SIZES, upstreams: 9 })).toBe(13 - 1 + 5 + 1);
  });
  it('gives the event rows what is left, keeping one line free so ink does not repaint the screen', () => {
    expect(eventRowsThatFit(24, SIZES)).toBe(10);
    expect(eventRowsThatFit(50, SIZES)).toBe(36);
  });
  it('keeps a few event rows on a tiny terminal and uses a default without a height', () => {
    expect(eventRowsThatFit(12, SIZES)).toBe(3);
    expect(eventRowsThatFit(undefined, SIZES)).toBe(10);
  });
  it('bounds the top-name rows between 3 and 10', () => {
    expect(topNameRows(1)).toBe(3);
    expect(topNameRows(7)).toBe(7);
    expect(topNameRows(40)).toBe(10);
  });
});
