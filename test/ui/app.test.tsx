import { PassThrough } from 'node:stream';
import { render as inkRender } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { LiveView } from '../../src/ui/live-view.js';
import { counters, interfaceReport, liveView, report } from './live-view-fixture.js';

afterEach(cleanup);

/** The subscribe contract the watch command implements: listeners get every pushed snapshot. */
function snapshots() {
  const listeners = new Set<(view: LiveView) => void>();
  return {
    subscribe(listener: (view: LiveView) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push(view: LiveView): void {
      for (const listener of listeners) listener(view);
    },
    listeners: (): number => listeners.size,
  };
}

function withPackets(packets: number): LiveView {
  return liveView({
    report: report({ totals: { ...counters({ packets }), truncated: false }, interfaces: [interfaceReport('eth0', { packets })] }),
  });
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));
/** Renders follow input and snapshots asynchronously; a loaded machine may need more than a tick. */
const eventually = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 2000, interval: 5 });

async function mount() {
  const feed = snapshots();
  const calls: string[] = [];
  const app = render(
    <App
      subscribe={feed.subscribe}
      onQuit={() => calls.push('quit')}
      onPause={(paused) => calls.push(`pause ${paused}`)}
      onReset={() => calls.push('reset')}
      noColor
    />,
  );
  const banner = (): string => (app.lastFrame() ?? '').split('\n')[0];
  const press = async (key: string): Promise<void> => {
    app.stdin.write(key);
    await tick();
  };
  // The App subscribes in an effect, after its first render.
  await eventually(() => expect(feed.listeners()).toBe(1));
  return { app, feed, calls, banner, press };
}

describe('App', () => {
  it('waits for the first snapshot, then re-renders on every snapshot pushed', async () => {
    const { app, feed, banner } = await mount();
    expect(app.lastFrame()).toBe('waiting for the first snapshot… (q quits)');
    feed.push(withPackets(10));
    await eventually(() => expect(banner()).toBe(' CLEAN   0:00:00  0 pkt/s  10 packets'));
    feed.push(withPackets(25));
    await eventually(() => expect(banner()).toBe(' CLEAN   0:00:00  0 pkt/s  25 packets'));
  });
  it('p freezes the display on the last snapshot and shows PAUSED; p again resumes with the newest', async () => {
    const { feed, calls, banner, press } = await mount();
    feed.push(withPackets(10));
    await eventually(() => expect(banner()).toContain(' 10 packets'));
    await press('p');
    await eventually(() => expect(banner()).toBe(' CLEAN   0:00:00  0 pkt/s  10 packets  PAUSED'));
    feed.push(withPackets(20));
    feed.push(withPackets(30));
    await tick();
    expect(banner()).toBe(' CLEAN   0:00:00  0 pkt/s  10 packets  PAUSED');
    await press('p');
    await eventually(() => expect(banner()).toBe(' CLEAN   0:00:00  0 pkt/s  30 packets'));
    expect(calls).toEqual(['pause true', 'pause false']);
  });
  it('ignores p before there is a snapshot to freeze', async () => {
    const { calls, press } = await mount();
    await press('p');
    expect(calls).toEqual([]);
  });
  it('r asks for a reset and q asks to quit', async () => {
    const { feed, calls, press } = await mount();
    feed.push(withPackets(1));
    await tick();
    await press('r');
    await press('q');
    await eventually(() => expect(calls).toEqual(['reset', 'quit']));
  });
  it('? toggles the help', async () => {
    const { app, feed, press } = await mount();
    feed.push(withPackets(1));
    await eventually(() => expect(app.lastFrame()).toContain('Interfaces'));
    await press('?');
    await eventually(() => expect(app.lastFrame()).toContain('p          pause the display'));
    expect(app.lastFrame()).not.toContain('Interfaces');
    await press('?');
    await eventually(() => expect(app.lastFrame()).toContain('Interfaces'));
  });
  it('treats a pasted string as text, not as a run of commands', async () => {
    const { feed, calls, press } = await mount();
    feed.push(withPackets(1));
    await tick();
    await press('qrp');
    await press('r');
    await eventually(() => expect(calls).toEqual(['reset']));
  });
  it('lays out again for the new width when the terminal is resized', async () => {
    const { app, feed } = await mount();
    feed.push(withPackets(1));
    const header = (): string | undefined => app.lastFrame()?.split('\n').find((l) => l.startsWith('INTERFACE'));
    await eventually(() => expect(header()).toContain('LOOPBACK'));
    expect(app.lastFrame()).toContain('Top leaked names: none');
    Object.defineProperty(app.stdout, 'columns', { value: 80, configurable: true });
    app.stdout.emit('resize');
    await eventually(() => expect(header()).not.toContain('LOOPBACK'));
    expect(header()).toContain('LEAKED-Q');
    Object.defineProperty(app.stdout, 'columns', { value: 160, configurable: true });
    app.stdout.emit('resize');
    // Wide enough for the top names to sit beside the events as a table of their own.
    await eventually(() => expect(app.lastFrame()).not.toContain('Top leaked names: none'));
    expect(app.lastFrame()).toMatch(/Recent leaks, newest first \(0 leaked queries\) +Top leaked names/);
  });
  it('unsubscribes when unmounted', async () => {
    const { app, feed } = await mount();
    expect(feed.listeners()).toBe(1);
    app.unmount();
    expect(feed.listeners()).toBe(0);
  });
});

describe('App without a terminal on stdin', () => {
  it('still draws the snapshots instead of failing to read keys', async () => {
    const stdout = Object.assign(new PassThrough(), { columns: 100 });
    const writes: string[] = [];
    stdout.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
    const feed = snapshots();
    const instance = inkRender(<App subscribe={feed.subscribe} onQuit={() => {}} onPause={() => {}} onReset={() => {}} noColor />, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      debug: true,
      patchConsole: false,
    });
    await eventually(() => expect(feed.listeners()).toBe(1));
    feed.push(withPackets(7));
    await eventually(() => expect(writes.at(-1)?.split('\n')[0]).toBe(' CLEAN   0:00:00  0 pkt/s  7 packets'));
    expect(writes.join('')).not.toContain('ERROR');
    instance.unmount();
  });
});
