// address:port for a table cell, with IPv6 addresses bracketed so the port stays readable (RFC 3986).
import { terminalSafe } from '../report/terminal-safe.js';

export function formatEndpoint(address: string, port: number): string {
  const safe = terminalSafe(address);
  return safe.includes(':') ? `[${safe}]:${port}` : `${safe}:${port}`;
}
