// Writes a report to stdout and waits until it is flushed, so the exit code is set only after the
// whole report left the process. A reader that closed the pipe early (`| head`) is not an error of
// dnsleak's: the verdict and exit code stand.

export function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(text, () => resolve());
  });
}

/** Called once at start: EPIPE on stdout ends the output, not the gate. */
export function tolerateClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
