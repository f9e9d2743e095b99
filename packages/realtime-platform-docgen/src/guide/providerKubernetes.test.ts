/** The guide's provider-kubernetes setup fits what the Composition creates (provider config, RBAC per kind). */
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { contexts, read } from '../__fixtures__/guide';
import { repoRoot } from '../__fixtures__/testing';
import { Manifest } from './architecture';

jest.setTimeout(180_000);

const FILE = 'docs/user-guide/examples/cluster/provider-kubernetes.yaml';

/** Plural resource name of each kind the Composition's Objects manage. */
const PLURAL: Record<string, string> = {
  Namespace: 'namespaces',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  ServiceAccount: 'serviceaccounts',
  NetworkPolicy: 'networkpolicies',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  Job: 'jobs',
};

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

interface SetupDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  rules?: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
  roleRef?: { name: string };
  subjects?: { namespace: string; name: string }[];
}

/** Validates an RBAC object against its Kubernetes schema; the message when invalid. */
function rbacError(kind: string, obj: SetupDoc): string | undefined {
  // kubernetes-models is ESM-only with an import-only exports map; the kit loads it by path too.
  const Model = require(path.join(
    repoRoot,
    'node_modules/kubernetes-models/rbac.authorization.k8s.io/v1',
    `${kind}.js`,
  ))[kind];
  try {
    new Model(obj).validate();
    return undefined;
  } catch (e) {
    return `${FILE}: ${kind} fails the Kubernetes schema: ${
      (e as Error).message
    }`;
  }
}

it('the provider-kubernetes setup of the guide fits what the Composition creates', async () => {
  const docs: SetupDoc[] = parseAllDocuments(read(FILE)).map(d => d.toJS());
  const byKind = (kind: string) => docs.filter(d => d.kind === kind);
  const [drc] = byKind('DeploymentRuntimeConfig');
  const [provider] = byKind('Provider');
  const [role] = byKind('ClusterRole');
  const [binding] = byKind('ClusterRoleBinding');
  const [pc] = byKind('ClusterProviderConfig');
  expect([
    rbacError('ClusterRole', role),
    rbacError('ClusterRoleBinding', binding),
  ]).toEqual([undefined, undefined]);
  expect(provider.spec.package).toMatch(
    /^xpkg\.crossplane\.io\/crossplane-contrib\/provider-kubernetes:v\d+\.\d+\.\d+$/,
  );
  expect(provider.spec.runtimeConfigRef.name).toBe(drc.metadata.name);
  expect(binding.roleRef!.name).toBe(role.metadata.name);
  expect(binding.subjects!.map(s => `${s.namespace}/${s.name}`)).toEqual([
    `crossplane-system/${drc.spec.serviceAccountTemplate.metadata.name}`,
  ]);
  expect(pc.spec.credentials.source).toBe('InjectedIdentity');
  // A Set: every example composes the same kinds, one message per kind is enough.
  const failures = new Set<string>();
  const group = (apiVersion: string) =>
    apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  for (const { file: ex, ctx } of await contexts()) {
    for (const c of ctx.platform.composed.filter(
      x => x.resource.kind === 'Object',
    )) {
      const o: Manifest = c.resource;
      const ref = o.spec!.providerConfigRef!;
      if (
        `${group(o.apiVersion)}/${ref.kind}/${ref.name}` !==
        `${group(pc.apiVersion)}/${pc.kind}/${pc.metadata.name}`
      )
        failures.add(
          `${ex}: Object ${o.metadata.name} uses a provider config the guide does not create`,
        );
      const m = o.spec!.forProvider!.manifest!;
      const rule = role.rules!.find(
        r =>
          r.apiGroups.includes(group(m.apiVersion)) &&
          r.resources.includes(PLURAL[m.kind]),
      );
      if (!rule) {
        failures.add(
          `${ex}: the ClusterRole of ${FILE} does not let the provider manage ${m.kind}`,
        );
        continue;
      }
      for (const verb of VERBS.filter(v => !rule.verbs.includes(v)))
        failures.add(`${m.kind}: verb ${verb} missing`);
    }
  }
  expect([...failures]).toEqual([]);
  const guide = read('docs/user-guide/index.md');
  expect(guide).toContain(`--8<-- "${FILE}"`);
  expect(guide).toContain(`kubectl apply -f ${FILE}`);
});

it('negative control: an RBAC object the Kubernetes schema refuses is reported', () => {
  expect(
    rbacError('ClusterRole', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'x' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: 'get' as any }],
    }),
  ).toMatch(/ClusterRole fails the Kubernetes schema/);
});
