import {
  Entity,
  EntityLink,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityRelationSpec } from '@backstage/plugin-catalog-node';
import { KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION } from '@backstage/plugin-kubernetes-common';
import {
  ANNOTATION_CONNECTION_SECRET,
  ANNOTATION_CONNECTION_SECRET_KEYS,
  ANNOTATION_CONSUMES_TOPICS,
  ANNOTATION_HOST,
  ANNOTATION_NAMESPACE,
  ANNOTATION_PLATFORM_NAME,
  ANNOTATION_PLATFORM_REF,
  ANNOTATION_PORT,
  ANNOTATION_PRODUCES_TOPICS,
  checkUrl,
  COMPONENT_TYPE_CONSUMER,
  COMPONENT_TYPE_REALTIME_PLATFORM,
  describeUrlRefusal,
  LINK_TYPE_LENSES_HQ,
  LINK_TYPE_METABASE,
  PART_TYPE_LABELS,
} from '@internal/plugin-realtime-platform-common';
import {
  connectionSecretKeys,
  partEntityName,
  partHost,
  PARTS,
  PartSpec,
  PLATFORM_INSTANCE_LABEL,
  platformNames,
} from '@internal/realtime-platform-contract';
import { ValidationIssue } from '@internal/realtime-platform-kit';
import {
  APPLICATION_ANNOTATION_LENSES_BASE_URL,
  APPLICATION_ANNOTATION_LIFECYCLE,
  APPLICATION_ANNOTATION_METABASE_BASE_URL,
  APPLICATION_ANNOTATION_OWNER,
} from '../constants';
import { RealtimeCatalogOptions } from '../options';
import {
  PlatformComponent,
  RealtimeApplication,
  ServiceComponent,
} from './model';

/**
 * What one application becomes.
 *
 * @public
 */
export interface ApplicationEntities {
  /** The System, Components and Resources; none when there are issues. */
  entities: Entity[];
  /** `hasPart`/`partOf` between each platform and its parts. */
  relations: EntityRelationSpec[];
  /** Problems with the application's link or naming annotations. */
  issues: ValidationIssue[];
}

const TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';

interface Context {
  app: RealtimeApplication;
  options: RealtimeCatalogOptions;
  namespace: string;
  owner: string;
  lifecycle: string;
  system: string;
  issues: ValidationIssue[];
}

function ref(kind: string, namespace: string, name: string) {
  return { kind, namespace, name };
}

function baseAnnotations(ctx: Context): Record<string, string> {
  return { [TECHDOCS_ENTITY]: ctx.options.techdocsEntity };
}

function link(
  ctx: Context,
  platform: PlatformComponent,
  annotation: string,
  fallback: string | undefined,
  type: string,
  title: string,
): EntityLink | undefined {
  const template = ctx.app.annotations[annotation] ?? fallback;
  if (!template) return undefined;
  const url = template
    .replace(/\{name\}/g, platform.name)
    .replace(
      /\{namespace\}/g,
      platformNames(platform.name, ctx.app.namespace).platformNamespace,
    )
    .replace(/\{application\}/g, ctx.app.name);
  const checked = checkUrl(url);
  if ('url' in checked) return { url: checked.url, title, type };
  ctx.issues.push({
    file: ctx.app.file,
    component: platform.name,
    field:
      annotation in ctx.app.annotations
        ? `metadata.annotations["${annotation}"]`
        : `app-config realtimePlatform.catalog.defaults (${type})`,
    message: `${title} link refused: ${describeUrlRefusal(checked.refused)}`,
    fix: 'use an absolute http(s) URL without credentials or tokens',
  });
  return undefined;
}

/** The Resource of one part of a platform, and its `hasPart`/`partOf` relations. */
function partResource(
  ctx: Context,
  platform: PlatformComponent,
  part: PartSpec,
  relations: EntityRelationSpec[],
): Entity {
  const { app, namespace } = ctx;
  const name = partEntityName(part, platform.name);
  const port = part.service.port;
  const annotations: Record<string, string> = {
    ...baseAnnotations(ctx),
    [ANNOTATION_HOST]: partHost(part, platform.name, app.namespace),
  };
  if (port) annotations[ANNOTATION_PORT] = String(port);
  const platformRef = ref('component', namespace, platform.name);
  const partRef = ref('resource', namespace, name);
  relations.push(
    { source: platformRef, type: RELATION_HAS_PART, target: partRef },
    { source: partRef, type: RELATION_PART_OF, target: platformRef },
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace,
      title: `${PART_TYPE_LABELS[part.type]} (${platform.name})`,
      description: part.description,
      annotations,
    },
    spec: { type: part.type, owner: ctx.owner, system: ctx.system },
  };
}

/** The platform's Lenses HQ and Metabase links; a refused one becomes an issue. */
function platformLinks(
  ctx: Context,
  platform: PlatformComponent,
): EntityLink[] {
  // Lenses HQ is only linked when the platform deploys it.
  return [
    platform.lenses
      ? link(
          ctx,
          platform,
          APPLICATION_ANNOTATION_LENSES_BASE_URL,
          ctx.options.lensesBaseUrl,
          LINK_TYPE_LENSES_HQ,
          'Lenses HQ',
        )
      : undefined,
    link(
      ctx,
      platform,
      APPLICATION_ANNOTATION_METABASE_BASE_URL,
      ctx.options.metabaseBaseUrl,
      LINK_TYPE_METABASE,
      'Metabase',
    ),
  ].filter((l): l is EntityLink => !!l);
}

/**
 * The namespace the Kubernetes plugin's backend restricts an entity's objects to; it reads the
 * name literally (KubernetesFanOutHandler) and its common package exports no constant for it.
 */
const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** The platform's Component, depending on its part Resources. */
function platformComponent(
  ctx: Context,
  platform: PlatformComponent,
  parts: PartSpec[],
  resources: Entity[],
  links: EntityLink[],
): Entity {
  const { app, namespace } = ctx;
  const names = platformNames(platform.name, app.namespace);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: platform.name,
      namespace,
      title: `${platform.name} realtime platform`,
      description: `Realtime platform of application ${app.name}: ${parts
        .map(p => PART_TYPE_LABELS[p.type])
        .join(', ')}.`,
      annotations: {
        ...baseAnnotations(ctx),
        [ANNOTATION_PLATFORM_NAME]: platform.name,
        [ANNOTATION_NAMESPACE]: names.platformNamespace,
        [ANNOTATION_CONNECTION_SECRET]: `${app.namespace}/${names.connectionSecret}`,
        [ANNOTATION_CONNECTION_SECRET_KEYS]:
          connectionSecretKeys(platform).join(', '),
        // The composite and its workloads, across the application and platform namespaces.
        [KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION]: `${PLATFORM_INSTANCE_LABEL}=${names.platformNamespace}`,
      },
      ...(links.length ? { links } : {}),
    },
    spec: {
      type: COMPONENT_TYPE_REALTIME_PLATFORM,
      lifecycle: ctx.lifecycle,
      owner: ctx.owner,
      system: ctx.system,
      dependsOn: resources.map(r => stringifyEntityRef(r)),
    },
  };
}

/** A platform's Component and the Resources of the parts it provisions. */
function platformEntities(
  ctx: Context,
  platform: PlatformComponent,
  relations: EntityRelationSpec[],
): Entity[] {
  const parts = PARTS.filter(p => p.present(platform));
  const resources = parts.map(part =>
    partResource(ctx, platform, part, relations),
  );
  const links = platformLinks(ctx, platform);
  return [
    platformComponent(ctx, platform, parts, resources, links),
    ...resources,
  ];
}

function serviceEntity(ctx: Context, service: ServiceComponent): Entity {
  const { app, namespace } = ctx;
  const annotations = baseAnnotations(ctx);
  const spec: Entity['spec'] = {
    type: COMPONENT_TYPE_CONSUMER,
    lifecycle: ctx.lifecycle,
    owner: ctx.owner,
    system: ctx.system,
  };
  // The labels realtime-webservice puts on its Deployment and pods.
  annotations[
    KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION
  ] = `app.kubernetes.io/name=${service.name},app.kubernetes.io/part-of=${app.name}`;
  annotations[KUBERNETES_NAMESPACE_ANNOTATION] = app.namespace;
  if (service.realtime) {
    const platformRef = stringifyEntityRef(
      ref('component', namespace, service.realtime),
    );
    annotations[ANNOTATION_PLATFORM_REF] = platformRef;
    annotations[ANNOTATION_CONNECTION_SECRET] = `${app.namespace}/${
      platformNames(service.realtime, app.namespace).connectionSecret
    }`;
    if (service.produces.length) {
      annotations[ANNOTATION_PRODUCES_TOPICS] = service.produces.join(', ');
    }
    if (service.consumes.length) {
      annotations[ANNOTATION_CONSUMES_TOPICS] = service.consumes.join(', ');
    }
    spec.dependsOn = [platformRef];
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: service.name,
      namespace,
      title: service.name,
      description: service.realtime
        ? `Webservice of application ${app.name}, wired to platform ${service.realtime}.`
        : `Webservice of application ${app.name}.`,
      annotations,
    },
    spec,
  };
}

const LIFECYCLE = /^[a-z0-9]+([-_.][a-z0-9]+)*$/i;

function checkOwnerAndLifecycle(ctx: Context) {
  const field = (annotation: string, key: string) =>
    annotation in ctx.app.annotations
      ? `metadata.annotations["${annotation}"]`
      : `app-config realtimePlatform.catalog.defaults.${key}`;
  try {
    parseEntityRef(ctx.owner, { defaultKind: 'group' });
  } catch {
    ctx.issues.push({
      file: ctx.app.file,
      field: field(APPLICATION_ANNOTATION_OWNER, 'owner'),
      message: 'the owner is not an entity reference',
      fix: 'write a group or user ref, e.g. group:default/platform-team',
    });
  }
  if (!LIFECYCLE.test(ctx.lifecycle) || ctx.lifecycle.length > 63) {
    ctx.issues.push({
      file: ctx.app.file,
      field: field(APPLICATION_ANNOTATION_LIFECYCLE, 'lifecycle'),
      message: 'the lifecycle is not a single word',
      fix: 'use e.g. production, experimental or deprecated',
    });
  }
}

/**
 * Turns a checked application into catalog entities in the realtime-platform
 * card's format: a System, a Component per OAM component, a Resource per
 * provisioned part, and the `hasPart`/`partOf` relations between a platform
 * and its parts.
 *
 * @public
 */
export function applicationToEntities(
  app: RealtimeApplication,
  options: RealtimeCatalogOptions,
): ApplicationEntities {
  const namespace = options.namespace ?? app.namespace;
  const ctx: Context = {
    app,
    options,
    namespace,
    owner: app.annotations[APPLICATION_ANNOTATION_OWNER] ?? options.owner,
    lifecycle:
      app.annotations[APPLICATION_ANNOTATION_LIFECYCLE] ?? options.lifecycle,
    system: stringifyEntityRef(ref('system', namespace, app.name)),
    issues: [],
  };
  checkOwnerAndLifecycle(ctx);
  const relations: EntityRelationSpec[] = [];
  const system: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: app.name,
      namespace,
      title: `${app.name} application`,
      description: `OAM Application ${app.name} (Kubernetes namespace ${app.namespace}): its realtime platforms and the services that use them.`,
      annotations: baseAnnotations(ctx),
    },
    spec: { owner: ctx.owner },
  };
  const entities = [
    system,
    ...app.platforms.flatMap(p => platformEntities(ctx, p, relations)),
    ...app.services.map(s => serviceEntity(ctx, s)),
  ];
  return { entities, relations, issues: ctx.issues };
}
