// Writes a report to stdout and waits until it is flushed, so the exit code is set only after the
// whole report left the process (a pipe reader must never see half a JSON object and exit 0).

export function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(text, () => resolve());
  });
}
