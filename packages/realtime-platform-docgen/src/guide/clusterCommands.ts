/**
 * Which kubectl commands of the docs can run on the simulated cluster (a real kube-apiserver with
 * kwok nodes and both examples applied), and how: a command that changes the cluster runs as a
 * server-side dry run, a watch runs once, and an example pod name stands for a pod of its
 * Deployment. The others are named with the reason they cannot run there.
 */

/** How one docs command meets the simulated cluster. */
export type CommandPlan =
  | { run: true; command: string }
  | { run: false; reason: string };

/** No container runs on kwok nodes: nothing to exec into, no logs, no port to forward. */
export const NO_CONTAINERS = 'needs a running container (kwok nodes run none)';
/** Crossplane, its packages and KubeVela cannot be installed here. */
export const NO_CROSSPLANE =
  'needs Crossplane or KubeVela resource types, which cannot be installed here';
const FRAGMENT = 'a fragment or a template, not a whole command';

const CONTAINER_VERBS = new Set([
  'exec',
  'logs',
  'port-forward',
  'cp',
  'run',
  'attach',
]);

/** Verbs that change objects in place: they run with `--dry-run=server`. */
const DRY_RUN_VERBS: ReadonlySet<string> = new Set([
  'delete',
  'patch',
  'scale',
  'label',
  'annotate',
]);

/** kubectl's verb in an argument list, skipping `-n <ns>` and other leading flags. */
export function kubectlVerb(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n' || args[i] === '--namespace') i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return undefined;
}

/** Resource types of Crossplane and KubeVela, or manifests that hold them. */
const NEEDS_CROSSPLANE = [
  /\bpkg\.crossplane\.io\b/,
  /\bkubernetes\.m\.crossplane\.io\b/,
  /\bxrd\//,
  /\bcomponentdefinitions\b/,
  /-f platform\/realtime-(compositions|component-definitions)\.yaml/,
  /-f platform\/examples\//,
  /-f docs\/user-guide\/examples\//,
];

/** The plan for one command line of a page (continuations already joined). */
export function planCommand(line: string): CommandPlan {
  const segments = line
    .split(/\bkubectl\s+/)
    .slice(1)
    .map(rest => rest.split(/\s+/).filter(Boolean));
  const verbs = segments.map(kubectlVerb);
  if (
    !/^(\S+=\$\()?kubectl\s/.test(line) ||
    verbs.some(
      (v, i) => !v || segments[i].indexOf(v) === segments[i].length - 1,
    ) ||
    /\.\.\.|<[A-Za-z][\w-]*>/.test(line) ||
    /[|\\]$/.test(line)
  )
    return { run: false, reason: FRAGMENT };
  if (verbs.some(v => CONTAINER_VERBS.has(v!)))
    return { run: false, reason: NO_CONTAINERS };
  if (NEEDS_CROSSPLANE.some(re => re.test(line)))
    return { run: false, reason: NO_CROSSPLANE };
  return { run: true, command: line };
}

/**
 * A `kubectl` for the docs' commands. Changes run as server-side dry runs: `create` as the object
 * it would create, applied (so one the seeded cluster already holds is still checked), and
 * `rollout restart` as the patch it sends (kubectl has no dry run for it). `apply -f` runs for
 * real, as the reader runs it: a dry run cannot create a namespace that the file's next objects
 * need, and a file the docs apply adds objects, never changes the seeded ones. `-w` runs once. A
 * missing key of a `{.data.KEY}` template is an error (kubectl would print nothing and succeed).
 * An example pod name `<deployment>-<hash>-<id>` becomes a pod of that Deployment.
 */
export function kubectlShim(kubectl: string): string {
  return `#!/usr/bin/env bash
set -o pipefail
real=${JSON.stringify(kubectl)}
args=() ns=() verb=
while [ $# -gt 0 ]; do
  case "$1" in
    -w|--watch) ;;
    -n|--namespace) ns=(-n "$2"); args+=("$1" "$2"); shift ;;
    *)
      [ -z "$verb" ] && [ "\${1#-}" = "$1" ] && verb=$1
      if [[ "$1" =~ ^([a-z0-9-]+)-[a-z0-9]{8,10}-[a-z0-9]{5}$ ]]; then
        pod=$("$real" "\${ns[@]}" get pods -l "app.kubernetes.io/name=\${BASH_REMATCH[1]}" -o jsonpath='{.items[0].metadata.name}')
        args+=("\${pod:-$1}")
      else args+=("$1"); fi ;;
  esac
  shift
done
case "$verb" in
  create) "$real" "\${args[@]}" --dry-run=client -o yaml | "$real" "\${ns[@]}" apply --dry-run=server -f - ;;
  ${[...DRY_RUN_VERBS].join(
    '|',
  )}) exec "$real" "\${args[@]}" --dry-run=server ;;
  rollout)
    if [[ " \${args[*]} " == *" restart "* ]]; then
      rest=() kind=
      for a in "\${args[@]}"; do case "$a" in rollout|restart|-n|"\${ns[1]:-}") ;; *) rest+=("$a") ;; esac; done
      [[ "\${rest[0]}" == */* ]] || { kind=\${rest[0]}; rest=("\${rest[@]:1}"); }
      patch='{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"now"}}}}}'
      for r in "\${rest[@]}"; do
        "$real" "\${ns[@]}" patch \${kind:+"$kind"} "$r" -p "$patch" --dry-run=server || exit 1
      done
    else exec "$real" "\${args[@]}"; fi ;;
  *)
    for a in "\${args[@]}"; do
      [[ "$a" =~ ^jsonpath=\\{\\.data\\.[^}]+\\}$ ]] && exec "$real" "\${args[@]}" --allow-missing-template-keys=false
    done
    exec "$real" "\${args[@]}" ;;
esac
`;
}
