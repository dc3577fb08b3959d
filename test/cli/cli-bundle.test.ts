// The shipped CLI (dist/cli/, made by scripts/bundle-cli.ts). Loading ink and React takes about 0.3 s
// here, four times a whole small audit: they must stay behind `watch`'s dynamic import.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DNSLEAK } from '../support/run-dnsleak.js';

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

  it('puts the live engine where watch forks it: beside the one file that names it', () => {
    const files = readdirSync(CLI, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    const forkers = files.filter((file) => readFileSync(join(CLI, file), 'utf8').includes('new URL("./watch-engine.js"'));
    expect(forkers).toHaveLength(1);
    expect(existsSync(join(CLI, dirname(forkers[0]), 'watch-engine.js'))).toBe(true);
  });

  it('names the chunk holding the pipeline for it, so a stack trace through it reads as what it is', () => {
    const files = readdirSync(CLI).filter((file) => file.endsWith('.js'));
    const holders = files.filter((file) => /^function createAuditState\(/m.test(readFileSync(join(CLI, file), 'utf8')));
    expect(holders).toHaveLength(1);
    expect(holders[0]).toMatch(/^pipeline-[\w-]+\.js$/);
  });
});

describe('the launcher without a build', () => {
  it('says so in one line and exits 2, not 1 ("leak found")', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsleak-unbuilt-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(DNSLEAK, join(dir, 'bin', 'dnsleak'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'dnsleak'), 'audit', 'x.pcap'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^dnsleak: cannot load its build \(run npm run build\): .*dist\/cli\/main\.js.*\n$/);
  });
});
