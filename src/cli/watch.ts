// `dnsleak watch`: placeholder until the live capture lands.
import { UsageError } from '../errors.js';

export async function runWatch(_args: string[]): Promise<number> {
  throw new UsageError('watch: not available yet');
}
