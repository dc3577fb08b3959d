// The shipped CLI (dist/cli/, made by scripts/bundle-cli.ts) and the launcher that picks its entry.
// Loading ink and React takes about 0.3 s here, four times a whole small audit: they must stay behind
// `watch`'s dynamic import, and out of the audit's CommonJS bundle altogether.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/run-dnsleak.js';

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

/** Every specifier the CommonJS bundle requires or imports, at load or later; packages loaded by createRequire are not among them. */
function commonJsSpecifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\b(?:require|import)\("([^"]+)"\)/g)].map(([, specifier]) => specifier);
}

describe('the bundled CLI', () => {
  it('imports no package on the way to help or a usage error, ink and React included: only Node built-ins and its own chunks', () => {
    const { files, packages } = staticImportGraph(join(CLI, 'main.js'));
    expect(files.length).toBeGreaterThan(1);
    expect([...packages].filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
  });

  it('runs audit from one CommonJS file that loads only Node built-ins', () => {
    const specifiers = commonJsSpecifiers(join(CLI, 'audit-main.cjs'));
    expect(specifiers).toContain('node:fs');
    expect(specifiers.filter((specifier) => !isBuiltin(specifier))).toEqual([]);
    expect(readdirSync(CLI).filter((file) => file.endsWith('.cjs'))).toEqual(['audit-main.cjs']);
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

/** A copy of the launcher beside the given files of dist/cli/ only; returns its path and a remover. */
function launcherWith(cliFiles: (file: string) => boolean): { launcher: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dnsleak-launcher-'));
  cpSync(join(REPO, 'bin'), join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  for (const file of readdirSync(CLI).filter(cliFiles)) cpSync(join(CLI, file), join(dir, 'dist', 'cli', file));
  return { launcher: join(dir, 'bin', 'dnsleak'), remove: () => rmSync(dir, { recursive: true }) };
}

function runLauncher(launcher: string, args: string[]) {
  return spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8', cwd: REPO });
}

describe('the launcher', () => {
  it('runs audit from the CommonJS bundle alone, --debug before the command included', () => {
    const { launcher, remove } = launcherWith((file) => file.endsWith('.cjs'));
    const plain = runLauncher(launcher, ['audit', '--json', 'fixtures/generated/empty.pcap']);
    const debug = runLauncher(launcher, ['--debug', 'audit', '--json', 'fixtures/generated/empty.pcap']);
    const help = runLauncher(launcher, ['--help']);
    remove();
    expect([plain.status, debug.status]).toEqual([3, 3]);
    expect(JSON.parse(plain.stdout).verdict).toBe('inconclusive');
    expect(help.status).toBe(2);
    expect(help.stderr).toMatch(/^dnsleak: cannot load its build .*dist\/cli\/main\.js/);
  });

  it('runs every other command from the ES modules alone', () => {
    const { launcher, remove } = launcherWith((file) => file.endsWith('.js'));
    const help = runLauncher(launcher, ['--help']);
    const audit = runLauncher(launcher, ['audit', 'fixtures/generated/empty.pcap']);
    remove();
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^dnsleak: /);
    expect(audit.status).toBe(2);
    expect(audit.stderr).toMatch(/^dnsleak: cannot load its build .*dist\/cli\/audit-main\.cjs/);
  });
});

describe('the launcher run as a command', () => {
  // Node 20 reads NODE_EXTRA_CA_CERTS at start-up, warning on stderr when the file is missing; Node 24
  // reads it only for a TLS connection, so there this passes either way.
  it('starts Node without NODE_EXTRA_CA_CERTS, through its #! line', () => {
    const PATH = `${dirname(process.execPath)}:${process.env.PATH}`;
    const env = { ...process.env, PATH, NODE_EXTRA_CA_CERTS: join(tmpdir(), 'no-such-dir', 'extra-ca.pem') };
    const audit = spawnSync(join(REPO, 'bin', 'dnsleak'), ['audit', '--json', 'fixtures/generated/empty.pcap'], { encoding: 'utf8', cwd: REPO, env });
    expect(audit.stderr).toBe('');
    expect(audit.status).toBe(3);
    expect(JSON.parse(audit.stdout).verdict).toBe('inconclusive');
  });
});

describe('the launcher without a build', () => {
  it('says so in one line and exits 2, not 1 ("leak found")', () => {
    const { launcher, remove } = launcherWith(() => false);
    const audit = runLauncher(launcher, ['audit', 'x.pcap']);
    const watch = runLauncher(launcher, ['watch']);
    remove();
    expect([audit.status, watch.status]).toEqual([2, 2]);
    expect(audit.stderr).toMatch(/^dnsleak: cannot load its build \(run npm run build\): .*dist\/cli\/audit-main\.cjs.*\n$/);
    expect(watch.stderr).toMatch(/^dnsleak: cannot load its build \(run npm run build\): .*dist\/cli\/main\.js.*\n$/);
  });
});
