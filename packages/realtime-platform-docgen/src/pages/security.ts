import {
  clusterObjects,
  ingressAccess,
  parseProperties as properties,
  secretCopies,
} from '@internal/realtime-platform-kit';
import { SERVICES } from '@internal/realtime-platform-contract';
import { PAGES, preamble, stampSection } from '../common';
import { code, heading, table, text } from '../markdown';
import { ExampleFile, ReferenceSource } from '../source';

type Loose = any;

/** Platform-namespace objects of the example, with the names the page shows in placeholders. */
function platformObjects(example: ExampleFile) {
  const objects = clusterObjects(example.result).map(o => o.object as Loose);
  const ns = objects.find(o => o.kind === 'Namespace').metadata.name;
  return {
    ns,
    appNs: example.result.application.namespace,
    objects: objects.filter(o => o.metadata.namespace === ns),
    namespace: objects.find(o => o.kind === 'Namespace'),
  };
}

function networkSection(example: ExampleFile): string[] {
  const { objects, appNs } = platformObjects(example);
  const from = (f: string) =>
    f === `namespace ${appNs}` ? "the application's namespace" : f;
  const rows = ingressAccess(objects).map(a => [
    code(a.pods),
    `${a.port}${a.name ? ` (${code(a.name)})` : ''}`,
    a.from.map(f => text(from(f))).join('<br>'),
  ]);
  const names = objects
    .filter(o => o.kind === 'NetworkPolicy')
    .map(o => code(o.metadata.name));
  return [
    heading(2, 'Who reaches what', 'network'),
    '',
    `The platform namespace's NetworkPolicies (${names.join(
      ', ',
    )}) deny every incoming connection they do not list. Computed from the policies the full example composes, as Kubernetes evaluates them:`,
    '',
    table(['Pods', 'Port', 'Reachable from'], rows),
    '',
    'NetworkPolicies take effect only where the cluster network plugin enforces them (Calico, Cilium and most managed clusters do; kindnet and flannel alone do not). Outgoing traffic is not restricted.',
    '',
  ];
}

function podSection(example: ExampleFile): string[] {
  const { objects, namespace } = platformObjects(example);
  const labels = namespace.metadata.labels as Record<string, string>;
  const rows: string[][] = [];
  for (const o of objects.filter(x => x.spec?.template?.spec)) {
    const spec = o.spec.template.spec;
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      const sc = c.securityContext ?? {};
      // A Job's name ends in a hash of its script (and of the credentials it copies).
      const workload =
        o.kind === 'Job'
          ? o.metadata.name.replace(/-[0-9a-f]{10}$/, '-<hash>')
          : o.metadata.name;
      rows.push([
        `${o.kind} ${code(workload)}`,
        code(c.name),
        `${sc.runAsUser}:${sc.runAsGroup}`,
        sc.readOnlyRootFilesystem ? 'yes' : '**no**',
        spec.automountServiceAccountToken
          ? `yes (${code(spec.serviceAccountName)})`
          : 'no',
      ]);
    }
  }
  const podLabels = Object.entries(labels)
    .filter(([k]) => k.startsWith('pod-security.kubernetes.io/'))
    .map(([k, v]) => code(`${k}: ${v}`));
  return [
    heading(2, 'Pod Security', 'pod-security'),
    '',
    `The platform namespace carries ${podLabels.join(
      ' and ',
    )}: the API server refuses a Pod that breaks the ${code(
      'restricted',
    )} standard. Every platform pod runs as a non-root user with the ${code(
      'RuntimeDefault',
    )} seccomp profile; every container without privilege escalation and with every capability dropped. Writable paths of a read-only root filesystem are emptyDir volumes.`,
    '',
    table(
      [
        'Workload',
        'Container',
        'User (uid:gid)',
        'Read-only root filesystem',
        'API token',
      ],
      rows,
    ),
    '',
    `Metabase and Lenses cannot run on the test machines: their root filesystems stay writable and their users are the images' documented ones, not verified by a run.`,
    '',
    ...webservicePods(example),
  ];
}

/** How a `realtime-webservice` pod meets `restricted`, from the example's first webservice. */
function webservicePods(example: ExampleFile): string[] {
  const { appNs } = platformObjects(example);
  const deployment: Loose = clusterObjects(example.result)
    .map(o => o.object as Loose)
    .find(o => o.kind === 'Deployment' && o.metadata.namespace === appNs);
  const spec = deployment.spec.template.spec;
  const container = spec.containers[0].securityContext;
  const tmp = spec.containers[0].volumeMounts.map((m: Loose) => m.mountPath);
  return [
    `A ${code('realtime-webservice')} pod meets ${code(
      'restricted',
    )} as well: it runs as uid ${
      spec.securityContext.runAsUser
    } (parameter ${code('securityContext.runAsUser')}) with the ${code(
      'RuntimeDefault',
    )} seccomp profile, without privilege escalation or capabilities, on a ${
      container.readOnlyRootFilesystem ? 'read-only' : 'writable'
    } root filesystem (${code(
      'securityContext.readOnlyRootFilesystem',
    )}) where ${tmp
      .map(code)
      .join(
        ', ',
      )} is a writable emptyDir. So the application's namespace can enforce the standard too: ${code(
      `kubectl label namespace ${appNs} pod-security.kubernetes.io/enforce=restricted`,
    )} (the simulated cluster's tests create the application's namespace with that label and apply the webservices there). An image that must run as root cannot run in this pod; one whose files only its own user can read needs ${code(
      'securityContext.runAsUser',
    )} set to that user.`,
    '',
  ];
}

function credentialsSection(example: ExampleFile): string[] {
  const { ns } = platformObjects(example);
  const copies = secretCopies(clusterObjects(example.result)).flatMap(
    c => c.copies,
  );
  const rows = copies
    .filter(c => c.fromKey)
    .map(c => [
      `${code(c.toSecret)} ${code(c.toKey)}`,
      `${code(`${c.fromNamespace}/${c.fromSecret}`)} ${code(c.fromKey!)}`,
    ]);
  return [
    heading(2, 'Where each credential lives', 'credentials'),
    '',
    `Generated credentials live in Secrets of the application's namespace (see [the connection secret](${
      PAGES.secret
    })). The platform's pods read copies in ${code(ns)}, made by the Job ${code(
      'secret-sync',
    )} as its ServiceAccount, which may read exactly the source Secrets and write exactly the copies. No value is written into any other object: not the Composition's objects, ConfigMaps, environment literals, Job arguments or annotations.`,
    '',
    table(['Copy in the platform namespace', 'Copied from'], rows),
    '',
    'To rotate one: delete its key from the source Secret (the Composition generates a new value and a new secret-sync Job copies it), then restart the pods that read it. A Secret you created (the Lenses license and agent key): change it, delete the secret-sync Job so that it runs again, then restart Lenses.',
    '',
  ];
}

function kafkaSection(example: ExampleFile): string[] {
  const { objects } = platformObjects(example);
  const server = properties(
    objects.find(o => o.metadata.name === 'kafka-config').data[
      'server.properties'
    ],
  );
  const bound = Object.fromEntries(
    server.listeners.split(',').map(l => l.split('://')),
  );
  const listeners = server['listener.security.protocol.map']
    .split(',')
    .map(m => {
      const [name, protocol] = m.split(':');
      const mechanisms =
        server[`listener.name.${name.toLowerCase()}.sasl.enabled.mechanisms`];
      return [code(name), code(bound[name]), code(protocol), code(mechanisms)];
    });
  // Who logs in as admin: every container that reads the admin password.
  const adminUsers = objects
    .filter(o => o.spec?.template?.spec)
    .filter(o =>
      JSON.stringify(o.spec.template.spec.containers).includes(
        '"key":"KAFKA_ADMIN_PASSWORD"',
      ),
    )
    .map(o =>
      code(
        o.kind === 'Job'
          ? o.metadata.name.replace(/-[0-9a-f]{10}$/, '-<hash>')
          : o.metadata.name,
      ),
    );
  const job: string = objects.find(
    o => o.kind === 'Job' && o.metadata.name.startsWith('topics-'),
  ).spec.template.spec.containers[0].command[2];
  const grants = [
    ...job.matchAll(/--add --allow-principal User:(\S+) (.*)$/gm),
  ].map(m => {
    const ops = [...m[2].matchAll(/--operation (\w+)/g)].map(x => x[1]);
    const [, kind, name] = /--(topic|group) '([^']+)'/.exec(m[2])!;
    return [code(`User:${m[1]}`), `${kind} ${code(name)}`, ops.join(', ')];
  });
  return [
    heading(2, 'Kafka authentication and ACLs', 'kafka'),
    '',
    `Every Kafka connection authenticates; the broker's ${code(
      server['authorizer.class.name'].split('.').pop()!,
    )} allows a principal only what an ACL grants, except the super user ${code(
      server['super.users'],
    )}. Listeners of the full example's broker:`,
    '',
    table(['Listener', 'Address', 'Protocol', 'SASL mechanisms'], listeners),
    '',
    `${code('CONTROLLER')} and the loopback ${code(
      'LOCAL',
    )} accept one static user, ${code(
      'admin',
    )}, whose password the broker reads from the Secret at start; on ${code(
      'LOCAL',
    )} each start sets ${code('admin')}'s and ${code(
      'app',
    )}'s SCRAM passwords to the Secret's values, so rotating one means changing it and restarting the ${code(
      'kafka',
    )} pods (every one at once for ${code(
      'KAFKA_ADMIN_PASSWORD',
    )}), then the pods that log in with it.`,
    '',
    `${code('admin')} (password ${code(
      'KAFKA_ADMIN_PASSWORD',
    )}) is used by ${adminUsers.join(', ')}. Applications log in as ${code(
      'app',
    )} with the ${code(
      'KAFKA_*',
    )} keys of the connection secret; its ACLs, set by the topics Job:`,
    '',
    table(['Principal', 'Resource', 'Operations'], grants),
    '',
    `Each run of the topics Job (a new one whenever ${code(
      'topics',
    )} changes) also lists ${code(
      'app',
    )}'s ACLs and removes those on any topic it no longer grants, so a topic taken out of ${code(
      'topics',
    )} is refused to applications from then on (asserted on the local runtime's Kafka).`,
    '',
    `Every other topic is refused to ${code(
      'app',
    )} (Topic authorization failed), as are a wrong password and a client without credentials: asserted on the local runtime's real Kafka and by the documentation's examples.`,
    '',
  ];
}

function openSection(): string[] {
  return [
    heading(2, 'Not protected yet', 'not-protected'),
    '',
    'Listed so that nobody relies on them:',
    '',
    '- Kafka traffic is not encrypted (SASL over plain TCP); passwords are SCRAM-hashed on the wire, data is not.',
    '- All applications of a platform share the principal `app`: any of them may read and write every declared topic, not only the topics its webservice declares in `produces` and `consumes`.',
    "- The schema registry authenticates no one: Apicurio Registry 3 authenticates only through an OIDC provider, which the platform does not deploy. The NetworkPolicies limit it to the application's namespace and the platform's pods.",
    `- Kafka Connect's REST API takes one HTTP Basic login, ${code(
      'admin',
    )} with ${code(
      'CONNECT_REST_PASSWORD',
    )}, over plain HTTP, and is reachable only from the platform namespace. Whoever holds that login can create a connector that reads the worker's environment (${code(
      '${env:...}',
    )}: the Kafka admin, MQTT bridge and PostgreSQL passwords).`,
    `- MQTT is plain TCP and WebSocket unless ${code(
      'mqtt.tls',
    )} is set. With it, the application's namespace reaches only the TLS listeners (${
      SERVICES.mqttTls.port
    }, and wss on ${SERVICES.mqttWebSocket.port}); the plain listener ${
      SERVICES.mqtt.port
    } stays open to the platform's own pods (Mosquitto's readiness probe, the Kafka Connect MQTT bridge), and a renewed certificate reaches Mosquitto only after the ${code(
      'secret-sync',
    )} Job runs again and the ${code(
      'mqtt',
    )} pod restarts ([MQTT over TLS](../access/mqtt.md#tls)).`,
    '- Outgoing traffic from the platform namespace is not restricted.',
    '- Logs are checked for credentials only where the servers run here: the local runtime finds none in the log of any process or probe of its pods (Kafka, Kafka Connect, the schema registry, Mosquitto, PostgreSQL, the webservices, and the *stand-in* servers of Lenses HQ and Metabase). What the real Lenses HQ, Lenses Agent and Metabase log is *not run here*, so not checked.',
    '',
  ];
}

/** The security model: network access, Pod Security, where credentials live, what is open. */
export function securityPage(src: ReferenceSource, full: ExampleFile): string {
  return [
    ...preamble(),
    '# Security model',
    '',
    `Generated from the objects the Composition composes for ${code(
      full.repoPath,
    )}; the test command checks the same objects against a real API server (Pod Security admission, the secret-sync ServiceAccount's permissions, every stored object free of secret values).`,
    '',
    ...networkSection(full),
    ...podSection(full),
    ...kafkaSection(full),
    ...credentialsSection(full),
    ...openSection(),
    ...stampSection(src),
  ].join('\n');
}
