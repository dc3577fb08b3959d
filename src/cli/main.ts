// dnsleak's entry point for every command. bin/dnsleak sends `audit` to audit-main.ts instead; the
// case stays here so that this entry, run directly, is still the whole CLI.
import { runAudit } from './audit.js';
import { UsageError } from '../errors.js';
import { runCli } from './run-cli.js';
import { USAGE } from './usage.js';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'audit':
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

void runCli(process.argv.slice(2), main);
