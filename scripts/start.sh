#!/usr/bin/env bash
# Runs the k8s-ops portal: frontend on http://localhost:3000, backend on
# http://localhost:7007, with an embedded SQLite database.
#
# With no clusters of your own configured (k8sOps in app-config.local.yaml),
# it starts three local clusters (dev, staging, prod) with demo workloads and
# registers them. Set K8S_OPS_LOCAL_CLUSTERS=0 to skip them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh
k8s_ops_toolchain
yarn install --immutable

configs=(--config "$PWD/app-config.yaml")
if [ -f app-config.local.yaml ]; then
  configs+=(--config "$PWD/app-config.local.yaml")
fi

local_config=app-config.kube.local.yaml
if [ "${K8S_OPS_LOCAL_CLUSTERS:-1}" != 0 ] && ! grep -qs '^k8sOps:' app-config.local.yaml; then
  K8S_OPS_KUBE_BIN="$(tools/kube/build.sh)"
  export K8S_OPS_KUBE_BIN
  rm -f "$local_config"
  node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
    packages/local-kube/src/cli.ts --out "$local_config" dev staging prod &
  clusters_pid=$!
  trap 'kill $clusters_pid 2>/dev/null; wait $clusters_pid 2>/dev/null' EXIT
  until [ -f "$local_config" ]; do
    kill -0 "$clusters_pid" 2>/dev/null || { echo "the local clusters failed to start" >&2; exit 1; }
    sleep 0.5
  done
  configs+=(--config "$PWD/$local_config")
fi

yarn start "${configs[@]}"
