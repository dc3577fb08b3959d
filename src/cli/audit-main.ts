// dnsleak's entry point for `audit` alone, shipped as a CommonJS bundle: Node starts a CommonJS
// program sooner than an ES module one (README, Performance, "Adopted"). It cannot take
// `watch`: ink is an ES module with top-level await, which CommonJS cannot load.
import { runAudit } from './audit.js';
import { runCli } from './run-cli.js';

void runCli(process.argv.slice(2), ([, ...rest]) => runAudit(rest));
