import { SERVICE_DNS_SUFFIX } from '@internal/realtime-platform-contract';
import {
  platformNames,
  SERVICE_COMPONENT_TYPE,
} from '@internal/realtime-platform-contract';
import {
  ComposedResource,
  RenderedComponent,
  RenderedPlatform,
  RenderResult,
} from '@internal/realtime-platform-kit';
import { Manifest, PlatformSpec } from './types';

/** The object a composed resource stands for: the manifest of a provider-kubernetes Object, else itself. */
export function manifestOf(c: ComposedResource): Manifest {
  return c.resource?.spec?.forProvider?.manifest ?? c.resource;
}

/** Everything the checks need about one rendered platform. */
export interface PlatformContext {
  result: RenderResult;
  platform: RenderedPlatform;
  spec: PlatformSpec;
  names: ReturnType<typeof platformNames>;
  /** The platform namespace. */
  pns: string;
  /** `<platform namespace>.svc.cluster.local`, the suffix of every Service address. */
  svcSuffix: string;
  /** Composition-resource-name → manifest. */
  byName: Map<string, Manifest>;
  get(name: string): Manifest | undefined;
  /** The webservices wired to this platform (`realtime:`). */
  webservices: RenderedComponent[];
  /** The objects those webservices render to. */
  webserviceObjects: Manifest[];
}

/** Builds the {@link PlatformContext} of one platform of a rendered application. */
export function platformContext(
  result: RenderResult,
  platform: RenderedPlatform,
): PlatformContext {
  const names = platformNames(platform.component, result.application.namespace);
  const byName = new Map(platform.composed.map(c => [c.name, manifestOf(c)]));
  const webservices = result.components.filter(
    c =>
      c.type === SERVICE_COMPONENT_TYPE &&
      c.parameter.realtime === platform.component,
  );
  return {
    result,
    platform,
    spec: platform.xr.spec,
    names,
    pns: names.platformNamespace,
    svcSuffix: `${names.platformNamespace}.${SERVICE_DNS_SUFFIX}`,
    byName,
    get: name => byName.get(name),
    webservices,
    webserviceObjects: result.objects.filter(o =>
      webservices.some(w => w.name === o.metadata.name),
    ),
  };
}
