// The dashboard's colours in one place, and the NO_COLOR rule: when colour is off, components pass no
// colour (and no bold or dim) to ink at all, so not a single SGR sequence reaches the terminal.
import type { LeakCategory, Verdict } from '../report/report-v1.js';

export const VERDICT_LABEL: Record<Verdict, string> = {
  clean: 'CLEAN',
  leak: 'LEAKING',
  inconclusive: 'INCONCLUSIVE',
};

export const VERDICT_COLOR: Record<Verdict, string> = {
  clean: 'green',
  leak: 'red',
  inconclusive: 'yellow',
};

export const CATEGORY_COLOR: Record<LeakCategory, string> = {
  plaintext: 'red',
  downgrade: 'red',
  'not-tls': 'red',
  'link-local': 'yellow',
};

/** The colour to hand to ink, or none when NO_COLOR is in force. */
export function tint(color: string | undefined, noColor: boolean): string | undefined {
  return noColor ? undefined : color;
}
