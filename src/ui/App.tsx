// What `dnsleak watch` mounts with ink's render(): it follows the snapshots the command pushes, the
// terminal's size and the keys (q quit, p pause, r reset, ? help) and draws the Dashboard.
// It owns no capture and no timer: quitting and resetting are the command's to do, through callbacks.
import { useState } from 'react';
import { Text, useInput, useStdin } from 'ink';
import { Dashboard } from './Dashboard.js';
import { useLiveView, type Subscribe } from './hooks/use-live-view.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';

export interface AppProps {
  /** Registers a listener for new snapshots (a few per second) and returns its unsubscribe. */
  subscribe: Subscribe;
  onQuit(): void;
  /** The display was frozen (true) or resumed (false); the capture goes on either way. */
  onPause(paused: boolean): void;
  onReset(): void;
  noColor: boolean;
}

export function App({ subscribe, onQuit, onPause, onReset, noColor }: AppProps) {
  const { columns, rows } = useTerminalSize();
  const { view, togglePause } = useLiveView(subscribe);
  const [help, setHelp] = useState(false);
  // Without a terminal on stdin (piped input) ink cannot read single keys and would throw: draw anyway.
  const { isRawModeSupported } = useStdin();

  const onKey = (input: string): void => {
    // One key at a time: a pasted string is not a sequence of commands.
    switch (input.length === 1 ? input.toLowerCase() : '') {
      case 'q':
        onQuit();
        break;
      case 'p': {
        const nowPaused = togglePause();
        if (nowPaused !== null) onPause(nowPaused);
        break;
      }
      case 'r':
        onReset();
        break;
      case '?':
        setHelp((shown) => !shown);
        break;
    }
  };
  // ink reports stdin.isTTY as is: undefined, not false, for a pipe.
  useInput(onKey, { isActive: isRawModeSupported === true });

  if (view === null) return <Text>waiting for the first snapshot… (q quits)</Text>;
  return <Dashboard view={view} help={help} noColor={noColor} width={columns} height={rows} />;
}
