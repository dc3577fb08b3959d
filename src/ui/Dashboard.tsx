// The whole `watch` screen drawn from one LiveView snapshot: verdict, interfaces, encrypted upstreams,
// recent leaks and top names, then the keys. Presentational only: no timers, no input, no capture.
import { Box } from 'ink';
import type { LiveView } from './live-view.js';
import { interfaceRows } from './interface-rows.js';
import { TOP_NAMES_WIDTH, WIDE_COLUMNS, eventRowsThatFit, topNameRows } from './layout.js';
import { Footer } from './Footer.js';
import { HelpOverlay } from './HelpOverlay.js';
import { InterfaceTable } from './InterfaceTable.js';
import { LeakEvents } from './LeakEvents.js';
import { TopNames } from './TopNames.js';
import { UpstreamTable } from './UpstreamTable.js';
import { VerdictBanner } from './VerdictBanner.js';

const DEFAULT_WIDTH = 80;
/** Below this the tables cannot show even their most important columns. */
const MIN_WIDTH = 40;

export interface DashboardProps {
  view: LiveView;
  help: boolean;
  noColor: boolean;
  /** Terminal columns; 80 when unknown. */
  width?: number;
  /** Terminal rows, which bound the leak events shown; a fixed number of events when unknown. */
  height?: number;
}

export function Dashboard({ view, help, noColor, width = DEFAULT_WIDTH, height }: DashboardProps) {
  const columns = Math.max(MIN_WIDTH, Math.floor(width));
  const wide = columns >= WIDE_COLUMNS;
  const interfaces = interfaceRows(view);
  const { report } = view;
  const eventRows = eventRowsThatFit(height, {
    reasons: report.reasons.length,
    interfaces: interfaces.length,
    upstreams: report.encrypted.length,
    wide,
  });
  const eventsWidth = wide ? columns - TOP_NAMES_WIDTH - 2 : columns;
  const events = (
    <LeakEvents events={view.recentLeaks} leakedQueries={report.totals.leakedQueries} rows={eventRows} width={eventsWidth} noColor={noColor} />
  );
  return (
    <Box flexDirection="column" width={columns}>
      <VerdictBanner view={view} noColor={noColor} />
      {help ? (
        <HelpOverlay width={columns} noColor={noColor} />
      ) : (
        <>
          <InterfaceTable rows={interfaces} width={columns} noColor={noColor} />
          <UpstreamTable upstreams={report.encrypted} width={columns} noColor={noColor} />
          {wide ? (
            <Box columnGap={2}>
              {events}
              <TopNames names={report.topLeakedNames} rows={topNameRows(eventRows)} width={TOP_NAMES_WIDTH} compact={false} noColor={noColor} />
            </Box>
          ) : (
            <>
              {events}
              <TopNames names={report.topLeakedNames} rows={0} width={columns} compact noColor={noColor} />
            </>
          )}
        </>
      )}
      <Footer paused={view.paused} help={help} noColor={noColor} />
    </Box>
  );
}
