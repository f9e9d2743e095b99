/**
 * OCI references of Crossplane packages (`xpkg.crossplane.io/crossplane-contrib/function-x:v1.2.3`)
 * and the object names Crossplane derives from them.
 */

/** A package reference split into its parts. */
export interface PackageRef {
  /** The registry host (`xpkg.crossplane.io`); empty when the reference names none. */
  registry: string;
  /** The repository path below the registry (`crossplane-contrib/function-x`). */
  repository: string;
  /** `registry/repository`: what a Configuration's `dependsOn[].package` names. */
  source: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits a reference as go-containerregistry's `name.ParseReference` reads one: a first path
 * component holding a `.` or `:` (or `localhost`) is the registry, `@sha256:…` a digest, a `:` in
 * the last component a tag.
 */
export function parsePackageRef(ref: string): PackageRef {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const [first, ...others] = rest.split('/');
  const hasRegistry =
    others.length > 0 &&
    (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : '';
  const repository = hasRegistry ? others.join('/') : rest;
  return {
    registry,
    repository,
    source: rest,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/**
 * The DNS label Crossplane makes of a string, as crossplane-runtime pkg/xpkg/name.go `ToDNSLabel`
 * does: lower-case letters and digits kept, `.` `/` `:` `-` turned into `-` (not at the first or
 * last position), everything else dropped, cut after 63 characters, `-` trimmed at both ends.
 */
export function toDnsLabel(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    if ('./:-'.includes(c) && i !== 0 && i !== 62 && i !== s.length - 1)
      out += '-';
    if (i === 62) break;
  }
  return out.replace(/^-+|-+$/g, '');
}

/**
 * The name of the package object Crossplane creates for a dependency it installs: the DNS label
 * of the repository path (crossplane internal/controller/pkg/resolver/reconciler.go `NewPackage`),
 * e.g. `crossplane-contrib-function-go-templating`. A Composition of a Configuration package
 * must call its functions by these names.
 */
export function dependencyObjectName(packageRef: string): string {
  return toDnsLabel(parsePackageRef(packageRef).repository);
}
