// The first line of the dashboard: the verdict so far, how long the capture has run, its rate and
// total, PAUSED while the display is frozen; then the verdict's reasons, one line each.
import { Box, Text } from 'ink';
import type { LiveView } from './live-view.js';
import { formatDuration } from './format-duration.js';
import { VERDICT_COLOR, VERDICT_LABEL, tint } from './palette.js';
import { terminalSafe } from '../report/terminal-safe.js';

export interface VerdictBannerProps {
  view: LiveView;
  noColor: boolean;
}

export function VerdictBanner({ view, noColor }: VerdictBannerProps) {
  const { verdict, reasons, totals } = view.report;
  const rate = Number.isFinite(view.packetsPerSecond) ? Math.round(view.packetsPerSecond) : 0;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold={!noColor} color={tint('black', noColor)} backgroundColor={tint(VERDICT_COLOR[verdict], noColor)}>
          {` ${VERDICT_LABEL[verdict]} `}
        </Text>
        {`  ${formatDuration(view.elapsedSeconds)}  ${rate} pkt/s  ${totals.packets} packets`}
        {view.paused ? (
          <Text bold={!noColor} color={tint('yellow', noColor)}>
            {'  PAUSED'}
          </Text>
        ) : null}
      </Text>
      {reasons.map((reason, index) => (
        <Text key={index} wrap="truncate-end">
          {`  - ${terminalSafe(reason)}`}
        </Text>
      ))}
    </Box>
  );
}
