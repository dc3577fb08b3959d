import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBoundedMap } from '../../src/audit/bounded-map.js';
import { newFlowKey, type FlowKey } from '../../src/audit/flow-key.js';
import { createFlowTable } from '../../src/audit/flow-table.js';
import { createLeakLog, type LeakRecord } from '../../src/audit/leak-log.js';
import { createLoopbackDedup } from '../../src/audit/loopback-dedup.js';

describe('createBoundedMap', () => {
  it('evicts the least recently used entry past its capacity and counts it', () => {
    const map = createBoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect([...map.entries()]).toEqual([["a", 1], ["c", 3]]);
    expect(map.evictions).toBe(1);
  });

  it('keeps a key used just before the table fills, evicting the older ones around it', () => {
    const map = createBoundedMap<number, number>(16);
    for (let key = 0; key < 16; key++) map.set(key, key);
    map.get(0);
    map.set(16, 16);
    expect(map.peek(0)).toBe(0);
    expect(map.peek(1)).toBeUndefined();
    expect(map.size).toBe(16);
  });

  it('agrees with a reference LRU on any sequence of operations, and tells onEvict each eviction', () => {
    const operation = fc.record({ op: fc.constantFrom('get', 'peek', 'set', 'replace', 'delete'), key: fc.integer({ min: 0, max: 11 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(operation, { maxLength: 300, size: 'max' }), (capacity, operations) => {
        const evicted: number[] = [];
        const map = createBoundedMap<number, number>(capacity, (key, value) => {
          expect(value).toBe(reference.get(key));
          evicted.push(key);
        });
        // Oldest first: a Map's insertion order, with a key moved to the end on each use.
        const reference = new Map<number, number>();
        const expectedEvicted: number[] = [];
        operations.forEach(({ op, key }, step) => {
          if (op === 'get') {
            const value = reference.get(key);
            if (value !== undefined) {
              reference.delete(key);
              reference.set(key, value);
            }
            expect(map.get(key)).toBe(value);
          } else if (op === 'peek') expect(map.peek(key)).toBe(reference.get(key));
          else if (op === 'replace') {
            if (reference.has(key)) reference.set(key, step);
            map.replace(key, step);
          } else if (op === 'delete') {
            reference.delete(key);
            map.delete(key);
          } else {
            if (!reference.has(key) && reference.size === capacity) {
              const oldest = reference.keys().next().value as number;
              expectedEvicted.push(oldest);
              map.set(key, step);
              reference.delete(oldest);
            } else map.set(key, step);
            reference.delete(key);
            reference.set(key, step);
          }
          expect(map.size).toBe(reference.size);
        });
        expect(evicted).toEqual(expectedEvicted);
        expect(map.evictions).toBe(expectedEvicted.length);
        expect(new Map(map.entries())).toEqual(reference);
      }),
      { seed: 0x0d15ea5e, numRuns: 500 },
    );
  });
});

describe('createFlowTable', () => {
  /** Key n: IPv4-sized when even, IPv6-sized when odd, with words that differ only late in the key. */
  function keyOf(n: number): FlowKey {
    const key = newFlowKey();
    key.length = n % 2 === 0 ? 4 : 10;
    key.words[0] = key.length;
    key.words[key.length - 1] = n;
    return key;
  }

  it('agrees with a reference LRU on any sequence of operations, through growth, collisions and deletions', () => {
    // Up to 300 keys in a table of up to 200: its index (twice the entries, a power of two) fills its
    // probe runs, and deletions must move later entries of a run back for lookups to find them.
    const operation = fc.record({ op: fc.constantFrom('get', 'mark', 'set', 'set', 'replace', 'delete'), key: fc.integer({ min: 0, max: 299 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(operation, { maxLength: 1500, size: 'max' }), (capacity, operations) => {
        const evicted: number[] = [];
        const table = createFlowTable<{ key: number; step: number }>(capacity, (value) => evicted.push(value.key));
        const reference = new Map<number, number>();
        // A flow's marks: 0 when it enters the table, gone with it.
        const marks = new Map<number, number>();
        const expectedEvicted: number[] = [];
        operations.forEach(({ op, key }, step) => {
          const value = reference.get(key);
          if (op === 'mark') {
            const bits = 1 << (step % 3);
            if (value !== undefined) marks.set(key, (marks.get(key) ?? 0) | bits);
            expect(table.mark(keyOf(key), bits)).toBe(value === undefined ? 0 : marks.get(key));
          } else if (op === 'get') {
            if (value !== undefined) {
              reference.delete(key);
              reference.set(key, value);
            }
            expect(table.get(keyOf(key))?.step).toBe(value);
          } else if (op === 'replace') {
            if (value !== undefined) reference.set(key, step);
            table.replace(keyOf(key), { key, step });
          } else if (op === 'delete') {
            reference.delete(key);
            marks.delete(key);
            table.delete(keyOf(key));
          } else {
            if (value === undefined && reference.size === capacity) {
              const oldest = reference.keys().next().value as number;
              expectedEvicted.push(oldest);
              reference.delete(oldest);
              marks.delete(oldest);
            }
            table.set(keyOf(key), { key, step });
            reference.delete(key);
            reference.set(key, step);
          }
          expect(table.size).toBe(reference.size);
        });
        expect(evicted).toEqual(expectedEvicted);
        expect(table.evictions).toBe(expectedEvicted.length);
        // Looked up last, when a lookup's change of order no longer matters.
        for (const [key, step] of reference) expect(table.get(keyOf(key))?.step).toBe(step);
        expect([...table.values()].map((value) => value.key).sort((a, b) => a - b)).toEqual([...reference.keys()].sort((a, b) => a - b));
      }),
      { seed: 0x0d15ea5e, numRuns: 300 },
    );
  });

  it('keeps marks per flow: ORed in, 0 for a flow not there or entering anew, without touching the order', () => {
    const evicted: string[] = [];
    const table = createFlowTable<string>(2, (value) => evicted.push(value));
    expect(table.mark(keyOf(0), 1)).toBe(0);
    table.set(keyOf(0), 'a');
    table.set(keyOf(1), 'b');
    expect(table.mark(keyOf(0), 1)).toBe(1);
    expect(table.mark(keyOf(0), 2)).toBe(3);
    // Marking is not a use: 'a' is still the least recently used.
    table.set(keyOf(2), 'c');
    expect(evicted).toEqual(['a']);
    table.set(keyOf(0), 'a again');
    expect(table.mark(keyOf(0), 2)).toBe(2);
  });
});

describe('createLeakLog', () => {
  const leak = (qname: string): LeakRecord => ({
    tsSec: 0, tsNsec: 0, interfaceName: 'eth0', category: 'plaintext', transport: 'udp',
    src: '192.0.2.1', dst: '198.51.100.53', srcPort: 40000, dstPort: 53, server: '198.51.100.53', qname, qtype: 1, message: null,
  });
  it('keeps the first events and the recent ones within bounds, counting the rest', () => {
    const log = createLeakLog({ firstEvents: 2, recentEvents: 2, names: 10 });
    for (const name of ['a.', 'b.', 'c.', 'b.']) log.add(leak(name));
    expect(log.first().map((r) => r.qname)).toEqual(['a.', 'b.']);
    expect(log.recent().map((r) => r.qname)).toEqual(['c.', 'b.']);
    expect(log.notListed).toBe(2);
    expect(log.topNames(2)).toEqual([{ qname: 'b.', queries: 2 }, { qname: 'a.', queries: 1 }]);
  });

  it('keeps counting a name leaked throughout a flood of distinct names past the table bound', () => {
    const log = createLeakLog({ firstEvents: 0, recentEvents: 1, names: 16 });
    for (let i = 0; i < 200; i++) {
      log.add(leak(`flood${i}.`));
      if (i % 4 === 0) log.add(leak('hot.'));
    }
    expect(log.topNames(1)).toEqual([{ qname: 'hot.', queries: 50 }]);
    expect(log.namesEvicted).toBeGreaterThan(150);
  });
});

describe('createLoopbackDedup', () => {
  it('drops the second copy within 10 ms, but not a retry a second later or a third copy', () => {
    const dedup = createLoopbackDedup();
    expect(dedup.isDuplicate(42, 1_000_000)).toBe(false);
    expect(dedup.isDuplicate(42, 1_000_002)).toBe(true);
    expect(dedup.isDuplicate(42, 1_000_004)).toBe(false);
    expect(dedup.isDuplicate(7, 2_000_000)).toBe(false);
    expect(dedup.isDuplicate(7, 3_000_000)).toBe(false);
  });
});
