// The shipped CLI (dist/cli/, made by scripts/bundle-cli.ts). Loading ink and React takes about 0.3 s
// here, three times a whole small audit: they must stay behind `watch`'s dynamic import.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli/', import.meta.url));

/** Every specifier a module and the bundle files it statically imports name, with the files visited. */
function staticImportGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.includes(file)) continue;
    files.push(file);
    // Static imports only: `import … from "x"` and `import "x"` at the start of a line, as the bundler writes them.
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^import\s(?:[^"']*?\sfrom\s)?["']([^"']+)["']/gm)) {
      if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe('the bundled CLI', () => {
  it('imports no package on the way to an audit, ink and React included: only Node built-ins and its own chunks', () => {
    const { files, packages } = staticImportGraph(join(CLI, 'main.js'));
    expect(files.length).toBeGreaterThan(1);
    expect([...packages].filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
  });

  it('puts the live engine where watch forks it: beside the chunk that names it', () => {
    const forking = staticImportGraph(join(CLI, 'main.js')).files.concat(
      [...readFileSync(join(CLI, 'main.js'), 'utf8').matchAll(/import\(["'](\.\/watch-[\w-]+\.js)["']\)/g)].map(([, chunk]) => join(CLI, chunk)),
    );
    const forker = forking.find((file) => readFileSync(file, 'utf8').includes('"./watch-engine.js"'));
    expect(forker).toBeDefined();
    expect(existsSync(join(dirname(forker!), 'watch-engine.js'))).toBe(true);
  });
});
