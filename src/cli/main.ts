// dnsleak's entry point: dispatches the command and is the top-level handler of the gate contract.
// Whatever goes wrong ends as one line on stderr and exit 2; a crash must never read as clean.
import { runAudit } from './audit.js';
import { UsageError } from '../errors.js';
import { tuneHeapForAudit } from './heap-tuning.js';
import { reportFailure } from './report-failure.js';
import { USAGE } from './usage.js';
import { tolerateClosedStdout } from './write-out.js';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'audit':
      tuneHeapForAudit();
      return runAudit(rest);
    case 'watch': {
      const { runWatch } = await import('./watch.js');
      return runWatch(rest);
    }
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case undefined:
      throw new UsageError('a command is required (audit or watch); see dnsleak --help');
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}; see dnsleak --help`);
  }
}

const argv = process.argv.slice(2);
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
  process.exitCode = await main(argv.filter((arg) => arg !== '--debug'));
} catch (error) {
  process.exitCode = reportFailure(error, debug, process.stderr);
}
