import path from 'node:path';

type ModelCtor = new (data: unknown) => { validate(): void };

const MODELS: Record<string, [string, string]> = {
  'apps/v1/Deployment': ['apps/v1', 'Deployment'],
  'apps/v1/StatefulSet': ['apps/v1', 'StatefulSet'],
  'batch/v1/Job': ['batch/v1', 'Job'],
  'v1/Service': ['v1', 'Service'],
  'v1/Secret': ['v1', 'Secret'],
  'v1/ConfigMap': ['v1', 'ConfigMap'],
  'v1/Namespace': ['v1', 'Namespace'],
};

const loaded = new Map<string, ModelCtor>();

function modelsDir(root: string): string {
  return path.join(root, 'node_modules', 'kubernetes-models');
}

function loadModel(root: string, key: string): ModelCtor | undefined {
  const spec = MODELS[key];
  if (!spec) return undefined;
  let ctor = loaded.get(key);
  if (!ctor) {
    // kubernetes-models is ESM-only with an import-only exports map; Node 22 can require() an
    // ESM file by absolute path, which keeps this usable from CommonJS and jest alike.
    const mod = require(path.join(modelsDir(root), spec[0], `${spec[1]}.js`));
    ctor = mod[spec[1]] as ModelCtor;
    loaded.set(key, ctor);
  }
  return ctor;
}

/** Kinds validated against the Kubernetes schemas shipped by the `kubernetes-models` package. */
export const VALIDATED_KINDS: string[] = Object.keys(MODELS);

/**
 * Validates a standard Kubernetes object against its schema (kubernetes-models 5.1.0).
 * Returns an error message, or undefined when valid or when the kind has no model here.
 */
export function validateKubernetesObject(
  root: string,
  obj: unknown,
): string | undefined {
  const o = obj as { apiVersion?: unknown; kind?: unknown } | null | undefined;
  const Model = loadModel(root, `${o?.apiVersion}/${o?.kind}`);
  if (!Model) return undefined;
  try {
    new Model(obj).validate();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
