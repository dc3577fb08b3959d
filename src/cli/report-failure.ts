// The gate's last line of defence: whatever escapes a command ends as one line on stderr and exit 2.
// Errors the user caused say what to fix; anything else is a bug, shown as one line (with --debug, the
// stack too), never as a trace a script would have to parse, and never as a clean exit.
import { CaptureFileError, UsageError } from '../errors.js';
import { EXIT_USAGE } from '../classify/exit-codes.js';

export function reportFailure(error: unknown, debug: boolean, stderr: { write(text: string): unknown }): number {
  if (error instanceof UsageError || error instanceof CaptureFileError) {
    stderr.write(`dnsleak: ${oneLine(error.message)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`dnsleak: internal error: ${oneLine(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
  }
  if (debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return EXIT_USAGE;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
