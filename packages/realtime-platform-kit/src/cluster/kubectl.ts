import path from 'node:path';
import fs from 'node:fs';
import { run } from '../exec';
import { findRoot } from '../paths';

/** A Kubernetes object as the API server returns it. */
export type KubeObject = Record<string, any> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: any };
};

/** The server refused a request; `message` is the server's own text. */
export class KubectlError extends Error {
  constructor(readonly args: string[], readonly stderr: string) {
    super(stderr.trim().replace(/^Error from server( \(\w+\))?: /, ''));
  }
  /** Kubernetes status reason, when kubectl printed one (e.g. `AlreadyExists`, `Invalid`). */
  get reason(): string | undefined {
    return /^Error from server \((\w+)\)/m.exec(this.stderr)?.[1];
  }
}

/** kubectl (built by scripts/setup.d/40-control-plane.sh) bound to one kubeconfig. */
export class Kubectl {
  constructor(
    readonly kubeconfig: string,
    readonly binary: string = kubectlBinary(),
  ) {}

  /** Runs kubectl; rejects with {@link KubectlError} on a non-zero exit. */
  async run(args: string[], input?: string): Promise<string> {
    const res = await run(this.binary, ['--kubeconfig', this.kubeconfig, ...args], input);
    if (res.code !== 0) throw new KubectlError(args, res.stderr);
    return res.stdout;
  }

  /** The object, or undefined when it does not exist. */
  async get(kind: string, name: string, namespace?: string): Promise<KubeObject | undefined> {
    try {
      return JSON.parse(await this.run(['get', kind, name, ...nsArgs(namespace), '-o', 'json']));
    } catch (e) {
      if (e instanceof KubectlError && e.reason === 'NotFound') return undefined;
      throw e;
    }
  }

  /** Every object of a kind in a namespace (or cluster-wide without one). */
  async list(kind: string, namespace?: string, selector?: string): Promise<KubeObject[]> {
    const args = ['get', kind, ...nsArgs(namespace), '-o', 'json'];
    if (selector) args.push('-l', selector);
    return JSON.parse(await this.run(args)).items;
  }
}

function nsArgs(namespace?: string): string[] {
  return namespace ? ['-n', namespace] : [];
}

/** `$KUBECTL_BIN`, else `<root>/.tools/k8s/kubectl`. */
export function kubectlBinary(root: string = findRoot()): string {
  const bin = process.env.KUBECTL_BIN ?? path.join(root, '.tools', 'k8s', 'kubectl');
  if (!fs.existsSync(bin))
    throw new Error(`kubectl not found at ${bin}: run \`make setup\` (it builds the control plane into .tools/k8s)`);
  return bin;
}
