#!/usr/bin/env bash
# Runs the k8s-ops portal.
#
#   scripts/start.sh                         development: the app on
#                                            http://localhost:3000 (reloads on
#                                            edits), the backend on :7007,
#                                            guest sign-in
#   scripts/start.sh --production [--guest]  the production build: app and
#                                            backend on http://localhost:7007;
#                                            guest sign-in only with --guest
#
# Its embedded SQLite database lives in files in .k8s-ops-data/ (set
# K8S_OPS_DATA to use another folder), beside the key that encrypts the
# credentials of registered clusters, made once: registered clusters and the
# audit trail survive a restart.
#
# With no clusters of your own configured (k8sOps in app-config.local.yaml),
# it starts three local clusters (dev, staging, prod) with demo workloads and
# registers them. Set K8S_OPS_LOCAL_CLUSTERS=0 to skip them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
usage="usage: scripts/start.sh [--production [--guest]]"
production=0
guest=0
for arg in "$@"; do
  case $arg in
    --production) production=1 ;;
    --guest) guest=1 ;;
    *) echo "$usage" >&2 && exit 2 ;;
  esac
done
if [ "$production" = 0 ]; then
  [ "$guest" = 0 ] || { echo "$usage (development always signs in as the guest)" >&2 && exit 2; }
  guest=1
fi

source scripts/toolchain.sh
k8s_ops_toolchain
yarn install --immutable

# --- the data folder: database files and the encryption key ---------------
data_config="$(node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
  packages/backend/src/localData/cli.ts "${K8S_OPS_DATA:-.k8s-ops-data}")"

# --- configuration, later files winning ------------------------------------
configs=(--config "$PWD/app-config.yaml")
[ "$guest" = 0 ] || configs+=(--config "$PWD/app-config.guest.yaml")
[ "$production" = 0 ] || configs+=(--config "$PWD/app-config.production.yaml")

local_config=app-config.kube.local.yaml
clusters_pid=""
if [ "${K8S_OPS_LOCAL_CLUSTERS:-1}" != 0 ] && ! grep -qs '^k8sOps:' app-config.local.yaml; then
  K8S_OPS_KUBE_BIN="$(tools/kube/build.sh)"
  export K8S_OPS_KUBE_BIN
  rm -f "$local_config"
  node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs \
    packages/local-kube/src/cli.ts --out "$local_config" dev staging prod &
  clusters_pid=$!
  trap 'kill $clusters_pid 2>/dev/null; wait $clusters_pid 2>/dev/null' EXIT
fi

# --- production: build and install while the clusters start ----------------
build=.k8s-ops-production
if [ "$production" = 1 ]; then
  # The backend's build also builds the app (minified) and every package the
  # backend uses, into a workspace of its own with production dependencies
  # only; the app's configuration is injected when the backend serves it.
  export NODE_ENV=production
  yarn workspace backend build \
    --config "$PWD/app-config.yaml" --config "$PWD/app-config.production.yaml"
  mkdir -p "$build"
  # node_modules stays, so that an unchanged install takes seconds.
  rm -rf "$build/packages" "$build/plugins"
  tar xzf packages/backend/dist/skeleton.tar.gz -C "$build"
  tar xzf packages/backend/dist/bundle.tar.gz -C "$build"
  cp .yarnrc.yml "$build/"
  (cd "$build" && yarn workspaces focus --all --production)
fi

if [ -n "$clusters_pid" ]; then
  until [ -f "$local_config" ]; do
    kill -0 "$clusters_pid" 2>/dev/null || { echo "the local clusters failed to start" >&2; exit 1; }
    sleep 0.5
  done
  configs+=(--config "$PWD/$local_config")
fi
# After the local clusters' config, whose key lasts one run only.
configs+=(--config "$data_config")
if [ -f app-config.local.yaml ]; then
  configs+=(--config "$PWD/app-config.local.yaml")
fi

if [ "$production" = 0 ]; then
  yarn start "${configs[@]}"
  exit
fi

# The production backend, from packages/backend as in development, so that the relative catalog
# locations of app-config.yaml hold.
cd packages/backend
node "../../$build/packages/backend" "${configs[@]}"
