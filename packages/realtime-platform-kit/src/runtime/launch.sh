#!/bin/sh
# Starts one container of the local runtime. Run by the runtime as
#   ip netns exec <pod netns> unshare --mount --uts --propagation private \
#     /bin/sh launch.sh <layer dir> <mounts file> <hostname> <workdir> <uid> <gid> <groups> \
#       <restrictions> -- <argv...>
# with the container's composed environment. Inside the pod's private network namespace and a
# new mount namespace it builds the container's filesystem view: the host's directories as
# read-only lower layers of per-container overlays (writes land in <layer dir>, never on the
# host), fresh /tmp and /run, then each volume bind-mounted at its composed mountPath. Then it
# sets the pod's hostname, changes root into that view and executes the container's argv.
# <uid> and <gid> are `-` for root; <groups> the supplementary groups (the pod's fsGroup; `-` for
# the user's groups in the view's /etc/group, none when the uid has no entry, as in a container);
# <restrictions> (`-` for none) is a comma list of the
# container's securityContext: ro (readOnlyRootFilesystem: every layer but the volumes read-only),
# nnp (allowPrivilegeEscalation false: no_new_privs), nocaps (capabilities drop ALL).
# Its own variables are not exported, so the container sees exactly the composed environment.
set -eu
layer=$1 mounts=$2 host=$3 workdir=$4 user=$5 group=$6 groups=$7 restrictions=$8
shift 8
[ "$1" = -- ] && shift
root="$layer/root"
/usr/bin/mkdir -p "$root" "$layer/upper" "$layer/work"
/usr/bin/mount -t tmpfs -o mode=0755 rootfs "$root"
for entry in /*; do
  name=${entry#/}
  if [ -L "$entry" ]; then
    /usr/bin/ln -s "$(/usr/bin/readlink "$entry")" "$root/$name"
    continue
  fi
  [ -d "$entry" ] || continue
  /usr/bin/mkdir -p "$root/$name"
  case $name in
    proc | sys | dev) /usr/bin/mount --rbind "$entry" "$root/$name" ;;
    tmp | run) /usr/bin/mount -t tmpfs -o mode=1777 "$name" "$root/$name" ;;
    lost+found) ;;
    *)
      /usr/bin/mkdir -p "$layer/upper/$name" "$layer/work/$name"
      /usr/bin/mount -t overlay overlay \
        -o "lowerdir=$entry,upperdir=$layer/upper/$name,workdir=$layer/work/$name" "$root/$name"
      ;;
  esac
done
# A target path inside the view: a symlink on the way (/var/run -> /run) resolves in the view,
# never on the host.
inside() {
  resolved=
  rest=${1#/}
  while [ -n "$rest" ]; do
    part=${rest%%/*}
    [ "$part" = "$rest" ] && rest= || rest=${rest#*/}
    next="$resolved/$part"
    if [ -L "$root$next" ]; then
      target=$(/usr/bin/readlink "$root$next")
      case $target in /*) next=$target ;; *) next="$resolved/$target" ;; esac
    fi
    resolved=$next
  done
  printf '%s' "$resolved"
}
# kind <TAB> source <TAB> target, one per line, parents before children: bind, bind-ro
# (directories or files). Mount points are made first: with a read-only root the container's own layers turn read-only before
# the volumes are bound over them.
tab=$(printf '\t')
while IFS="$tab" read -r kind src dst; do
  [ -n "$kind" ] || continue
  dst=$(inside "$dst")
  if [ -d "$src" ]; then /usr/bin/mkdir -p "$root$dst"; else
    /usr/bin/mkdir -p "$(/usr/bin/dirname "$root$dst")"
    [ -e "$root$dst" ] || : >"$root$dst"
  fi
done <"$mounts"
/usr/bin/mkdir -p "$root$workdir"
has() { case ",$restrictions," in *",$1,"*) return 0 ;; esac; return 1; }
if has ro; then
  for entry in "$root"/*; do
    case ${entry#"$root"/} in proc | sys | dev) continue ;; esac
    [ -L "$entry" ] || ! /usr/bin/mountpoint -q "$entry" || /usr/bin/mount -o remount,ro "$entry"
  done
  /usr/bin/mount -o remount,ro "$root"
fi
while IFS="$tab" read -r kind src dst; do
  [ -n "$kind" ] || continue
  dst=$(inside "$dst")
  # A mount point inside a volume bound just before (the repository under a /tmp volume).
  if [ ! -e "$root$dst" ]; then
    if [ -d "$src" ]; then /usr/bin/mkdir -p "$root$dst"; else : >"$root$dst"; fi
  fi
  /usr/bin/mount --bind "$src" "$root$dst"
  [ "$kind" = bind-ro ] && /usr/bin/mount -o remount,bind,ro "$root$dst"
done <"$mounts"
/usr/bin/hostname "$host"
opts=
has nnp && opts="--no-new-privs"
has nocaps && opts="$opts --bounding-set=-all --inh-caps=-all"
if [ "$user" != - ]; then
  [ "$group" = - ] && group=$user
  if [ "$groups" != - ]; then
    opts="--groups=$groups $opts"
  elif /usr/sbin/chroot "$root" /usr/bin/getent passwd "$user" >/dev/null; then
    opts="--init-groups $opts"
  else
    opts="--clear-groups $opts"
  fi
  opts="--reuid=$user --regid=$group $opts"
fi
if [ -z "$opts" ]; then
  exec /usr/sbin/chroot "$root" /usr/bin/env --chdir="$workdir" -- "$@"
fi
# shellcheck disable=SC2086 # $opts is a list of options
exec /usr/sbin/chroot "$root" /usr/bin/setpriv $opts /usr/bin/env --chdir="$workdir" -- "$@"
