// Errors a user can cause. The CLI catches these at its edge and prints one line; anything else is a bug.

/** A capture file that cannot be read on: the message names what was wrong, offset where. */
export class CaptureFileError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'CaptureFileError';
  }
}

/** Bad command-line usage: exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
