// The verdict rules for one DNS message: the one place that decides stub, leak or allowed.
// Shared by the offline audit and live capture.
import type { Policy } from './policy.js';
import { Service } from './service.js';

export const enum MessageClass {
  /** Loopback traffic to or from the local stub: allowed, counted as stub. */
  Stub = 0,
  /** Plaintext DNS that left the host. */
  Leak = 1,
  /** Would be a leak, but the policy sanctions it. */
  Allowed = 2,
  /** Not a leak and not stub: link-local responses. */
  Other = 3,
}

export interface MessageContext {
  service: Service.Dns | Service.LinkLocal;
  /** The interface is loopback, or either address is. */
  onLoopback: boolean;
  isResponse: boolean;
  server: string;
  interfaceName: string | null;
}

export function classifyMessage(message: MessageContext, policy: Policy): MessageClass {
  if (message.onLoopback) return MessageClass.Stub;
  // RFC 6762 and RFC 4795 answers are multicast to the link by design; only the questions reveal
  // what this host is looking up.
  if (message.service === Service.LinkLocal && message.isResponse) return MessageClass.Other;
  return allowedBy(policy, message) ? MessageClass.Allowed : MessageClass.Leak;
}

function allowedBy(policy: Policy, message: MessageContext): boolean {
  if (message.service === Service.LinkLocal && policy.linkLocal) return true;
  if (message.interfaceName !== null && policy.interfaces.has(message.interfaceName)) return true;
  return policy.servers.has(message.server);
}

/** A plaintext query to a server that also carried DoT in the same capture: resolved fell back from TLS. */
export function isDowngrade(server: string, encryptedServers: { has(server: string): boolean }): boolean {
  return encryptedServers.has(server);
}
