// The dashboard side of `watch`: mounts the ink App and feeds it a snapshot from the engine a few times a
// second, never per packet, so rendering cost does not grow with the packet rate.
import { createElement } from 'react';
import { render } from 'ink';
import { App } from '../ui/App.js';
import type { LiveView } from '../ui/live-view.js';
import type { Engine } from './watch.js';

const SNAPSHOT_INTERVAL_MS = 250;

export interface Dashboard {
  onQuit(listener: () => void): void;
  unmount(): void;
}

export function startDashboard(engine: Pick<Engine, 'request' | 'reset'>): Dashboard {
  const startedAt = new Date();
  const listeners = new Set<(view: LiveView) => void>();
  let quit: () => void = () => {};
  let last = { packets: 0, time: Date.now() };

  const requestView = (): void =>
    engine.request((view) => {
      const now = Date.now();
      const packets = view.report.totals.packets;
      const packetsPerSecond = Math.max(0, ((packets - last.packets) * 1000) / Math.max(1, now - last.time));
      last = { packets, time: now };
      const live: LiveView = { ...view, startedAt, elapsedSeconds: (now - startedAt.getTime()) / 1000, packetsPerSecond, paused: false };
      for (const listener of listeners) listener(live);
    });
  const timer = setInterval(requestView, SNAPSHOT_INTERVAL_MS);
  requestView();

  const app = render(
    createElement(App, {
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onQuit: () => quit(),
      onPause: () => {},
      onReset: () => {
        engine.reset();
        last = { packets: 0, time: Date.now() };
      },
      noColor: process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '',
    }),
    // In raw mode Ctrl-C is a key, not SIGINT: ink's handler unmounts, and the run ends as with q.
    { exitOnCtrlC: true },
  );
  void app.waitUntilExit().then(() => quit());

  return {
    onQuit(listener) {
      quit = listener;
    },
    unmount() {
      clearInterval(timer);
      app.unmount();
    },
  };
}
