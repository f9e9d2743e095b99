// This file only marks the module root. Build with one of the per-release module files, e.g.
//   go build -modfile=go.v1.10.mod -ldflags "-X main.kubevela=v1.10.9" -o kubevela-cue-v1.10 .
// (scripts/setup.d/35-kubevela-cue.sh builds every supported release).
module example.org/realtime/tools/kubevela-cue

go 1.22
