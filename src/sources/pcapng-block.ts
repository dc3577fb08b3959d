// pcapng block types this reader knows, their names in error messages and their smallest valid lengths.

export const SHB = 0x0a0d0d0a;
export const IDB = 1;
/** The obsolete Packet Block: an EPB with a 16-bit interface id and a drops count. */
export const OPB = 2;
export const SPB = 3;
export const EPB = 6;

/** Type, length and the 4 bytes after them: enough to find a Section Header Block's byte order. */
export const BLOCK_HEADER_LENGTH = 12;

export function blockName(type: number): string {
  switch (type) {
    case SHB:
      return 'section header block';
    case IDB:
      return 'interface description block';
    case EPB:
      return 'enhanced packet block';
    case SPB:
      return 'simple packet block';
    case OPB:
      return 'packet block';
    default:
      return 'block';
  }
}

/** Smallest total length of each block type that is buffered and read, or 0 for types streamed past. */
export function minimumLength(type: number): number {
  switch (type) {
    case SHB:
      return 28;
    case IDB:
      return 20;
    case EPB:
    case OPB:
      return 32;
    case SPB:
      return 16;
    default:
      return 0;
  }
}

/** Smallest multiple of 4 at or above length: pcapng pads packet data and option values to 32 bits. */
export function padTo4(length: number): number {
  // -length & 3 is (-length mod 4) for any safe integer: ToInt32 wraps modulo 2^32, a multiple of 4.
  return length + (-length & 3);
}
