// The servers seen carrying DoT or DoQ: what turns a plaintext leak to the same server into a
// downgrade. Bounded like every table (bounded-map.ts), least recently seen forgotten first.
import { createBoundedMap } from './bounded-map.js';

export interface EncryptedServers {
  /** Once per new encrypted flow. */
  remember(server: string): void;
  has(server: string): boolean;
  readonly evicted: number;
}

export function createEncryptedServers(limit: number): EncryptedServers {
  const servers = createBoundedMap<string, true>(limit);
  return {
    remember: (server) => servers.set(server, true),
    has: (server) => servers.peek(server) !== undefined,
    get evicted() {
      return servers.evictions;
    },
  };
}
