// The gate's exit codes: scripts depend on them.
export const EXIT_CLEAN = 0;
export const EXIT_LEAK = 1;
export const EXIT_USAGE = 2;
export const EXIT_INCONCLUSIVE = 3;
