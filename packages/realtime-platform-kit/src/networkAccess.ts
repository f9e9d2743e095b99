import { KubeObject } from './types';

/** Who may open a connection to one port of a platform's pods, by the composed NetworkPolicies. */
export interface PortAccess {
  /** The `app.kubernetes.io/name` of the pods. */
  pods: string;
  port: number;
  /** The port's name in the pod spec. */
  name?: string;
  /** `the platform namespace`, `namespace <name>`, or `anyone` where no policy selects the pods. */
  from: string[];
}

interface Peer {
  podSelector?: { matchLabels?: Record<string, string> };
  namespaceSelector?: { matchLabels?: Record<string, string> };
}
interface PolicySpec {
  podSelector: { matchLabels?: Record<string, string> };
  policyTypes?: string[];
  ingress?: { from?: Peer[]; ports?: { port?: number | string }[] }[];
}

const matches = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
) => Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);

function peerLabel(p: Peer): string {
  const ns = p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
  if (p.namespaceSelector && !p.podSelector)
    return ns ? `namespace ${ns}` : 'any namespace';
  if (p.podSelector && !p.namespaceSelector)
    return Object.keys(p.podSelector.matchLabels ?? {}).length
      ? `pods ${JSON.stringify(
          p.podSelector.matchLabels,
        )} of the platform namespace`
      : 'the platform namespace';
  return 'a combined selector';
}

/**
 * Ingress access to every container port of every workload in `manifests` (one namespace's
 * composed objects), as Kubernetes evaluates NetworkPolicies: a pod no Ingress policy selects
 * accepts anyone; otherwise the union of the rules of every policy that selects it, a rule
 * without `ports` covering every port and one without `from` every peer.
 */
export function ingressAccess(manifests: KubeObject[]): PortAccess[] {
  const policies = manifests
    .filter(m => m.kind === 'NetworkPolicy')
    .map(m => m.spec as PolicySpec)
    .filter(p => (p.policyTypes ?? ['Ingress']).includes('Ingress'));
  const out: PortAccess[] = [];
  for (const w of manifests.filter(m =>
    ['Deployment', 'StatefulSet'].includes(m.kind),
  )) {
    const template = (
      w.spec as {
        template: {
          metadata: { labels: Record<string, string> };
          spec: {
            containers: {
              ports?: { name?: string; containerPort: number }[];
            }[];
          };
        };
      }
    ).template;
    const labels = template.metadata.labels;
    const selecting = policies.filter(p =>
      matches(p.podSelector.matchLabels, labels),
    );
    for (const c of template.spec.containers)
      for (const port of c.ports ?? []) {
        const from = selecting.length
          ? selecting.flatMap(p =>
              (p.ingress ?? [])
                .filter(
                  r =>
                    !r.ports ||
                    r.ports.some(
                      rp =>
                        rp.port === undefined ||
                        rp.port === port.containerPort ||
                        rp.port === port.name,
                    ),
                )
                .flatMap(r => (r.from ? r.from.map(peerLabel) : ['anyone'])),
            )
          : ['anyone'];
        out.push({
          pods: labels['app.kubernetes.io/name'],
          port: port.containerPort,
          name: port.name,
          from: [...new Set(from)].sort(),
        });
      }
  }
  return out;
}
