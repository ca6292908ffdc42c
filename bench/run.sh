#!/usr/bin/env bash
# Runs a benchmark of bench/: `bench/run.sh list-pods`.
# Uses the same toolchain and control plane binaries as the tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
name="${1:?usage: bench/run.sh <benchmark>, one of: $(ls bench/*.ts | xargs -n1 basename | sed 's/\.ts$//' | tr '\n' ' ')}"
source scripts/toolchain.sh
k8s_ops_toolchain
yarn install --immutable >/dev/null
K8S_OPS_KUBE_BIN="$(tools/kube/build.sh)"
export K8S_OPS_KUBE_BIN
exec node --expose-gc --max-old-space-size=4096 \
  --require ./node_modules/@backstage/cli/config/nodeTransform.cjs "bench/$name.ts"
