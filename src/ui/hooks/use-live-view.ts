// The snapshot to draw: the latest one pushed through subscribe, or, while paused, the one that was on
// screen when the pause began. Snapshots keep arriving while paused, so resuming shows the newest.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveView } from '../live-view.js';

export type Subscribe = (listener: (view: LiveView) => void) => () => void;

export interface LiveViewState {
  /** null until the first snapshot arrives. */
  view: LiveView | null;
  paused: boolean;
  /** Pauses or resumes and returns the new state; null (nothing to freeze) before the first snapshot. */
  togglePause(): boolean | null;
}

export function useLiveView(subscribe: Subscribe): LiveViewState {
  const [latest, setLatest] = useState<LiveView | null>(null);
  const [frozen, setFrozen] = useState<LiveView | null>(null);
  // Refs, not state, answer togglePause: two key presses can arrive before React renders again.
  const latestRef = useRef<LiveView | null>(null);
  const pausedRef = useRef(false);

  useEffect(
    () =>
      subscribe((view) => {
        latestRef.current = view;
        setLatest(view);
      }),
    [subscribe],
  );

  const togglePause = useCallback((): boolean | null => {
    if (latestRef.current === null) return null;
    pausedRef.current = !pausedRef.current;
    setFrozen(pausedRef.current ? latestRef.current : null);
    return pausedRef.current;
  }, []);

  const paused = frozen !== null;
  return { view: paused ? { ...frozen, paused: true } : latest, paused, togglePause };
}
