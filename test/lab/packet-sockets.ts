// How many AF_PACKET sockets a process and its descendants hold: a capture is open once its socket
// exists, so a scenario starts its traffic only after `watch` can see it, whatever it prints meanwhile.
// Descendants count because watch may capture in a child process.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export function packetSocketCount(pid: number): number {
  let table: string;
  try {
    // /proc/PID/net/packet lists the packet sockets of PID's network namespace; the last column is the inode.
    table = readFileSync(`/proc/${pid}/net/packet`, 'utf8');
  } catch {
    return 0;
  }
  const inodes = new Set(table.split('\n').slice(1).map((line) => line.trim().split(/\s+/).at(-1)).filter((inode) => inode));
  let count = 0;
  for (const member of processTree(pid)) {
    for (const inode of socketInodes(member)) if (inodes.has(inode)) count += 1;
  }
  return count;
}

/** The process and every descendant, from the parent ids in /proc/N/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === null) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

function socketInodes(pid: number): string[] {
  const inodes: string[] = [];
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match !== null) inodes.push(match[1]);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return inodes;
}
