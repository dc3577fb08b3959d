// vitest glue for the lab scenarios: a describe block that runs only where the lab can, printing one
// line saying what is missing otherwise, and a lab started once per file and always torn down.
import { afterAll, beforeAll, describe } from 'vitest';
import { startLab, type Lab } from './lab.js';
import { labMissing } from './requirements.js';
import type { ResolvedSettings } from './resolved.js';

export function describeLab(title: string, body: () => void): void {
  const missing = labMissing();
  if (missing !== null) console.log(`skipping lab scenario "${title}": needs ${missing}`);
  describe.skipIf(missing !== null)(title, body);
}

/** Starts the lab before the file's tests and stops it after them, pass or fail; `get()` inside tests. */
export function useLab(settings: ResolvedSettings): { get(): Lab } {
  let lab: Lab | undefined;
  beforeAll(async () => {
    lab = await startLab({ resolved: settings });
  });
  afterAll(async () => {
    await lab?.stop();
  });
  return {
    get() {
      if (lab === undefined) throw new Error('the lab did not start');
      return lab;
    },
  };
}
