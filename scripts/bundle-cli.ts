// The CLI as it ships: the compiled modules of src/ (tsc's output, the code the tests exercise) joined
// into one CommonJS file for `audit` and a few ES modules for every other command, in dist/cli/;
// bin/dnsleak loads one or the other by command.
//
// Why: Node resolves, reads and links every module of an import graph one at a time, and dnsleak's
// audit path is 61 modules. Measured (median of 15, alternating): `audit` of a 28-packet capture
// 0.097 s from the modules, 0.080 s from the bundle; of the 500k-packet host file 0.291 s against
// 0.268 (README, Dependencies). What the entries import only dynamically stays in chunks of its own,
// so `audit` never loads the dashboard's chunk and with it ink and React.
// Packages stay outside the bundle: they are loaded from node_modules as they are published.
import { rmSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type PreRenderedChunk } from 'rolldown';

const COMPILED_CLI = fileURLToPath(new URL('../src/cli/', import.meta.url));
const OUT = fileURLToPath(new URL('../cli/', import.meta.url));

/**
 * A shared chunk is named after one of its modules, which for the chunk of the whole pipeline (decode
 * to report, shared by audit and the live engine) was heap-tuning: a misleading name in a stack trace.
 */
function chunkName(chunk: PreRenderedChunk): string {
  return chunk.moduleIds.some((id) => id.endsWith(`${sep}audit${sep}audit-state.js`)) ? 'pipeline-[hash].js' : '[name]-[hash].js';
}

rmSync(OUT, { recursive: true, force: true });
// Everything but `audit`, as ES modules: the dashboard's ink is an ES module with top-level await.
await build({
  // watch.ts forks the engine as `./watch-engine.js` beside itself: both land in OUT, the chunk
  // holding watch.ts beside the entry of the same name.
  input: { main: `${COMPILED_CLI}main.js`, 'watch-engine': `${COMPILED_CLI}watch-engine.js` },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  output: { dir: OUT, format: 'es', entryFileNames: '[name].js', chunkFileNames: chunkName, sourcemap: true },
  logLevel: 'warn',
});
// `audit` alone, as CommonJS (.cjs beside the ES modules): bin/dnsleak loads it for that command.
await build({
  input: { 'audit-main': `${COMPILED_CLI}audit-main.js` },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  output: { dir: OUT, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', sourcemap: true },
  logLevel: 'warn',
});
