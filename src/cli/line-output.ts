// Lines for stdout in live mode, gathered and written once per turn of the event loop: at hundreds of
// thousands of leaks per second one write per line would cost more than the audit itself.

export interface LineOutput {
  push(line: string): void;
  flush(): void;
}

const FLUSH_AT = 64 * 1024;

export function createLineOutput(write: (text: string) => void): LineOutput {
  let pending: string[] = [];
  let bytes = 0;
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    bytes = 0;
    write(text);
  };
  return {
    push(line) {
      pending.push(line);
      bytes += line.length;
      if (bytes >= FLUSH_AT) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
