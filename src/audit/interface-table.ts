// The interfaces an audit has seen, merged by name across sources, bounded: a crafted SLL2 capture can
// name 2^32 interface indexes, so past the limit they share one row rather than one account each.
import { createInterfaceAccount, interfaceKey, type InterfaceAccount } from './interface-account.js';

/** The row that interfaces past the limit share. */
export const OTHER_INTERFACES = '(other interfaces)';

/** Where one packet was captured, as the pipeline resolved it from the source and the link header. */
export interface PacketOrigin {
  account: InterfaceAccount;
  key: string;
  /** The account's number in creation order: a compact interface id for flow keys. */
  ordinal: number;
}

export function createInterfaceTable(limit: number) {
  const accounts = new Map<string, InterfaceAccount>();
  const origins = new Map<string, PacketOrigin>();
  return {
    accounts: (): Iterable<InterfaceAccount> => accounts.values(),
    originFor(name: string | null, loopback: boolean): PacketOrigin {
      let key = interfaceKey(name);
      let account = accounts.get(key);
      if (account === undefined && accounts.size >= limit) {
        [name, loopback, key] = [OTHER_INTERFACES, false, interfaceKey(OTHER_INTERFACES)];
        account = accounts.get(key);
      }
      if (account === undefined) {
        account = createInterfaceAccount(name, loopback);
        accounts.set(key, account);
        origins.set(key, { account, key, ordinal: origins.size });
      } else if (loopback) account.loopback = true;
      return origins.get(key)!;
    },
  };
}
