// Colour is only testable with colour on: chalk decides its level once, at import, and a test runner
// is not a terminal. So this file forces colour before ink loads, then checks NO_COLOR turns it all off.
import { beforeAll, describe, expect, it } from 'vitest';
import type { render as Render } from 'ink-testing-library';
import type { Dashboard as DashboardComponent } from '../../src/ui/Dashboard.js';
import type { LiveView } from '../../src/ui/live-view.js';
import { counters, interfaceReport, leakEvent, liveInterface, liveView, report } from './live-view-fixture.js';

let render: typeof Render;
let Dashboard: typeof DashboardComponent;

beforeAll(async () => {
  const previous = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = '1';
  ({ render } = await import('ink-testing-library'));
  ({ Dashboard } = await import('../../src/ui/Dashboard.js'));
  if (previous === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = previous;
});

const EVIL = 'evil\u001b]0;x\u0007.example';

function leaking(): LiveView {
  return liveView({
    report: report({
      verdict: 'leak',
      exitCode: 1,
      reasons: ['1 plaintext query left the host'],
      totals: { ...counters({ leakedQueries: 1 }), truncated: false },
      interfaces: [interfaceReport('eth0', { leakedQueries: 1 })],
      topLeakedNames: [{ qname: EVIL, queries: 1 }],
    }),
    recentLeaks: [leakEvent({ qname: EVIL })],
    captureStatus: [liveInterface('eth0', { drops: null })],
    paused: true,
  });
}

function frame(view: LiveView, noColor: boolean, help = false): string {
  return render(<Dashboard view={view} help={help} noColor={noColor} width={100} />).lastFrame() ?? '';
}

describe('Dashboard colours', () => {
  it('paints the verdict banner green, red or yellow', () => {
    expect(frame(liveView(), false)).toContain('\u001b[42m\u001b[30m CLEAN ');
    expect(frame(leaking(), false)).toContain('\u001b[41m\u001b[30m LEAKING ');
    expect(frame(liveView({ report: report({ verdict: 'inconclusive', exitCode: 3 }) }), false)).toContain('\u001b[43m\u001b[30m INCONCLUSIVE ');
  });
  it('paints leaked counts red', () => {
    expect(frame(leaking(), false)).toMatch(/\u001b\[31m1\u001b\[39m/);
  });
  it('never lets an OSC sequence from a query name through, colour or not', () => {
    const text = frame(leaking(), false);
    expect(text).toContain('evil\\x1b]0;x\\x07.example');
    expect(text).not.toContain('\u001b]');
    expect(text).not.toContain('\u0007');
  });
  it('emits no escape sequence at all under NO_COLOR, tables, help and PAUSED included', () => {
    expect(frame(leaking(), false)).toContain('\u001b[');
    expect(frame(leaking(), true)).not.toContain('\u001b');
    expect(frame(leaking(), true, true)).not.toContain('\u001b');
  });
});
