// The repository root, found from this module's location: the same whether vitest runs the TypeScript
// source (test/lab/) or node runs the compiled copy (dist/test/lab/) for `npm run lab`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('no package.json above test/lab');
}

/** Where scripts/fetch-resolved.sh puts the extracted package; `binary` links to the daemon. */
export function resolvedBinary(): string {
  return join(repoRoot(), '.cache', 'systemd-resolved', 'binary');
}
