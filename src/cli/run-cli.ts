// The gate contract around whatever command a CLI entry runs: whatever goes wrong ends as one line on
// stderr and exit 2; a crash must never read as clean. Shared by both entries (main.ts, audit-main.ts).
import { reportFailure } from './report-failure.js';
import { tolerateClosedStdout } from './write-out.js';

/** Runs the command that argv names (--debug taken out) and sets the process's exit code from it. */
export async function runCli(argv: string[], run: (args: string[]) => Promise<number>): Promise<void> {
  const debug = argv.includes('--debug');
  // Errors escaping a callback never reach the try below; they end the same way, as one line and exit 2.
  process.on('uncaughtException', (error) => {
    process.exitCode = reportFailure(error, debug, process.stderr);
    process.exit();
  });
  // Fail closed: if the event loop ever drains before a verdict is set, the exit code says error, not clean.
  process.exitCode = 2;
  tolerateClosedStdout();
  try {
    process.exitCode = await run(argv.filter((arg) => arg !== '--debug'));
  } catch (error) {
    process.exitCode = reportFailure(error, debug, process.stderr);
  }
}
