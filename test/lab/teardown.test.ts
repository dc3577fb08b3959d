// The lab cleans up after itself: stop() leaves no namespace, process or work directory behind, and a lab
// whose owner was killed (so never stopped) is removed by the next start, ending only its own processes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { attempt, isAlive, run, waitUntil } from './exec.js';
import { startLab } from './lab.js';
import { describeLab } from './lab-suite.js';
import { createNamespace, listNamespaces, removeStaleLabs } from './namespaces.js';
import { STRICT_DOT } from './resolved.js';

describeLab('lab: teardown', () => {
  it('stop() removes both namespaces, ends unbound and systemd-resolved, and deletes the work directory', async () => {
    const lab = await startLab({ resolved: STRICT_DOT });
    const { hostNs, upstreamNs } = lab.names;
    expect(listNamespaces()).toEqual(expect.arrayContaining([hostNs, upstreamNs]));
    const pids = [lab.unbound.pid, lab.resolved.pid];
    expect(pids.map(isAlive)).toEqual([true, true]);

    await lab.stop();

    expect(listNamespaces().filter((name) => name === hostNs || name === upstreamNs)).toEqual([]);
    expect(pids.map(isAlive)).toEqual([false, false]);
    expect(existsSync(lab.work)).toBe(false);
  });

  it('a lab whose owning process is gone is removed, its processes ended; a live owner\'s lab is kept', async () => {
    const deadOwner = spawnSync('true').pid;
    const stale = `dnslab-${deadOwner}-1-host`;
    const kept = `dnslab-${process.pid}-999-host`;
    createNamespace(stale);
    createNamespace(kept);
    const sleeper = spawn('ip', ['netns', 'exec', stale, 'sleep', '60'], { stdio: 'ignore' });
    try {
      await waitUntil('the sleeper inside the stale namespace', 5000, () => run('ip', ['netns', 'pids', stale]).trim() !== '');
      const exited = new Promise((resolve) => sleeper.once('exit', (_code, signal) => resolve(signal)));

      const removed = removeStaleLabs();

      expect(removed).toContain(stale);
      expect(removed).not.toContain(kept);

      expect(await exited).toBe('SIGKILL');
      expect(listNamespaces()).not.toContain(stale);
      expect(listNamespaces()).toContain(kept);
    } finally {
      sleeper.kill('SIGKILL');
      attempt('ip', ['netns', 'del', stale]);
      attempt('ip', ['netns', 'del', kept]);
    }
  });
});
