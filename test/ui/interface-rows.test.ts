import { describe, expect, it } from 'vitest';
import { interfaceRows } from '../../src/ui/interface-rows.js';
import { interfaceReport, liveInterface, liveView, report } from './live-view-fixture.js';

describe('interfaceRows', () => {
  it('joins audit counts with the capture status by name, live drops first', () => {
    const view = liveView({
      report: report({ interfaces: [interfaceReport('eth0', { leakedQueries: 3, drops: 1 })] }),
      captureStatus: [liveInterface('eth0', { status: 'closed', drops: 7 })],
    });
    const [row] = interfaceRows(view);
    expect(row).toMatchObject({ label: 'eth0', loopback: false, status: 'closed', leakedQueries: 3, drops: 7 });
  });
  it('shows drops as unknown when the capture cannot read them, whatever the audit last copied', () => {
    const view = liveView({
      report: report({ interfaces: [interfaceReport('eth0', { drops: 0 })] }),
      captureStatus: [liveInterface('eth0', { drops: null })],
    });
    expect(interfaceRows(view)[0].drops).toBe(null);
  });
  it('takes the audited drops of an interface the capture does not list', () => {
    const view = liveView({ report: report({ interfaces: [interfaceReport('eth0', { drops: 2 })] }) });
    expect(interfaceRows(view)[0].drops).toBe(2);
  });
  it('adds captured interfaces with no audited packet yet, with zero counts and unknown loopback', () => {
    const view = liveView({
      report: report({ interfaces: [interfaceReport('lo', { stubQueries: 4 })] }),
      captureStatus: [liveInterface('wlan0', { status: 'not-captured', drops: null }), liveInterface('lo')],
    });
    expect(interfaceRows(view).map((r) => [r.label, r.loopback, r.status, r.stubQueries, r.drops])).toEqual([
      ['lo', true, 'capturing', 4, 0],
      ['wlan0', null, 'not-captured', 0, null],
    ]);
  });
  it('labels unnamed and hostile interface names safely, with no capture status', () => {
    const view = liveView({ report: report({ interfaces: [interfaceReport(null), interfaceReport('e\u001b[31m')] }) });
    expect(interfaceRows(view).map((r) => [r.label, r.status])).toEqual([
      ['(unnamed)', null],
      ['e\\x1b[31m', null],
    ]);
  });
});
