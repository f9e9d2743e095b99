import { ContainerSpec, RuntimePlan, RuntimePod } from './plan';
import { RuntimeError } from './errors';

const get = (
  store: RuntimePlan['secrets'],
  ns: string,
  name: string,
): Map<string, Buffer> | undefined => store.get(`${ns}/${name}`);

/** `$(VAR)` references, expanded as the kubelet does: defined ones replaced, `$$` escapes. */
export function expandReferences(
  text: string,
  env: Record<string, string>,
): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name) => {
    if (m === '$$') return '$';
    return name in env ? env[name] : m;
  });
}

function fieldValue(pod: RuntimePod, fieldPath: string): string {
  const fields: Record<string, string> = {
    'metadata.name': pod.name,
    'metadata.namespace': pod.namespace,
    'status.podIP': pod.ip,
    'spec.nodeName': 'local',
  };
  if (!(fieldPath in fields))
    throw new RuntimeError(
      `pod ${pod.namespace}/${pod.name} fieldRef ${fieldPath}`,
      'the local runtime provides only metadata.name, metadata.namespace, status.podIP and spec.nodeName',
    );
  return fields[fieldPath];
}

/**
 * A container's environment as the kubelet builds it: `envFrom` first, then `env` in order
 * (an `env` entry wins over `envFrom`), each value's `$(VAR)` references expanded against the
 * variables before it; `HOSTNAME` is the pod name.
 */
export function containerEnv(
  plan: RuntimePlan,
  pod: RuntimePod,
  c: ContainerSpec,
): Record<string, string> {
  const env: Record<string, string> = { HOSTNAME: pod.name };
  const where = `pod ${pod.namespace}/${pod.name} container ${c.name}`;
  for (const from of c.envFrom ?? []) {
    const ref = from.secretRef ?? from.configMapRef;
    const store = from.secretRef ? plan.secrets : plan.configMaps;
    const data = ref && get(store, pod.namespace, ref.name);
    if (!data) {
      if (ref?.optional) continue;
      throw new RuntimeError(
        `${where} envFrom ${from.secretRef ? 'Secret' : 'ConfigMap'} ${
          ref?.name
        }`,
        `not found in namespace ${pod.namespace}`,
      );
    }
    for (const [k, v] of data) env[`${from.prefix ?? ''}${k}`] = v.toString();
  }
  for (const e of c.env ?? []) {
    const vf = e.valueFrom;
    if (!vf) {
      env[e.name] = expandReferences(e.value ?? '', env);
      continue;
    }
    if (vf.fieldRef) {
      env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath);
      continue;
    }
    const ref = vf.secretKeyRef ?? vf.configMapKeyRef!;
    const kind = vf.secretKeyRef ? 'Secret' : 'ConfigMap';
    const value = get(
      vf.secretKeyRef ? plan.secrets : plan.configMaps,
      pod.namespace,
      ref.name,
    )?.get(ref.key);
    if (value === undefined) {
      if (ref.optional) continue;
      throw new RuntimeError(
        `${where} env ${e.name}`,
        `${kind} ${pod.namespace}/${ref.name} has no key ${ref.key}`,
      );
    }
    env[e.name] = value.toString();
  }
  return env;
}

/** `command` + `args` with `$(VAR)` references expanded; undefined parts fall back to the image. */
export function containerArgv(
  c: ContainerSpec,
  env: Record<string, string>,
): { command?: string[]; args?: string[] } {
  const x = (a?: string[]) => a?.map(s => expandReferences(s, env));
  return { command: x(c.command), args: x(c.args) };
}
