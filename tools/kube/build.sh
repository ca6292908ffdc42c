#!/usr/bin/env bash
# Builds the local control plane binaries (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok) from the Go module proxy.
# Binaries are cached outside the repository, keyed by the pinned module
# versions and the Go version, so a build happens only when one is missing.
# Prints the directory that holds the binaries on its last line.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${K8S_OPS_CACHE:-$HOME/.cache/k8s-ops}"
kube_version="v1.34.4"

command -v go >/dev/null || { echo "go is required to build the local control plane (Go 1.26 or newer)" >&2; exit 1; }

key="$(cat "$here"/*/go.mod "$here"/*/go.sum "$here"/etcd/main.go "$here/build.sh" | sha256sum | cut -c1-16)-$(go env GOVERSION)"
out="$cache_root/kube/$key"
bins=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

missing=0
for b in "${bins[@]}"; do [ -x "$out/$b" ] || missing=1; done
if [ "$missing" = 0 ]; then
  echo "$out"
  exit 0
fi

mkdir -p "$out.tmp"
export GOFLAGS="-buildvcs=false -mod=readonly"
export CGO_ENABLED=0
start=$(date +%s)
echo "building control plane binaries into $out (cold builds take several minutes)" >&2

pkg=k8s.io/component-base/version
ldflags="-s -w -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=34 -X $pkg.gitTreeState=clean"
(cd "$here/kubernetes" && go build -trimpath -ldflags "$ldflags" -o "$out.tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler) >&2
(cd "$here/etcd" && go build -trimpath -ldflags "-s -w" -o "$out.tmp/etcd" .) >&2
(cd "$here/kwok" && go build -trimpath -ldflags "-s -w" -o "$out.tmp/" sigs.k8s.io/kwok/cmd/kwok) >&2

rm -rf "$out"
mv "$out.tmp" "$out"
echo "built control plane binaries in $(( $(date +%s) - start ))s" >&2
echo "$out"
