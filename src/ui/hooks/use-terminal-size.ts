// The terminal's size, kept current: ink lays out again on 'resize', but the dashboard also needs the
// numbers to choose its columns and how many events fit.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  /** undefined when the output is not a terminal (a pipe, a test). */
  rows: number | undefined;
}

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => measure(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(measure(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

function measure(stdout: NodeJS.WriteStream): TerminalSize {
  // columns and rows are undefined or 0 when stdout is not a TTY.
  return {
    columns: stdout.columns > 0 ? stdout.columns : 80,
    rows: stdout.rows > 0 ? stdout.rows : undefined,
  };
}
