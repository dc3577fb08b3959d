import { describe, expect, it } from 'vitest';
import { createHelloBuffer, HelloBudget } from '../../src/audit/hello-buffer.js';
import { parseClientHello } from '../../src/decode/tls-hello.js';
import { tlsClientHello } from '../../fixtures/build/tls.js';

// A ClientHello with a large padding extension, so that it spans segments as post-quantum ones do.
const hello = tlsClientHello({ sni: 'dot.example', seed: 7, padding: 2600 });

describe('hello buffers', () => {
  it('gathers a hello across segments and releases its bytes once parsed', () => {
    const budget = new HelloBudget(1 << 20);
    const buffer = createHelloBuffer(parseClientHello, budget);
    buffer.append(1000, hello, 0, 1400);
    expect(buffer.done).toBe(false);
    expect(budget.heldBytes).toBeGreaterThan(0);
    buffer.append(2400, hello, 1400, hello.length - 1400);
    expect(buffer.done).toBe(true);
    expect(buffer.result?.sni).toBe('dot.example');
    expect(budget.heldBytes).toBe(0);
  });

  it('keeps the bytes of all hellos within the budget, giving up the longest gathering first', () => {
    const budget = new HelloBudget(3 * 2800);
    const buffers = Array.from({ length: 5 }, () => createHelloBuffer(parseClientHello, budget));
    for (const buffer of buffers) buffer.append(0, hello, 0, 1400);

    expect(budget.heldBytes).toBeLessThanOrEqual(budget.limit);
    expect(budget.abandoned).toBe(2);
    expect(buffers.map((b) => b.done)).toEqual([true, true, false, false, false]);
    expect(buffers[0].result).toBeNull();
    // Growing one past the cap gives up the longest gathering of the others, never itself.
    buffers[2].append(1400, hello, 1400, hello.length - 1400);
    expect(buffers[2].result?.sni).toBe('dot.example');
    expect(budget.abandoned).toBe(3);
    expect(buffers.map((b) => b.done)).toEqual([true, true, true, true, false]);
    expect(budget.heldBytes).toBe(2800);
  });
});
