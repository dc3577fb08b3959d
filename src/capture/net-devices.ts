// The network interfaces the kernel has now, read from sysfs: what the live capture polls to open
// interfaces that appear (a VPN's tun0, a veth) and close those that go down or vanish.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnknownInterfaceError } from './capture-errors.js';

const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;
const ARPHRD_LOOPBACK = 772;
/** Linux interface names are at most IFNAMSIZ - 1 bytes. */
const MAX_NAME_LENGTH = 15;
/** A bound on what one scan reads, whatever sysfs holds. */
const MAX_DEVICES = 4096;

export interface NetDevice {
  name: string;
  ifindex: number;
  /** ARPHRD_* from /sys/class/net/NAME/type (1 Ethernet, 772 loopback, 65534 tun). */
  arphrdType: number;
  up: boolean;
  loopback: boolean;
}

export const SYS_CLASS_NET = '/sys/class/net';

/** Every interface under root; one that vanishes while being read is left out. */
export function listNetDevices(root: string = SYS_CLASS_NET): NetDevice[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const devices: NetDevice[] = [];
  for (const name of names.slice(0, MAX_DEVICES).sort()) {
    const device = readNetDevice(name, root);
    if (device !== null) devices.push(device);
  }
  return devices;
}

/** One interface, or null when it does not exist (or is not a network interface). */
export function readNetDevice(name: string, root: string = SYS_CLASS_NET): NetDevice | null {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || name.includes('/') || name.startsWith('.')) return null;
  const flags = readNumber(join(root, name, 'flags'));
  const ifindex = readNumber(join(root, name, 'ifindex'));
  const arphrdType = readNumber(join(root, name, 'type'));
  if (flags === null || ifindex === null || arphrdType === null) return null;
  return {
    name,
    ifindex,
    arphrdType,
    up: (flags & IFF_UP) !== 0,
    loopback: arphrdType === ARPHRD_LOOPBACK || (flags & IFF_LOOPBACK) !== 0 || name === 'lo',
  };
}

// sysfs writes flags in hex ("0x1003") and the rest in decimal; Number() reads both.
function readNumber(path: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return null;
  }
  const value = Number(text.trim());
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** The names asked for that are down now; throws UnknownInterfaceError for one the kernel does not have. */
export function downNamesOf(wanted: ReadonlySet<string>, root: string = SYS_CLASS_NET): string[] {
  const devices = listNetDevices(root);
  const down: string[] = [];
  for (const name of wanted) {
    const device = devices.find((candidate) => candidate.name === name);
    if (device === undefined) throw new UnknownInterfaceError(name, devices.map((candidate) => candidate.name));
    if (!device.up) down.push(name);
  }
  return down;
}
