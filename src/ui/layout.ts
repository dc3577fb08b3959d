// How the dashboard shares the terminal: the width where top names move beside the leak events, and
// how many leak events fit the height. ink clears and repaints the whole screen every frame once its
// output is as tall as the terminal, so the dashboard stays at least one line shorter than that.

/** From this width the top leaked names sit beside the leak events instead of on one line below. */
export const WIDE_COLUMNS = 140;
export const TOP_NAMES_WIDTH = 44;
export const UPSTREAMS_SHOWN = 5;
const TOP_NAMES_SHOWN = 10;
const DEFAULT_EVENT_ROWS = 10;
const MIN_EVENT_ROWS = 3;

export interface SectionSizes {
  reasons: number;
  interfaces: number;
  upstreams: number;
  wide: boolean;
}

/** Lines every section but the leak-event rows takes, as the components render them. */
export function fixedLines(sizes: SectionSizes): number {
  const banner = 1 + sizes.reasons;
  const interfaces = 1 + (sizes.interfaces === 0 ? 1 : 1 + sizes.interfaces);
  const upstreams = 1 + (sizes.upstreams === 0 ? 1 : 1 + Math.min(sizes.upstreams, UPSTREAMS_SHOWN) + (sizes.upstreams > UPSTREAMS_SHOWN ? 1 : 0));
  const events = 2;
  const topNames = sizes.wide ? 0 : 1;
  const footer = 1;
  return banner + interfaces + upstreams + events + topNames + footer;
}

/** Leak-event rows to show: what is left of the height, never fewer than a few; a default without one. */
export function eventRowsThatFit(height: number | undefined, sizes: SectionSizes): number {
  if (height === undefined || !Number.isFinite(height) || height <= 0) return DEFAULT_EVENT_ROWS;
  return Math.max(MIN_EVENT_ROWS, height - 1 - fixedLines(sizes));
}

/** Names beside the events: as many rows as the events get, within a small bound. */
export function topNameRows(eventRows: number): number {
  return Math.min(TOP_NAMES_SHOWN, Math.max(MIN_EVENT_ROWS, eventRows));
}
