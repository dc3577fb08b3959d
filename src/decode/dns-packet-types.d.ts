// dns-packet's type-number table; the package ships no declarations for its sub-modules.
declare module 'dns-packet/types.js' {
  const types: {
    /** Mnemonic for a type number, or "UNKNOWN_<n>". */
    toString(type: number): string;
    toType(name: string): number;
  };
  export default types;
}
