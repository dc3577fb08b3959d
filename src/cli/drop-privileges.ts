// `--user NAME`: give up root once the capture handles are open, as `tcpdump -Z` does: supplementary
// groups, then the group, then the user. Any step that fails aborts the run: a process that believes it
// dropped root and did not is worse than one that never tried.
import { execFileSync } from 'node:child_process';
import { UsageError } from '../errors.js';

export function dropPrivileges(user: string): void {
  if (process.getuid?.() !== 0) throw new UsageError(`--user ${user}: only root can switch users`);
  const gid = primaryGroup(user);
  // POSIX-only calls, typed as optional because Windows lacks them; this tool is Linux-only.
  const posix = process as unknown as Required<Pick<NodeJS.Process, 'setgid' | 'setuid'>> & { initgroups(user: string, group: number): void };
  try {
    posix.initgroups(user, gid);
    posix.setgid(gid);
    posix.setuid(user);
  } catch (error) {
    throw new UsageError(`--user ${user}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (process.getuid() === 0 || process.geteuid?.() === 0) throw new UsageError(`--user ${user}: still root after switching`);
}

/** The user's primary group, looked up as getpwnam does (id(1) goes through NSS too). */
function primaryGroup(user: string): number {
  try {
    return Number(execFileSync('id', ['-g', '--', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    throw new UsageError(`--user ${user}: no such user`);
  }
}
