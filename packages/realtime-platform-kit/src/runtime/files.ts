import path from 'node:path';

/**
 * This directory: the runtime's own files (launch.sh, the egress forwarder, the image
 * reproductions and stand-ins) are read from beside its sources.
 */
// eslint-disable-next-line no-restricted-syntax -- the runtime runs its own scripts, as the kit reads the platform files next to its sources
export const RUNTIME_DIR: string = __dirname;

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> =>
  new Promise(r => setTimeout(r, ms));

/** What one container start or exec needs from the launcher (launch.sh). */
export interface Launch {
  netns: string;
  /** The container's layer directory (overlays' upper dirs, its root). */
  layer: string;
  mountsFile: string;
  hostname: string;
  workdir: string;
  /** uid to run as; root when undefined. */
  uid?: number;
  /** gid to run as; the uid's when undefined. */
  gid?: number;
  /** Supplementary groups (the pod's fsGroup); the user's own when undefined. */
  groups?: number[];
  /** The container's securityContext restrictions the launcher applies. */
  readOnlyRootFilesystem?: boolean;
  noNewPrivileges?: boolean;
  dropAllCapabilities?: boolean;
  argv: string[];
}

/** The command (argv) that runs `argv` in the container's view, in the caller's network namespace. */
export function containerCommand(l: Omit<Launch, 'netns'>): string[] {
  return [
    '/usr/bin/unshare',
    '--mount',
    '--uts',
    '--propagation',
    'private',
    '/bin/sh',
    path.join(RUNTIME_DIR, 'launch.sh'),
    l.layer,
    l.mountsFile,
    l.hostname,
    l.workdir,
    l.uid === undefined ? '-' : String(l.uid),
    l.gid === undefined ? '-' : String(l.gid),
    l.groups?.length ? l.groups.join(',') : '-',
    [
      l.readOnlyRootFilesystem && 'ro',
      l.noNewPrivileges && 'nnp',
      l.dropAllCapabilities && 'nocaps',
    ]
      .filter(Boolean)
      .join(',') || '-',
    '--',
    ...l.argv,
  ];
}

/** `ip` arguments that run `argv` in a pod's network namespace and the container's view. */
export function launchArgs(l: Launch): string[] {
  return ['netns', 'exec', l.netns, ...containerCommand(l)];
}
