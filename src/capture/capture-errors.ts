// Errors a user can cause when opening a live capture. The CLI prints the message as one line and exits 2.

/** The process may not open packet sockets. */
export class CapturePermissionError extends Error {
  constructor(readonly device: string, readonly detail: string) {
    super(
      'needs root or CAP_NET_RAW+CAP_NET_ADMIN: run with sudo, or setcap cap_net_raw,cap_net_admin=eip on the node binary',
    );
    this.name = 'CapturePermissionError';
  }
}

/** An interface named on the command line does not exist. */
export class UnknownInterfaceError extends Error {
  constructor(
    readonly device: string,
    readonly available: readonly string[],
  ) {
    super(`no interface named "${device}"; available: ${available.length > 0 ? available.join(', ') : 'none'}`);
    this.name = 'UnknownInterfaceError';
  }
}

/** libpcap refused an interface for another reason; the message is libpcap's. */
export class CaptureOpenError extends Error {
  constructor(readonly device: string, detail: string) {
    super(`cannot capture on ${device}: ${detail}`);
    this.name = 'CaptureOpenError';
  }
}

// libpcap words a missing privilege differently across versions ("socket: Operation not permitted",
// "You don't have permission to capture on that device"); both carry one of these.
export function isPermissionFailure(libpcapMessage: string): boolean {
  return /not permitted|permission/i.test(libpcapMessage);
}

export function isMissingDeviceFailure(libpcapMessage: string): boolean {
  return /no such device/i.test(libpcapMessage);
}
