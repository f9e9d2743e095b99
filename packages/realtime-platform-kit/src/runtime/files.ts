/**
 * This directory: the runtime's own files (launch.sh, the egress forwarder, the image
 * reproductions and stand-ins) are read from beside its sources.
 */
// eslint-disable-next-line no-restricted-syntax -- the runtime runs its own scripts, as the kit reads the platform files next to its sources
export const RUNTIME_DIR: string = __dirname;
