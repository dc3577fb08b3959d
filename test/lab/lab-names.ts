// Names of one lab run. Namespaces carry the owning process id so that a later run can tell a lab whose
// owner is gone (a killed test run) from one that is still in use; links carry it too, so two runs never
// collide on a name even if both are ever moved into one namespace.

/** Namespaces made by the test suite: `dnslab-<pid>-<n>-host` / `-up`. */
export const TEST_LAB_PATTERN = /^dnslab-(\d+)-(\d+)-(host|up)$/;
/** The lab a person starts with `npm run lab -- up`: one at a time, removed by `down`. */
export const MANUAL_LAB_ID = 'dnslab-manual';

export interface LabNames {
  /** Prefix of everything this run names, also its work directory's name. */
  id: string;
  hostNs: string;
  upstreamNs: string;
  /** Link `n` of the host (0 = the first veth, 1 = a hot-plugged one) and its upstream peer. */
  hostLink(n: number): string;
  upstreamLink(n: number): string;
}

let runsInThisProcess = 0;

/** Fresh names for a test run owned by this process. */
export function testLabNames(): LabNames {
  runsInThisProcess += 1;
  return namesFor(`dnslab-${process.pid}-${runsInThisProcess}`, `dl${process.pid}-${runsInThisProcess}`);
}

export function manualLabNames(): LabNames {
  return namesFor(MANUAL_LAB_ID, 'dlman');
}

// Interface names are at most 15 bytes: `dl` + a pid of up to 7 digits + `-n` + `h0` stays under it.
function namesFor(id: string, linkPrefix: string): LabNames {
  return {
    id,
    hostNs: `${id}-host`,
    upstreamNs: `${id}-up`,
    hostLink: (n) => `${linkPrefix}h${n}`,
    upstreamLink: (n) => `${linkPrefix}u${n}`,
  };
}

/** The pid that owns a test lab's namespace, or null for a name that is not a test lab's. */
export function ownerOf(namespace: string): number | null {
  const match = TEST_LAB_PATTERN.exec(namespace);
  return match === null ? null : Number(match[1]);
}
