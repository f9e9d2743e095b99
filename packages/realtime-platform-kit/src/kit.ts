import Ajv from 'ajv';
import {
  OamApplication,
  readApplication,
  parseApplication,
} from './application';
import {
  ComposedResource,
  loadCompositionFile,
  runComposition,
  xrdOpenApiSchema,
  CompositionFile,
} from './composition';
import {
  CONNECTION_KEYS,
  ConnectionKeySpec,
  crossComponentIssues,
  PLATFORM_COMPONENT_TYPE,
  platformNames,
  SERVICE_COMPONENT_TYPE,
  topicKey,
} from '@internal/realtime-platform-contract';
import {
  AppEvaluation,
  evaluateApplications,
  RenderedComponent,
} from './cueEval';
import { ComponentDefinition, loadDefinitions } from './definitions';
import {
  formatIssue,
  InvalidApplicationError,
  ValidationIssue,
} from './issues';
import { validateKubernetesObject } from './k8sValidate';
import {
  compositionRenderBinary as findCompositionRenderBinary,
  configuredTool,
  cueBinary as findCueBinary,
  defaultPaths,
  KitPaths,
  modulesRoot,
  platformDirPaths,
} from './paths';
import { parameterSchema, ParameterSchema } from './schema';
import { JsonValue, KubeObject } from './types';

/** An application file as parsed: the application, or the issues that kept it from parsing. */
type ParsedApplication = { app?: OamApplication; issues: ValidationIssue[] };

/** A Secret key reference of the platform parameters (`lenses.license`, `lenses.agentKey`). */
export interface SecretKeyRef {
  secretName: string;
  key: string;
}

/**
 * The parameters of a realtime-platform component (defaults filled in) as its composite's
 * `spec` carries them: checked against the XRD schema, the fields the kit and its consumers read
 * typed, the others `unknown`.
 */
export interface RealtimePlatformSpec {
  topics: { name: string; [key: string]: JsonValue }[];
  mqtt: {
    users: { name: string; access: string; topics: string[] }[];
    bridges: { mqttTopic: string; kafkaTopic: string; qos: number }[];
    [key: string]: unknown;
  };
  postgresql: {
    database: string;
    sink: { topics: string[]; valueFormat: string; [key: string]: unknown };
    [key: string]: unknown;
  };
  lenses?: {
    license: SecretKeyRef;
    agentKey: SecretKeyRef;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The RealtimePlatform composite resource a realtime-platform component renders. */
export interface RealtimePlatformXr extends KubeObject {
  spec: RealtimePlatformSpec;
}

/** A rendered realtime platform: its composite resource and what the Composition composes. */
export interface RenderedPlatform {
  component: string;
  /** The RealtimePlatform composite resource (the component's output). */
  xr: RealtimePlatformXr;
  composed: ComposedResource[];
}

/** Everything one application renders to. */
export interface RenderResult {
  file: string;
  application: { name: string; namespace: string };
  components: RenderedComponent[];
  /** The components' Kubernetes objects, namespaced as KubeVela applies them. */
  objects: KubeObject[];
  platforms: RenderedPlatform[];
}

/** Outcome of validating one file. */
export interface FileValidation {
  file: string;
  valid: boolean;
  issues: ValidationIssue[];
  /** Present only when valid. */
  result?: RenderResult;
}

/** One key of a platform's connection secret, as `secrets` reports it. */
export interface SecretKeyReport {
  key: string;
  description: string;
  shape: string;
  credential: boolean;
  /** The value for non-credential keys; credentials are never reported. */
  value?: string;
  /** The Service and port the value points to (checked against the composed Services). */
  service?: { name: string; namespace: string; port: number };
  /** Environment variable a webservice with `realtime:` gets (same as the key). */
  envVar: string;
}

/** The connection-secret contract of one platform. */
export interface PlatformSecrets {
  platform: string;
  secretName: string;
  /** Namespace of the connection secret (the application namespace, where consumers run). */
  namespace: string;
  platformNamespace: string;
  credentialsSecret: string;
  mqttUsersSecret: string;
  keys: SecretKeyReport[];
  /** Webservices that receive the secret through `envFrom`. */
  consumers: string[];
}

/**
 * Options for {@link createKit}: where the platform files and the tools come from. Each one
 * unset keeps the default discovery, so a kit inside this repository needs none; a kit without
 * the repository around it (a production image) sets them. Relative paths resolve against the
 * working directory. A configured path that is not usable fails the constructor with a
 * {@link KitPathError} naming the option.
 */
export interface KitOptions {
  /**
   * Directory holding `realtime-component-definitions.yaml` and `realtime-compositions.yaml`
   * (a copy of the repository's `platform/`). Default: `platform/` of the repository found by
   * walking up from the kit's own sources ({@link findRoot}).
   */
  platformDir?: string;
  /**
   * The cue binary (the version `scripts/lib.sh` pins as CUE_VERSION). Default: `$CUE_BIN`, else
   * `<root>/.tools/bin/cue`, else `cue` on PATH.
   */
  cueBinary?: string;
  /**
   * The composition renderer built from `tools/composition-render`. Default:
   * `$COMPOSITION_RENDER_BIN`, else `<root>/.tools/bin/composition-render`, else on PATH.
   */
  compositionRenderBinary?: string;
  /** Single-file overrides; they win over {@link KitOptions.platformDir}. */
  paths?: Partial<KitPaths>;
}

const PLATFORM_TYPE = PLATFORM_COMPONENT_TYPE;
const SERVICE_TYPE = SERVICE_COMPONENT_TYPE;

/** Decodes a base64 secret value. */
export function decodeSecretValue(v: string): string {
  return Buffer.from(v, 'base64').toString('utf8');
}

/** The `spec` fields of a Service that {@link composedServices} reads. */
interface ServiceSpec {
  ports: { port: number }[];
  selector?: Record<string, string>;
}

/** Services the Composition creates (from provider-kubernetes Object manifests). */
export function composedServices(composed: ComposedResource[]): {
  name: string;
  namespace: string;
  ports: number[];
  selector: Record<string, string>;
}[] {
  return composed
    .map(c => c.resource?.spec?.forProvider?.manifest)
    .filter((m): m is KubeObject => m?.kind === 'Service')
    .map(m => {
      const spec = m.spec as ServiceSpec;
      return {
        name: m.metadata.name,
        // Composed Services always name their namespace (the platform namespace).
        namespace: m.metadata.namespace!,
        ports: spec.ports.map(p => p.port),
        selector: spec.selector ?? {},
      };
    });
}

/** Splits a `host`, `host:port` or URL value into host and port. */
export function parseEndpoint(
  value: string,
  defaultPort?: number,
): { host: string; port?: number } {
  const url = /^[a-z]+:\/\/(?:[^@/]*@)?([^:/]+)(?::(\d+))?/.exec(value);
  if (url) return { host: url[1], port: url[2] ? Number(url[2]) : defaultPort };
  const hp = /^([^:]+)(?::(\d+))?$/.exec(value);
  if (hp) return { host: hp[1], port: hp[2] ? Number(hp[2]) : defaultPort };
  return { host: value, port: defaultPort };
}

/** The kit: definitions, schemas and the render/validate/secrets operations. */
export class RealtimeKit {
  readonly paths: KitPaths;
  readonly definitions: Map<string, ComponentDefinition>;
  readonly compositionFile: CompositionFile;
  private readonly validateXr: ReturnType<Ajv['compile']>;
  private readonly tools: { cue?: string; compositionRender?: string };
  private modules?: string;

  constructor(options: KitOptions = {}) {
    const defaults = options.platformDir
      ? platformDirPaths(options.platformDir)
      : defaultPaths(options.paths?.root);
    this.paths = { ...defaults, ...options.paths };
    // Configured tools are checked now (a wrong path fails early); discovered ones on first use.
    this.tools = {
      cue: options.cueBinary && configuredTool('cueBinary', options.cueBinary),
      compositionRender:
        options.compositionRenderBinary &&
        configuredTool(
          'compositionRenderBinary',
          options.compositionRenderBinary,
        ),
    };
    this.definitions = loadDefinitions(this.paths.definitions);
    this.compositionFile = loadCompositionFile(this.paths.compositions);
    const ajv = new Ajv({ strict: false, allErrors: true });
    this.validateXr = ajv.compile({
      type: 'object',
      properties: {
        spec: xrdOpenApiSchema(this.compositionFile.xrd).properties!.spec,
      },
    });
  }

  /** The cue binary this kit runs: {@link KitOptions.cueBinary}, else discovered. */
  cueBinary(): string {
    return findCueBinary(this.paths.root, this.tools.cue);
  }

  /** The composition renderer this kit runs: {@link KitOptions.compositionRenderBinary}, else discovered. */
  compositionRenderBinary(): string {
    return findCompositionRenderBinary(
      this.paths.root,
      this.tools.compositionRender,
    );
  }

  /** Directory whose node_modules has the Kubernetes schemas ({@link modulesRoot}). */
  private get kubernetesModelsRoot(): string {
    return (this.modules ??= modulesRoot(this.paths.root));
  }

  /** Component type names the definitions declare. */
  get componentTypes(): string[] {
    return [...this.definitions.keys()];
  }

  /** Parameter schema (typed tree + OpenAPI) of one component type. */
  schema(type: string): Promise<ParameterSchema> {
    const def = this.definitions.get(type);
    if (!def) throw new Error(`unknown component type ${type}`);
    return parameterSchema(def, this.paths.root, this.tools.cue);
  }

  /** Parameter schemas of every component type. */
  async schemas(): Promise<Map<string, ParameterSchema>> {
    const out = new Map<string, ParameterSchema>();
    for (const t of this.componentTypes) out.set(t, await this.schema(t));
    return out;
  }

  /** Validates and renders application files in one cue run and one composition run. */
  async validateFiles(files: string[]): Promise<FileValidation[]> {
    return this.validateApplications(
      files.map(f => readApplication(f, this.componentTypes)),
      files,
    );
  }

  /** Same as {@link RealtimeKit.validateFiles} for in-memory application texts. */
  async validateTexts(
    texts: { file: string; text: string }[],
  ): Promise<FileValidation[]> {
    return this.validateApplications(
      texts.map(t => parseApplication(t.text, t.file, this.componentTypes)),
      texts.map(t => t.file),
    );
  }

  private async validateApplications(
    parsed: ParsedApplication[],
    files: string[],
  ): Promise<FileValidation[]> {
    const schemas = await this.schemas();
    const apps = parsed.map(p => p.app).filter((a): a is OamApplication => !!a);
    const evals = await evaluateApplications(
      apps,
      this.definitions,
      schemas,
      this.cueBinary(),
    );
    const evalByApp = new Map(apps.map((a, i) => [a, evals[i]]));
    const results = parsed.map((p, i) =>
      this.checkEvaluation(files[i], p, p.app && evalByApp.get(p.app)),
    );
    await this.composePlatforms(results);
    for (const fv of results) {
      if (!fv.result || fv.issues.length) continue;
      fv.issues.push(...this.kubernetesSchemaIssues(fv.file, fv.result));
    }
    for (const fv of results) {
      fv.valid = fv.issues.length === 0;
      if (!fv.valid) delete fv.result;
    }
    return results;
  }

  /**
   * The validation of one file up to the Composition: its parse and cue issues, else the checks
   * across components, else its result (not composed yet) with the XRD schema's issues.
   */
  private checkEvaluation(
    file: string,
    parsed: ParsedApplication,
    evaluation: AppEvaluation | undefined,
  ): FileValidation {
    const fv: FileValidation = {
      file,
      valid: false,
      issues: [...parsed.issues],
    };
    if (!parsed.app || !evaluation) return fv;
    fv.issues.push(...evaluation.issues);
    if (fv.issues.length) return fv;
    fv.issues.push(...this.crossChecks(parsed.app, evaluation.components));
    if (fv.issues.length) return fv;
    fv.result = this.toResult(parsed.app, evaluation.components);
    for (const platform of fv.result.platforms)
      fv.issues.push(...this.xrSchemaIssues(file, platform));
    return fv;
  }

  /** Where a platform's composite resource does not match the XRD's schema. */
  private xrSchemaIssues(
    file: string,
    platform: RenderedPlatform,
  ): ValidationIssue[] {
    if (this.validateXr({ spec: platform.xr.spec })) return [];
    return (this.validateXr.errors ?? []).map(e => ({
      file,
      component: platform.component,
      field: e.instancePath.replace(/^\/spec\//, '').replace(/\//g, '.'),
      message: `composite resource does not match the XRD schema: ${e.message}`,
      fix: 'the definition and the XRD disagree; regenerate the XRD schema (realtime-kit xrd)',
    }));
  }

  /**
   * Composes every platform of the rendered results in one renderer run, filling in each
   * platform's composed resources or its file's issue.
   */
  private async composePlatforms(results: FileValidation[]): Promise<void> {
    const queue = results.flatMap(fv =>
      (fv.result?.platforms ?? []).map(platform => ({ fv, platform })),
    );
    const composed = await runComposition(
      this.compositionRenderBinary(),
      this.paths.compositions,
      queue.map(q => ({ xr: q.platform.xr })),
    );
    queue.forEach(({ fv, platform }, i) => {
      const c = composed[i];
      if (c.error) {
        fv.issues.push({
          file: fv.file,
          component: platform.component,
          message: `the Composition failed: ${c.error}`,
          fix: 'report this: the definition accepted input the Composition cannot render',
        });
        return;
      }
      platform.composed = c.resources;
    });
  }

  /** The objects of a composed result that fail their Kubernetes schema. */
  private kubernetesSchemaIssues(
    file: string,
    result: RenderResult,
  ): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    for (const obj of this.allObjects(result)) {
      const err = validateKubernetesObject(this.kubernetesModelsRoot, obj);
      if (err)
        issues.push({
          file,
          component:
            obj.metadata?.labels?.['realtime.platform.example.org/platform'],
          message: `${obj.kind} ${obj.metadata?.name} fails the Kubernetes schema: ${err}`,
          fix: 'report this: the templates produce an invalid object',
        });
    }
    return issues;
  }

  /** Every standard Kubernetes object a result contains (component outputs, composed objects and Object manifests). */
  allObjects(result: RenderResult): KubeObject[] {
    const out = [...result.objects];
    for (const p of result.platforms) {
      for (const c of p.composed) {
        out.push(c.resource);
        const m = c.resource?.spec?.forProvider?.manifest;
        if (m) out.push(m);
      }
    }
    return out;
  }

  private crossChecks(
    app: OamApplication,
    comps: RenderedComponent[],
  ): ValidationIssue[] {
    const platforms = comps
      .filter(c => c.type === PLATFORM_TYPE)
      .map(c => ({
        name: c.name,
        topics: (c.parameter.topics as { name: string }[]).map(t => t.name),
      }));
    const services = comps
      .filter(c => c.type === SERVICE_TYPE)
      .map(c => ({
        name: c.name,
        realtime: c.parameter?.realtime as string | undefined,
        produces: (c.parameter?.produces ?? []) as string[],
        consumes: (c.parameter?.consumes ?? []) as string[],
      }));
    return crossComponentIssues(platforms, services).map(i => ({
      file: app.file,
      ...i,
    }));
  }

  private toResult(
    app: OamApplication,
    comps: RenderedComponent[],
  ): RenderResult {
    const objects: KubeObject[] = [];
    const platforms: RenderedPlatform[] = [];
    for (const c of comps) {
      for (const obj of [c.output, ...Object.values(c.outputs)]) {
        obj.metadata = { ...obj.metadata, namespace: app.namespace };
        objects.push(obj);
      }
      // The definition's output is the composite; validateXr checks its spec afterwards.
      if (c.type === PLATFORM_TYPE)
        platforms.push({
          component: c.name,
          xr: c.output as RealtimePlatformXr,
          composed: [],
        });
    }
    return {
      file: app.file,
      application: { name: app.name, namespace: app.namespace },
      components: comps,
      objects,
      platforms,
    };
  }

  /** Renders one application file; throws {@link InvalidApplicationError} when it is invalid. */
  async render(file: string): Promise<RenderResult> {
    const [fv] = await this.validateFiles([file]);
    if (!fv.valid) throw new InvalidApplicationError(fv.issues);
    return fv.result!;
  }

  /** The connection-secret contract of every platform in an application file. */
  async secrets(file: string): Promise<PlatformSecrets[]> {
    const result = await this.render(file);
    return result.platforms.map(p => platformSecrets(result, p));
  }
}

/** The fixed keys of a connection secret, then one per declared topic. */
function connectionKeySpecs(topics: string[]): ConnectionKeySpec[] {
  return [
    ...CONNECTION_KEYS,
    ...topics.map(t => ({
      key: topicKey(t),
      description: `Name of the declared topic "${t}"`,
      shape: 'topic name',
      credential: false,
    })),
  ];
}

/**
 * The report of one key of a connection secret: its value unless it is a credential, and the
 * composed Service in the platform namespace it points to.
 */
function secretKeyReport(
  spec: ConnectionKeySpec,
  encoded: string,
  services: ReturnType<typeof composedServices>,
  platformNs: string,
): SecretKeyReport {
  const report: SecretKeyReport = {
    key: spec.key,
    description: spec.description,
    shape: spec.shape,
    credential: spec.credential,
    envVar: spec.key,
  };
  const value = decodeSecretValue(encoded);
  if (!spec.credential) report.value = value;
  const svc = spec.service;
  if (svc) {
    const found = services.find(
      x =>
        x.name === svc.name &&
        x.namespace === platformNs &&
        x.ports.includes(svc.port),
    );
    if (found)
      report.service = {
        name: found.name,
        namespace: found.namespace,
        port: svc.port,
      };
  }
  return report;
}

/** The connection-secret contract of one platform of a rendered application. */
function platformSecrets(
  result: RenderResult,
  p: RenderedPlatform,
): PlatformSecrets {
  const names = platformNames(p.component, result.application.namespace);
  const data = p.composed.find(c => c.name === 'connection')!.resource.data!;
  const services = composedServices(p.composed);
  const keys = connectionKeySpecs(p.xr.spec.topics.map(t => t.name))
    .filter(s => data[s.key] !== undefined)
    .map(s =>
      secretKeyReport(s, data[s.key], services, names.platformNamespace),
    );
  const consumers = result.components
    .filter(
      c => c.type === SERVICE_TYPE && c.parameter.realtime === p.component,
    )
    .map(c => c.name);
  return {
    platform: p.component,
    secretName: names.connectionSecret,
    namespace: result.application.namespace,
    platformNamespace: names.platformNamespace,
    credentialsSecret: names.credentialsSecret,
    mqttUsersSecret: names.mqttUsersSecret,
    keys,
    consumers,
  };
}

let defaultKit: RealtimeKit | undefined;

/**
 * Creates a kit. Without options it returns one shared kit over the repository's platform files
 * and the discovered tools; with {@link KitOptions} (platform directory, cue and renderer
 * binaries from configuration) a new kit.
 */
export function createKit(options?: KitOptions): RealtimeKit {
  if (!options) return (defaultKit ??= new RealtimeKit());
  return new RealtimeKit(options);
}

/** Renders an application file with the repository's definitions. */
export function render(applicationFile: string): Promise<RenderResult> {
  return createKit().render(applicationFile);
}

/** Validates application files with the repository's definitions. */
export function validate(files: string[]): Promise<FileValidation[]> {
  return createKit().validateFiles(files);
}

/** The connection-secret contract of every platform in an application file. */
export function secrets(applicationFile: string): Promise<PlatformSecrets[]> {
  return createKit().secrets(applicationFile);
}

export { formatIssue };
