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
  let youngest: string | null = null;
  return {
    remember(server) {
      // Most new flows go to the server the previous one went to. Moving it to the young end anyway made
      // V8 reallocate the table over and over, in the old generation: sampled on the 2M-packet bench
      // file, about a sixth of the garbage the old generation collected.
      if (server === youngest) return;
      servers.set(server, true);
      youngest = server;
    },
    has: (server) => servers.peek(server) !== undefined,
    get evicted() {
      return servers.evictions;
    },
  };
}
