import { Claim, ClaimKind } from './claims';
import { ProseFacts } from './facts';

/**
 * Names of the `name:port` form that are not Services: container images (`node:22`) and the
 * loopback host. Any other name before a port must be a Service some example composes.
 */
const NOT_SERVICES = new Set(['localhost', 'node']);

/**
 * Variables the docs name that a third-party program reads, never our code or objects; each with
 * the program.
 */
const EXTERNAL_VARIABLES: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'the AWS SDK of the TechDocs awsS3 publisher',
  AWS_SECRET_ACCESS_KEY: 'the AWS SDK of the TechDocs awsS3 publisher',
};

const PLACEHOLDER = /<[^>]+>/g;
const HAS_PLACEHOLDER = /<[^>]+>/;

/** A pattern for a name with `<placeholder>`s and `*`s, each standing for one name or segment. */
function pattern(name: string): RegExp {
  const escaped = name
    .split(PLACEHOLDER)
    .map(part =>
      part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
    )
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}

function checkFile(name: string, f: ProseFacts): string | undefined {
  if (!name.includes('/')) {
    const re = pattern(name);
    if (
      f.files.some(x => re.test(x.split('/').pop()!)) ||
      f.code.includes(name)
    )
      return undefined;
    return `no file of the repository is named ${name}, and no script writes it`;
  }
  const dir = name.endsWith('/') ? name : undefined;
  if (dir) {
    const re = pattern(dir.slice(0, -1));
    if (
      f.files.some(
        x => re.test(x.split('/').slice(0, -1).join('/')) || x.startsWith(dir),
      )
    )
      return undefined;
    return `the repository has no directory ${name}`;
  }
  const re = pattern(name);
  if (f.files.some(x => re.test(x) || x.startsWith(`${name}/`)))
    return undefined;
  return `the repository has no file ${name}`;
}

function checkServicePort(
  service: string,
  port: string | undefined,
  f: ProseFacts,
): string | undefined {
  const ports = f.services.get(service);
  if (!ports) return `no example composes a Service ${service}`;
  if (port && !ports.has(port))
    return `Service ${service} has no port ${port} (it has ${[...ports].join(
      ', ',
    )})`;
  return undefined;
}

function checkHost(text: string, f: ProseFacts): string | undefined {
  const [host, port] = text.split(':');
  const labels = host.split('.');
  const svc = labels.indexOf('svc');
  const [pod, service, namespace] =
    svc === 3 ? labels.slice(0, 3) : [undefined, ...labels.slice(0, 2)];
  if (!service || !namespace) return `${host} is not <service>.<namespace>.svc`;
  if (!HAS_PLACEHOLDER.test(namespace) && !f.namespaces.has(namespace))
    return `${namespace} is not a namespace of any example`;
  // A placeholder stands for any Service (or pod), as in `<service>.<namespace>.svc`.
  if (HAS_PLACEHOLDER.test(service)) return undefined;
  if (pod && !/^<[^>]+>$/.test(pod)) {
    const owner = pod.replace(/-(<[^>]+>|\d+)$/, '');
    const headless = f.statefulSets.get(owner);
    if (headless === undefined)
      return `${pod} is not a pod of a StatefulSet of any example`;
    if (headless !== service)
      return `the pods of StatefulSet ${owner} are named through Service ${headless}, not ${service}`;
  }
  return checkServicePort(service, port, f);
}

const CHECKS: Record<
  ClaimKind,
  (text: string, f: ProseFacts) => string | undefined
> = {
  file: checkFile,
  'make-target': (t, f) =>
    f.makeTargets.has(t) ? undefined : `the Makefile has no target ${t}`,
  host: checkHost,
  'service-port': (t, f) => {
    const [service, port] = t.split(':');
    return NOT_SERVICES.has(service)
      ? undefined
      : checkServicePort(service, port, f);
  },
  'service-ports': (t, f) => {
    const [service, listed] = t.split(':');
    const ports = f.services.get(service);
    if (!ports) return `no example composes a Service ${service}`;
    const numbers = [...ports].filter(p => /^\d+$/.test(p)).sort();
    const written = listed ? listed.split(',').sort() : [];
    if (numbers.join() === written.join()) return undefined;
    return `Service ${service} has ports ${numbers.join(
      ', ',
    )}, the table lists ${written.join(', ') || 'none'}`;
  },
  key: (t, f) => {
    const re = pattern(t);
    if (t in EXTERNAL_VARIABLES) return undefined;
    if ([...f.keys].some(k => re.test(k)) || f.code.includes(t))
      return undefined;
    return `${t} is no rendered Secret key or environment variable, and no code names it`;
  },
  placeholder: (t, f) =>
    f.placeholders.has(t)
      ? undefined
      : `${t} is not a placeholder the glossary defines (docs/glossary.md#placeholders): use one of ${[
          ...f.placeholders,
        ].join(', ')}, or define it there`,
  parameter: (t, f) =>
    f.parameters.has(t)
      ? undefined
      : `${t} is not a parameter of either definition or of the XRD`,
};

/** Why each claim is false, as `page:line: name: reason` ([] when every claim holds). */
export function falseClaims(claims: Claim[], facts: ProseFacts): string[] {
  return claims.flatMap(c => {
    const why = CHECKS[c.kind](c.text, facts);
    return why ? [`${c.page}:${c.line}: ${c.kind} \`${c.text}\`: ${why}`] : [];
  });
}
