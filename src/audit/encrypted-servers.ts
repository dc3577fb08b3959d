// The servers seen carrying DoT or DoQ: what turns a plaintext leak to the same server into a
// downgrade. Bounded, least recently seen forgotten first, with the evictions counted.

export interface EncryptedServers {
  /** Once per new encrypted flow. */
  remember(server: string): void;
  readonly servers: ReadonlySet<string>;
  readonly evicted: number;
}

export function createEncryptedServers(limit: number): EncryptedServers {
  const servers = new Set<string>();
  let youngest: string | null = null;
  let evicted = 0;
  return {
    remember(server) {
      // Most new flows go to the server the previous one went to. Deleting and re-adding it anyway made
      // V8 reallocate the Set's table over and over, in the old generation: sampled on the 2M-packet
      // bench file, about a sixth of the garbage the old generation collected.
      if (server === youngest) return;
      // Re-adding moves the server to the young end of the Set's insertion order.
      servers.delete(server);
      servers.add(server);
      youngest = server;
      if (servers.size <= limit) return;
      // A sixteenth at a time, as bounded-map.ts evicts, to keep eviction amortised O(1).
      let left = Math.max(1, limit >> 4);
      for (const oldest of servers) {
        if (left-- === 0) break;
        servers.delete(oldest);
        if (oldest === youngest) youngest = null;
        evicted++;
      }
    },
    servers,
    get evicted() {
      return evicted;
    },
  };
}
