/**
 * The shapes the architecture checks read from rendered objects. The kit types rendered objects
 * loosely; these name only the fields the checks and tables use.
 */

/** A container of a pod template. */
export interface Container {
  name?: string;
  image: string;
  env?: { name: string; value?: string }[];
  envFrom?: { secretRef?: { name: string } }[];
  resources?: {
    requests?: { cpu?: string; memory?: string };
    limits?: { cpu?: string; memory?: string };
  };
}

/** A Kubernetes object as the kit renders it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  data?: Record<string, string>;
  spec?: ManifestSpec;
}

/** The spec fields of workloads, Services and provider-kubernetes Objects the docs read. */
export interface ManifestSpec {
  replicas?: number;
  ports?: { port: number; name?: string }[];
  template?: {
    spec?: { containers?: Container[]; initContainers?: Container[] };
  };
  volumeClaimTemplates?: {
    spec: {
      accessModes: string[];
      storageClassName?: string;
      resources: { requests: { storage: string } };
    };
  }[];
  providerConfigRef?: { kind: string; name: string };
  forProvider?: { manifest?: Manifest };
}

/** A secret reference of the composite spec (`lenses.license`, `lenses.agentKey`). */
export interface SecretKeyRef {
  secretName: string;
  key: string;
}

/** The RealtimePlatform composite spec, as far as the docs read it. */
export interface PlatformSpec {
  topics: { name: string }[];
  mqtt: {
    bridges: { mqttTopic: string; kafkaTopic: string; qos?: number }[];
    users: { name: string; access: string; topics: string[] }[];
  };
  postgresql: {
    database: string;
    sink: { topics: string[]; valueFormat?: string };
  };
  lenses?: {
    license?: SecretKeyRef;
    agentKey?: SecretKeyRef;
    metricsNamespace?: string;
  };
}

/** A composed resource the part owns, with its own condition when it has one. */
export type PartResource =
  | string
  | { name: string; when: (spec: PlatformSpec) => boolean };

/** One part of the platform, as the architecture pages describe it. */
export interface Part {
  id: string;
  /** The heading of its section on docs/architecture/index.md and its row in the parts table. */
  label: string;
  /** The composition-resource-names the part owns (every composed resource belongs to one part). */
  resources?: PartResource[];
  /** For which composite spec the part is created. */
  when?: (spec: PlatformSpec) => boolean;
  /** `Kind/name` of its workload, which the overview diagram must draw. */
  workload?: string;
  /** Outside the composition (checked through the definitions or the rendered objects). */
  outside?: boolean;
  /** A person or a device, not software. */
  actor?: boolean;
}
