import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { parse } from 'yaml';
import { run } from '../exec';
import { findRoot } from '../paths';
import { KubeObject } from '../types';

export type { KubeObject } from '../types';

/** The API server refused a request; `message` is the server's own text. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    /** Kubernetes status reason (`AlreadyExists`, `Invalid`, `Forbidden`, ...). */
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

/** The parts of a kubeconfig the client reads. */
interface Kubeconfig {
  'current-context': string;
  contexts: { name: string; context: { cluster: string; user: string } }[];
  clusters: {
    name: string;
    cluster: {
      server: string;
      'certificate-authority-data'?: string;
      'certificate-authority'?: string;
    };
  }[];
  users: { name: string; user: { token?: string } }[];
}

/** An APIResourceList (`/api/v1`, `/apis/<group>/<version>`). */
interface ApiResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

/** An APIGroupList (`/apis`). */
interface ApiGroupList {
  groups: { preferredVersion: { groupVersion: string } }[];
}

/** The body of a refused request (a `Status`), as far as the error reads it. */
interface StatusBody {
  reason?: string;
  message?: string;
}

/** Options of a write request. */
export interface WriteOptions {
  /** Server-side dry run: validated and defaulted, never stored. */
  dryRun?: boolean;
  /** Field manager recorded in managedFields. */
  fieldManager?: string;
}

/**
 * A minimal client of the simulated cluster's API server (token and CA from a kubeconfig like
 * the one scripts/control-plane.sh writes), plus the real kubectl for commands the docs show.
 */
export class KubeClient {
  /** The API server's URL and the CA that signed its certificate. */
  readonly server: URL;
  readonly ca: Buffer;
  private readonly agent: https.Agent;
  private readonly token?: string;
  private resources?: Promise<Map<string, ResourceInfo>>;

  constructor(
    readonly kubeconfig: string,
    readonly kubectlBinary: string = kubectlPath(),
  ) {
    const config = parse(fs.readFileSync(kubeconfig, 'utf8')) as Kubeconfig;
    const context = config.contexts.find(
      c => c.name === config['current-context'],
    )!.context;
    const cluster = config.clusters.find(
      c => c.name === context.cluster,
    )!.cluster;
    const user = config.users.find(u => u.name === context.user)!.user;
    this.server = new URL(cluster.server);
    this.ca = cluster['certificate-authority-data']
      ? Buffer.from(cluster['certificate-authority-data'], 'base64')
      : fs.readFileSync(cluster['certificate-authority']!);
    this.agent = new https.Agent({
      ca: this.ca,
      keepAlive: true,
      maxSockets: 8,
    });
    this.token = user.token;
  }

  /** Runs the real kubectl against the same cluster; rejects with its stderr. */
  async kubectl(args: string[], input?: string): Promise<string> {
    const res = await run(
      this.kubectlBinary,
      ['--kubeconfig', this.kubeconfig, ...args],
      input,
    );
    if (res.code !== 0)
      throw new Error(`kubectl ${args.join(' ')}: ${res.stderr.trim()}`);
    return res.stdout;
  }

  /**
   * One HTTP request; JSON in and out. Resolves to the parsed response body (undefined when
   * empty); the caller knows its shape from the request.
   */
  async request(
    method: string,
    urlPath: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<unknown> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        new URL(urlPath, this.server),
        {
          method,
          agent: this.agent,
          headers: {
            Accept: 'application/json',
            ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
            ...(data
              ? {
                  'Content-Type': contentType,
                  'Content-Length': Buffer.byteLength(data),
                }
              : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const json = (text ? safeJson(text) : undefined) as
              | StatusBody
              | undefined;
            if ((res.statusCode ?? 500) >= 400)
              reject(
                new KubeApiError(
                  res.statusCode ?? 500,
                  json?.reason ?? 'Unknown',
                  json?.message ?? text,
                ),
              );
            else resolve(json);
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  }

  private discover(): Promise<Map<string, ResourceInfo>> {
    this.resources ??= (async () => {
      const out = new Map<string, ResourceInfo>();
      const add = (groupVersion: string, list: ApiResourceList) => {
        for (const r of list.resources)
          if (!r.name.includes('/'))
            out.set(`${groupVersion}/${r.kind}`, {
              plural: r.name,
              namespaced: r.namespaced,
            });
      };
      const resourceList = async (p: string) =>
        (await this.request('GET', p)) as ApiResourceList;
      add('v1', await resourceList('/api/v1'));
      const groups = (await this.request('GET', '/apis')) as ApiGroupList;
      for (const g of groups.groups)
        add(
          g.preferredVersion.groupVersion,
          await resourceList(`/apis/${g.preferredVersion.groupVersion}`),
        );
      return out;
    })();
    return this.resources;
  }

  /** Forgets discovery (after a CRD is installed). */
  refreshDiscovery(): void {
    this.resources = undefined;
  }

  /** The URL path of an object (or of its collection, without a name). */
  async pathOf(
    apiVersion: string,
    kind: string,
    namespace?: string,
    name?: string,
  ): Promise<string> {
    let info = (await this.discover()).get(`${apiVersion}/${kind}`);
    if (!info) {
      this.refreshDiscovery();
      info = (await this.discover()).get(`${apiVersion}/${kind}`);
    }
    if (!info)
      throw new KubeApiError(
        404,
        'NotFound',
        `the server does not serve ${kind} in ${apiVersion}`,
      );
    const base = apiVersion.includes('/')
      ? `/apis/${apiVersion}`
      : `/api/${apiVersion}`;
    const ns = info.namespaced ? `/namespaces/${namespace ?? 'default'}` : '';
    return `${base}${ns}/${info.plural}${name ? `/${name}` : ''}`;
  }

  private objectPath(obj: KubeObject): Promise<string> {
    const md = obj.metadata;
    return this.pathOf(obj.apiVersion, obj.kind, md.namespace, md.name);
  }

  /** The stored object, or undefined when it does not exist. */
  async get(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): Promise<KubeObject | undefined> {
    try {
      return (await this.request(
        'GET',
        await this.pathOf(apiVersion, kind, namespace, name),
      )) as KubeObject;
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Objects of a kind in a namespace (every namespace without one), optionally by label selector. */
  async list(
    apiVersion: string,
    kind: string,
    namespace?: string,
    labelSelector?: string,
  ): Promise<KubeObject[]> {
    const selector = labelSelector
      ? `?labelSelector=${encodeURIComponent(labelSelector)}`
      : '';
    let p = await this.pathOf(apiVersion, kind, namespace);
    if (!namespace) p = p.replace('/namespaces/default', '');
    const list = await this.request('GET', `${p}${selector}`);
    return (list as { items: KubeObject[] }).items;
  }

  /** POST: creates the object. */
  async create(
    obj: KubeObject,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const p = await this.pathOf(
      obj.apiVersion,
      obj.kind,
      obj.metadata.namespace,
    );
    return (await this.request(
      'POST',
      `${p}${query(options)}`,
      obj,
    )) as KubeObject;
  }

  /** PATCH with a JSON merge patch (RFC 7386) on the object or one of its subresources. */
  async mergePatch(
    obj: KubeObject,
    patch: unknown,
    options: WriteOptions & { subresource?: string } = {},
  ): Promise<KubeObject> {
    const p = await this.objectPath(obj);
    const sub = options.subresource ? `/${options.subresource}` : '';
    return (await this.request(
      'PATCH',
      `${p}${sub}${query(options)}`,
      patch,
      'application/merge-patch+json',
    )) as KubeObject;
  }

  /** DELETE: removes the object (foreground deletion is not waited for). */
  async delete(obj: KubeObject): Promise<void> {
    await this.request('DELETE', await this.objectPath(obj));
  }

  /** A token of a ServiceAccount from the TokenRequest API, valid `seconds`. */
  async serviceAccountToken(
    namespace: string,
    name: string,
    seconds: number,
  ): Promise<string> {
    const response = (await this.request(
      'POST',
      `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: seconds },
      },
    )) as { status: { token: string } };
    return response.status.token;
  }

  /** Server-side apply (what `kubectl apply --server-side --force-conflicts` sends). */
  async serverSideApply(
    obj: KubeObject,
    fieldManager: string,
    options: { dryRun?: boolean } = {},
  ): Promise<KubeObject> {
    const p = await this.objectPath(obj);
    const dry = options.dryRun ? '&dryRun=All' : '';
    return (await this.request(
      'PATCH',
      `${p}?fieldManager=${fieldManager}&force=true${dry}`,
      obj,
      'application/apply-patch+yaml',
    )) as KubeObject;
  }
}

function query(options: WriteOptions): string {
  const q = new URLSearchParams();
  if (options.dryRun) q.set('dryRun', 'All');
  if (options.fieldManager) q.set('fieldManager', options.fieldManager);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `$KUBECTL_BIN`, else `<root>/.tools/k8s/kubectl` (built by scripts/setup.d/40-control-plane.sh). */
export function kubectlPath(root: string = findRoot()): string {
  const bin =
    process.env.KUBECTL_BIN ?? path.join(root, '.tools', 'k8s', 'kubectl');
  if (!fs.existsSync(bin))
    throw new Error(
      `kubectl not found at ${bin}: run \`make setup\` (it builds the control plane into .tools/k8s)`,
    );
  return bin;
}
