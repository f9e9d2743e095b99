import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { PLATFORM_COMPONENT_TYPE } from '@internal/realtime-platform-contract';
import {
  KUBEVELA_RELEASES,
  RealtimeKit,
} from '@internal/realtime-platform-kit';
import { manifestOf } from './architecture';
import { DocsKit, FULL_EXAMPLE, MINIMAL_EXAMPLE } from './docsKit';
import { code, table } from './markdown';
import { SIZES } from './resourcesTable';
import { fmtCpu, fmtMem, memMi, podRequests } from './workloads';

/** The examples the quick start prices, with the name the table gives them. */
const PRICED: [string, string][] = [
  ['minimal', MINIMAL_EXAMPLE],
  ['comprehensive', FULL_EXAMPLE],
];

/** The example's text with `resources.size` of its platform set to `size`. */
function atSize(text: string, size: string): string {
  const app = parse(text);
  for (const c of app.spec.components)
    if (c.type === PLATFORM_COMPONENT_TYPE)
      c.properties = {
        ...c.properties,
        resources: { ...c.properties?.resources, size },
      };
  return stringify(app);
}

/**
 * What each example's platform asks of the cluster at each size profile, summed from the
 * composed Deployments and StatefulSets (replicas × pod requests) and volume claims; the
 * application's own webservices and the one-off Jobs are not counted.
 */
export async function costsTable(docs: DocsKit): Promise<string> {
  const rows: string[][] = [];
  for (const [label, file] of PRICED) {
    const text = fs.readFileSync(path.join(docs.root, file), 'utf8');
    const results = await docs.renderTexts(
      SIZES.map(size => ({
        file: `${label}-${size}.yaml`,
        text: atSize(text, size),
      })),
    );
    results.forEach((r, i) => {
      let pods = 0;
      let cpu = 0;
      let mem = 0;
      let storage = 0;
      for (const c of r.platforms[0].composed) {
        const m = manifestOf(c);
        if (!['Deployment', 'StatefulSet'].includes(m.kind)) continue;
        const replicas = m.spec?.replicas ?? 1;
        const requests = podRequests(m);
        pods += replicas;
        cpu += requests.cpu * replicas;
        mem += requests.mem * replicas;
        for (const v of m.spec?.volumeClaimTemplates ?? [])
          storage += memMi(v.spec.resources.requests.storage) * replicas;
      }
      rows.push([
        `${label} (${code(file.split('/').pop()!)})`,
        code(SIZES[i]),
        String(pods),
        `${fmtCpu(cpu)} CPU`,
        fmtMem(mem),
        fmtMem(storage),
      ]);
    });
  }
  return `${table(
    [
      'Example',
      'Profile',
      'Pods',
      'CPU requests',
      'Memory requests',
      'Storage',
    ],
    rows,
  )}\n`;
}

/** The pinned version of a Go module in a go.mod of the repository. */
function goModVersion(root: string, modFile: string, module: string): string {
  const text = fs.readFileSync(path.join(root, modFile), 'utf8');
  const m = new RegExp(
    `^\\s*${module.replace(/\./g, '\\.')} (v\\S+)`,
    'm',
  ).exec(text);
  if (!m) throw new Error(`${modFile} does not pin ${module}`);
  return m[1];
}

/** The version tag of a package reference `registry/name:vX`. */
const packageVersion = (ref: string): string => ref.split(':').pop()!;

/** The provider-kubernetes package the guide installs. */
function providerPackage(root: string): string {
  const file = 'docs/user-guide/examples/cluster/provider-kubernetes.yaml';
  const m = /package: (\S*provider-kubernetes:\S+)/.exec(
    fs.readFileSync(path.join(root, file), 'utf8'),
  );
  if (!m) throw new Error(`${file} names no provider-kubernetes package`);
  return m[1];
}

/**
 * The versions the platform is built for, each with what this repository does with it: run it,
 * evaluate with its own code, or only follow its documentation ("not run here").
 */
export function versionsTable(kit: RealtimeKit, root: string): string {
  const kubernetes = goModVersion(
    root,
    'tools/control-plane/go.mod',
    'k8s.io/kubernetes',
  );
  const { xrd, functions } = kit.compositionFile;
  const fn = (name: string) => {
    const f = functions.find(x => x.metadata.name === name);
    if (!f) throw new Error(`the Composition file has no Function ${name}`);
    return packageVersion((f.spec as { package: string }).package);
  };
  const rows = [
    [
      'Kubernetes',
      kubernetes,
      `every composed object applied to a real kube-apiserver ${kubernetes} with simulated (kwok) nodes`,
    ],
    [
      'KubeVela',
      Object.values(KUBEVELA_RELEASES)
        .map(([release]) => release)
        .join(', '),
      "the definitions evaluated with each release's CUE version, health policies included; the KubeVela controller is not run here",
    ],
    [
      'Crossplane',
      `v2 (${code(xrd.apiVersion)})`,
      'not run here: the Composition is rendered by the templating engine of function-go-templating',
    ],
    [
      'function-go-templating',
      fn('function-go-templating'),
      'its template engine (Go text/template with sprig) run on every example; the function itself is not run here',
    ],
    [
      'function-auto-ready',
      fn('function-auto-ready'),
      'not run here; readiness is checked on the simulated cluster instead',
    ],
    [
      'provider-kubernetes',
      packageVersion(providerPackage(root)),
      'not run here: its Objects are unwrapped and applied as its default syncer applies them',
    ],
  ];
  return `${table(
    ['Software', 'Version', 'How this repository checks it'],
    rows,
  )}\n`;
}
